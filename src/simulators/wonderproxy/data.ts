/**
 * Seed data for the WonderProxy simulator: a network catalogue shaped like WonderProxy's (one server per
 * metro, `<name>.wonderproxy.com`, services proxy/vpn), deterministic exit IPs, and the sample names the
 * docs use (denver, melbourne, joaopessoa, riyadh; users joe, jill, jack).
 */
import { pick, seededRandom } from '../kit';
import type { WonderProxyHealth } from '../../providers/wonderproxy/wire';

export const SECOND_MS = 1_000;
export const DAY_MS = 86_400_000;

export interface CatalogEntry {
  name: string;
  title: string;
  city: string;
  country: string;
  latitude: number;
  longitude: number;
}

// [I] the metro list is illustrative; the shape (hostname, title, lower-case country) is [C].
export const CATALOG: readonly CatalogEntry[] = [
  ['melbourne', 'Melbourne', 'au', -37.8136, 144.9631],
  ['sydney', 'Sydney', 'au', -33.8688, 151.2093],
  ['auckland', 'Auckland', 'nz', -36.8485, 174.7633],
  ['denver', 'Denver', 'us', 39.7392, -104.9842],
  ['newyork', 'New York', 'us', 40.7128, -74.006],
  ['losangeles', 'Los Angeles', 'us', 34.0522, -118.2437],
  ['chicago', 'Chicago', 'us', 41.8781, -87.6298],
  ['dallas', 'Dallas', 'us', 32.7767, -96.797],
  ['miami', 'Miami', 'us', 25.7617, -80.1918],
  ['seattle', 'Seattle', 'us', 47.6062, -122.3321],
  ['toronto', 'Toronto', 'ca', 43.6532, -79.3832],
  ['vancouver', 'Vancouver', 'ca', 49.2827, -123.1207],
  ['mexicocity', 'Mexico City', 'mx', 19.4326, -99.1332],
  ['saopaulo', 'Sao Paulo', 'br', -23.5505, -46.6333],
  ['joaopessoa', 'Joao Pessoa', 'br', -7.0833, -34.8333],
  ['buenosaires', 'Buenos Aires', 'ar', -34.6037, -58.3816],
  ['santiago', 'Santiago', 'cl', -33.4489, -70.6693],
  ['bogota', 'Bogota', 'co', 4.711, -74.0721],
  ['lima', 'Lima', 'pe', -12.0464, -77.0428],
  ['london', 'London', 'gb', 51.5074, -0.1278],
  ['manchester', 'Manchester', 'gb', 53.4808, -2.2426],
  ['dublin', 'Dublin', 'ie', 53.3498, -6.2603],
  ['paris', 'Paris', 'fr', 48.8566, 2.3522],
  ['frankfurt', 'Frankfurt', 'de', 50.1109, 8.6821],
  ['berlin', 'Berlin', 'de', 52.52, 13.405],
  ['amsterdam', 'Amsterdam', 'nl', 52.3676, 4.9041],
  ['madrid', 'Madrid', 'es', 40.4168, -3.7038],
  ['milan', 'Milan', 'it', 45.4642, 9.19],
  ['stockholm', 'Stockholm', 'se', 59.3293, 18.0686],
  ['warsaw', 'Warsaw', 'pl', 52.2297, 21.0122],
  ['zurich', 'Zurich', 'ch', 47.3769, 8.5417],
  ['vienna', 'Vienna', 'at', 48.2082, 16.3738],
  ['riyadh', 'Riyadh', 'sa', 24.7136, 46.6753],
  ['dubai', 'Dubai', 'ae', 25.2048, 55.2708],
  ['telaviv', 'Tel Aviv', 'il', 32.0853, 34.7818],
  ['johannesburg', 'Johannesburg', 'za', -26.2041, 28.0473],
  ['lagos', 'Lagos', 'ng', 6.5244, 3.3792],
  ['nairobi', 'Nairobi', 'ke', -1.2921, 36.8219],
  ['cairo', 'Cairo', 'eg', 30.0444, 31.2357],
  ['mumbai', 'Mumbai', 'in', 19.076, 72.8777],
  ['bangalore', 'Bangalore', 'in', 12.9716, 77.5946],
  ['singapore', 'Singapore', 'sg', 1.3521, 103.8198],
  ['hongkong', 'Hong Kong', 'hk', 22.3193, 114.1694],
  ['tokyo', 'Tokyo', 'jp', 35.6762, 139.6503],
  ['seoul', 'Seoul', 'kr', 37.5665, 126.978],
  ['taipei', 'Taipei', 'tw', 25.033, 121.5654],
  ['jakarta', 'Jakarta', 'id', -6.2088, 106.8456],
  ['manila', 'Manila', 'ph', 14.5995, 120.9842],
].map(([name, title, country, latitude, longitude]) => ({
  name: name as string,
  title: title as string,
  city: title as string,
  country: country as string,
  latitude: latitude as number,
  longitude: longitude as number,
}));

