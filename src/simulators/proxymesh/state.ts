/**
 * The ProxyMesh simulator's account state: the parent account (credentials, plan limits, IPs, hostnames,
 * authorized proxy hosts), its sub-accounts, the usernames other parents own, and the geo-IP pools; plus
 * pure functions that render it in ProxyMesh's wire shapes. HTTP lives in index.ts and the routes.
 */
import type { ProxyMeshSubAccount } from '../../providers/proxymesh/wire';
import {
  FOREIGN_USERNAMES,
  PROXY_DOMAIN,
  PROXY_HOSTS,
  PROXY_PORT,
  SEED_PARENT_DOMAINS,
  SEED_PARENT_IPS,
  seedGeoIps,
  seedSubAccounts,
  type SeedSubAccount,
} from './data';

export type SubAccountState = SeedSubAccount;

export interface ProxyMeshPlan {
  /** Sub-accounts the plan allows; one more is 402 [C]. */
  subAccountLimit: number;
  /** Proxy hosts the plan allows; one more is 402 [C]. */
  proxyLimit: number;
}

export interface ProxyMeshState {
  parent: { username: string; password: string; bearerToken: string };
  plan: ProxyMeshPlan;
  /** When true, calls that look the plan up answer 503 [C "unable to lookup subscription plan"]. */
  planLookupFailing: boolean;
  subs: Map<string, SubAccountState>;
  /** Usernames held by other parent accounts. */
  foreign: Set<string>;
  ips: string[];
  domains: string[];
  /** Authorized proxy hosts as full domains, in the order they were added. */
  proxies: string[];
  geoIps: { open: Record<string, number>; world: Record<string, number> };
}

export interface StateSeed {
  seed: number;
  username: string;
  password: string;
  bearerToken: string;
  subAccountCount: number;
  plan: ProxyMeshPlan;
  authorizedHosts: readonly string[];
}

export function createState(seed: StateSeed): ProxyMeshState {
  const subs = new Map(seedSubAccounts(seed.seed, seed.subAccountCount).map((sub) => [sub.username, sub]));
  return {
    parent: { username: seed.username, password: seed.password, bearerToken: seed.bearerToken },
    plan: { ...seed.plan },
    planLookupFailing: false,
    subs,
    foreign: new Set(FOREIGN_USERNAMES),
    ips: [...SEED_PARENT_IPS],
    domains: [...SEED_PARENT_DOMAINS],
    proxies: seed.authorizedHosts.map((host) => fullProxyDomain(host)!).filter(Boolean),
    geoIps: seedGeoIps(seed.seed),
  };
}

/** Sub-account details as /api/sub/get/ returns them; names and email only when set [C]. */
export function renderSubAccount(sub: SubAccountState): ProxyMeshSubAccount {
  return {
    username: sub.username,
    active: sub.active,
    monthly_bandwidth: sub.monthly_bandwidth,
    monthly_bandwidth_limit: sub.monthly_bandwidth_limit,
    total_bandwidth: sub.total_bandwidth,
    total_bandwidth_limit: sub.total_bandwidth_limit,
    ...(sub.first_name ? { first_name: sub.first_name } : {}),
    ...(sub.last_name ? { last_name: sub.last_name } : {}),
    ...(sub.email ? { email: sub.email } : {}),
  };
}

/** Is the username taken anywhere on ProxyMesh (this parent, its subs, other parents)? [I] case-insensitive. */
export function usernameTaken(state: ProxyMeshState, username: string): boolean {
  const wanted = username.toLowerCase();
  const taken = [state.parent.username, ...state.subs.keys(), ...state.foreign];
  return taken.some((name) => name.toLowerCase() === wanted);
}

export type SubLookup = { ok: true; sub: SubAccountState } | { ok: false; status: 403 | 404 };

/** 403 when the username is someone else's (or the parent's own), 404 when it exists nowhere [C]. */
export function findSub(state: ProxyMeshState, username: string): SubLookup {
  const sub = state.subs.get(username);
  if (sub) return { ok: true, sub };
  return usernameTaken(state, username) ? { ok: false, status: 403 } : { ok: false, status: 404 };
}

/**
 * `proxy-host`, `proxy-host.proxymesh.com` or `proxy-host.proxymesh.com:31280` → the full domain, or
 * undefined when no such proxy host exists [C].
 */
export function fullProxyDomain(proxy: string): string | undefined {
  const host = proxy.trim().toLowerCase().replace(/:\d+$/, '');
  const suffix = `.${PROXY_DOMAIN}`;
  const label = host.endsWith(suffix) ? host.slice(0, -suffix.length) : host;
  return (PROXY_HOSTS as readonly string[]).includes(label) ? `${label}${suffix}` : undefined;
}

export function renderProxyList(state: ProxyMeshState): { proxies: string[] } {
  return { proxies: state.proxies.map((domain) => `${domain}:${PROXY_PORT}`) };
}
