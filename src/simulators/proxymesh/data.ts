/**
 * Seed data for the ProxyMesh simulator: the proxy-host catalogue, geo-IP pools and sub-account names,
 * generated from a seed so every run is the same.
 */
import { pick, seededRandom } from '../kit';

export const PROXY_DOMAIN = 'proxymesh.com';
/** Port every proxy host is listed with in /api/proxies/ [3P]. 31281 (HTTPS-to-proxy) is unconfirmed. */
export const PROXY_PORT = 31280;

/**
 * Proxy hosts a parent account can authorize. [3P] hosts seen in client code; `world` [C] (it has a geo-IP
 * pool); `nl` and `au` [I] to give plans more than a handful to choose from.
 */
export const PROXY_HOSTS = ['us-ca', 'us-wa', 'us-il', 'us-fl', 'us-dc', 'uk', 'de', 'fr', 'nl', 'sg', 'jp', 'au', 'open', 'world'] as const;

/** Hosts a new parent account starts with [I]. */
export const DEFAULT_AUTHORIZED_HOSTS = ['us-ca', 'us-il', 'uk', 'de', 'open'];

/** Usernames that exist on ProxyMesh under other parent accounts (usernames are globally unique [C]). */
export const FOREIGN_USERNAMES = ['taken-user', 'someone.else@example.com', 'pm-other'];

/** Countries of the `open` and `world` pools and their scale (world is the larger, paid pool) [I]. */
const OPEN_COUNTRIES = ['US', 'GB', 'DE', 'FR', 'NL', 'CA', 'BR', 'IN', 'ID', 'RU', 'JP', 'SG'];
const WORLD_COUNTRIES = [...OPEN_COUNTRIES, 'AU', 'ES', 'IT', 'PL', 'SE', 'CH', 'MX', 'AR', 'ZA', 'KR', 'TR', 'UA', 'VN', 'TH'];

export function seedGeoIps(seed: number): { open: Record<string, number>; world: Record<string, number> } {
  const random = seededRandom(seed * 7919 + 17);
  const counts = (countries: readonly string[], scale: number) => Object.fromEntries(countries.map((country) => [country, 1 + Math.floor(random() * scale)]));
  return { open: counts(OPEN_COUNTRIES, 400), world: counts(WORLD_COUNTRIES, 2_000) };
}

const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Linus', 'Barbara', 'Ken', 'Margaret', 'Dennis'];
const LAST_NAMES = ['Lovelace', 'Hopper', 'Turing', 'Torvalds', 'Liskov', 'Thompson', 'Hamilton', 'Ritchie'];

export interface SeedSubAccount {
  username: string;
  password: string;
  first_name?: string;
  last_name?: string;
  email?: string;
  active: boolean;
  monthly_bandwidth: number;
  monthly_bandwidth_limit: number;
  total_bandwidth: number;
  total_bandwidth_limit: number;
  ips: string[];
  domains: string[];
}

/** GB figures as ProxyMesh shows them: two decimals [I]. */
function gb(value: number): number {
  return Math.round(value * 100) / 100;
}

export function seedSubAccounts(seed: number, count: number): SeedSubAccount[] {
  const random = seededRandom(seed * 104_729 + 3);
  return Array.from({ length: count }, (_, index) => {
    const first = pick(random, FIRST_NAMES);
    const last = pick(random, LAST_NAMES);
    const monthly = gb(random() * 20);
    const named = index % 3 !== 2;
    return {
      // [C] "prefix all sub-account usernames with a short string that represents your business, such as pm_".
      username: `pm_${first.toLowerCase()}${index + 1}`,
      password: `seed-password-${index + 1}`,
      ...(named ? { first_name: first, last_name: last, email: `${first}.${last}@example.com`.toLowerCase() } : {}),
      active: index % 4 !== 3,
      monthly_bandwidth: monthly,
      monthly_bandwidth_limit: index % 2 === 0 ? 50 : 0,
      total_bandwidth: gb(monthly + random() * 200),
      total_bandwidth_limit: index % 3 === 0 ? 500 : 0,
      ips: index % 2 === 0 ? [`198.51.100.${10 + index}`] : [],
      domains: index % 2 === 1 ? [`app${index + 1}.example.com`] : [],
    };
  });
}

export const SEED_PARENT_IPS = ['203.0.113.10', '2001:db8::10'];
export const SEED_PARENT_DOMAINS = ['office.example.com'];