/** The servers a seeded contract has when the options do not name them (the docs' sample servers first). */
export const DEFAULT_CONTRACT_SERVERS = ['denver', 'melbourne', 'joaopessoa', 'riyadh', 'london', 'frankfurt', 'tokyo', 'saopaulo'];

export const DOMAIN = 'wonderproxy.com';

export function hostnameOf(name: string): string {
  return `${name}.${DOMAIN}`;
}

/** Third-party Geo-IP providers that appear in `geostatus` ([C] google, yahoo, maxmind named in the docs). */
export const GEO_IP_PROVIDERS = ['google', 'maxmind', 'yahoo', 'ip2location'];

export const CONTRACT_NAMES = ['Acme Corporation', 'Globex QA', 'Initech Testing', 'Umbrella Localisation', 'Hooli Release Engineering'];

/** Proxy users on the contract and whether each is an active Proxy User ([C] sample users joe, jill, jack). */
export const DEFAULT_USERS: Record<string, boolean> = { joe: true, jill: false, jack: true, ana: true };

export interface SeededIp {
  ip: string;
  port_base: number;
  status: WonderProxyHealth;
  status_time: number;
  geostatus: Record<string, { status: WonderProxyHealth; status_time: number }>;
}

/** Health as monitoring would report it: mostly ok, a few warn/crit/unknown. */
export function seededHealth(random: () => number): WonderProxyHealth {
  const roll = random();
  if (roll < 0.75) return 'ok';
  if (roll < 0.86) return 'warn';
  if (roll < 0.94) return 'crit';
  return 'unknown';
}

/** Exit IPs for one catalogue entry: distinct public-looking IPv4 addresses, stable for a seed. */
export function seededIps(seed: number, index: number, count: number, nowSeconds: number): SeededIp[] {
  const random = seededRandom(seed * 7_919 + index * 104_729 + 17);
  const firstOctet = [31, 45, 89, 103, 138, 146, 172, 185, 193, 203][index % 10];
  return Array.from({ length: count }, (_, position) => {
    const geostatus: SeededIp['geostatus'] = {};
    for (const provider of GEO_IP_PROVIDERS) {
      if (random() < 0.55)
        geostatus[provider] = {
          status: random() < 0.85 ? 'ok' : pick(random, ['warn', 'crit'] as const),
          status_time: nowSeconds - Math.floor(random() * 86_400),
        };
    }
    if (Object.keys(geostatus).length === 0) geostatus.google = { status: 'ok', status_time: nowSeconds - Math.floor(random() * 86_400) };
    return {
      // Index and position keep addresses distinct across servers; the seed moves the block.
      ip: `${firstOctet}.${((index * 7 + (seed % 50)) % 250) + 1}.${((seed * 13 + index) % 250) + 1}.${10 + position * 3}`,
      port_base: position,
      status: seededHealth(random),
      status_time: nowSeconds - Math.floor(random() * 600),
      geostatus,
    };
  });
}

/** How many exit IPs a catalogue entry has (1–6; the busiest metros more). */
export function seededIpCount(seed: number, index: number): number {
  const random = seededRandom(seed * 31 + index * 977 + 5);
  return 1 + Math.floor(random() * 6);
}

export function toEpochSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
