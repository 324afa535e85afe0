/**
 * Deterministic building blocks of the Webshare simulator's seeded data: a small catalog of datacenter
 * locations (countries, cities, ASNs, /16 prefixes), integer hashing, and Webshare's timestamp format.
 * Nothing here holds state; everything is a pure function of its inputs.
 */
import { isIP } from 'node:net';

/** One location proxies can come from. The last prefix is kept for replacement proxies (never in a fresh list). */
export interface CatalogEntry {
  country: string;
  /** Relative share of a random ("ZZ") list. */
  weight: number;
  cities: string[];
  asns: Array<{ number: number; name: string }>;
  /** First two octets of /16 networks. */
  prefixes: Array<[number, number]>;
}

// [I] Plausible datacenter networks; Webshare does not publish its ranges.
export const CATALOG: CatalogEntry[] = [
  {
    country: 'US',
    weight: 34,
    cities: ['New York', 'Los Angeles', 'Chicago', 'Dallas', 'Ashburn', 'Seattle', 'Miami'],
    asns: [
      { number: 8100, name: 'QUADRANET' },
      { number: 62904, name: 'EONIX-COMMUNICATIONS-ASBLOCK-62904' },
      { number: 40676, name: 'AS40676' },
    ],
    prefixes: [
      [104, 227],
      [45, 158],
      [64, 137],
      [38, 154],
    ],
  },
  {
    country: 'DE',
    weight: 10,
    cities: ['Frankfurt', 'Berlin', 'Dusseldorf', 'Munich'],
    asns: [
      { number: 24940, name: 'Hetzner Online GmbH' },
      { number: 51167, name: 'Contabo GmbH' },
    ],
    prefixes: [
      [45, 87],
      [194, 33],
      [178, 254],
    ],
  },
  {
    country: 'GB',
    weight: 10,
    cities: ['London', 'Manchester', 'Coventry'],
    asns: [
      { number: 9009, name: 'M247 Europe SRL' },
      { number: 20860, name: 'Iomart Cloud Services Limited' },
    ],
    prefixes: [
      [185, 230],
      [91, 246],
      [2, 58],
    ],
  },
  {
    country: 'FR',
    weight: 7,
    cities: ['Paris', 'Marseille', 'Roubaix'],
    asns: [{ number: 16276, name: 'OVH SAS' }],
    prefixes: [
      [51, 158],
      [141, 94],
      [37, 59],
    ],
  },
  {
    country: 'NL',
    weight: 6,
    cities: ['Amsterdam', 'Rotterdam'],
    asns: [{ number: 60781, name: 'LeaseWeb Netherlands B.V.' }],
    prefixes: [
      [85, 17],
      [212, 32],
      [89, 38],
    ],
  },
  {
    country: 'CA',
    weight: 6,
    cities: ['Toronto', 'Montreal', 'Vancouver'],
    asns: [{ number: 32489, name: 'AMANAHA-NEW' }],
    prefixes: [
      [142, 44],
      [192, 99],
      [198, 27],
    ],
  },
  {
    country: 'JP',
    weight: 5,
    cities: ['Tokyo', 'Osaka'],
    asns: [{ number: 20473, name: 'AS-CHOOPA' }],
    prefixes: [
      [45, 76],
      [139, 180],
      [108, 61],
    ],
  },
  {
    country: 'BR',
    weight: 4,
    cities: ['Sao Paulo', 'Rio de Janeiro'],
    asns: [{ number: 262287, name: 'Latitude.sh LTDA' }],
    prefixes: [
      [177, 54],
      [186, 233],
      [189, 1],
    ],
  },
  {
    country: 'ES',
    weight: 4,
    cities: ['Madrid', 'Barcelona'],
    asns: [{ number: 9009, name: 'M247 Europe SRL' }],
    prefixes: [
      [185, 93],
      [37, 120],
      [92, 204],
    ],
  },
  {
    country: 'IT',
    weight: 4,
    cities: ['Milan', 'Rome'],
    asns: [{ number: 9009, name: 'M247 Europe SRL' }],
    prefixes: [
      [193, 42],
      [5, 181],
      [95, 174],
    ],
  },
  {
    country: 'SG',
    weight: 4,
    cities: ['Singapore'],
    asns: [{ number: 14061, name: 'DIGITALOCEAN-ASN' }],
    prefixes: [
      [128, 199],
      [159, 89],
      [188, 166],
    ],
  },
  {
    country: 'AU',
    weight: 3,
    cities: ['Sydney', 'Melbourne'],
    asns: [{ number: 9009, name: 'M247 Europe SRL' }],
    prefixes: [
      [103, 208],
      [45, 248],
      [27, 50],
    ],
  },
  {
    country: 'IN',
    weight: 2,
    cities: ['Mumbai', 'Bangalore'],
    asns: [{ number: 14061, name: 'DIGITALOCEAN-ASN' }],
    prefixes: [
      [139, 59],
      [165, 22],
      [143, 110],
    ],
  },
  {
    country: 'PL',
    weight: 1,
    cities: ['Warsaw'],
    asns: [{ number: 9009, name: 'M247 Europe SRL' }],
    prefixes: [
      [185, 246],
      [5, 226],
      [91, 239],
    ],
  },
];

const BY_COUNTRY = new Map(CATALOG.map((entry) => [entry.country, entry]));
const TOTAL_WEIGHT = CATALOG.reduce((sum, entry) => sum + entry.weight, 0);

export function catalogEntry(country: string): CatalogEntry | undefined {
  return BY_COUNTRY.get(country.toUpperCase());
}

/** Catalog entry for a hash, weighted by each country's share (used for "ZZ" = any country). */
export function weightedEntry(hash: number): CatalogEntry {
  let remaining = hash % TOTAL_WEIGHT;
  for (const entry of CATALOG) {
    if (remaining < entry.weight) return entry;
    remaining -= entry.weight;
  }
  return CATALOG[0];
}

export function entryForAsn(asnNumber: number): CatalogEntry | undefined {
  return CATALOG.find((entry) => entry.asns.some((asn) => asn.number === asnNumber));
}

/** Catalog entry whose prefixes contain the address (a.b.x.y), if any. */
export function entryForAddress(address: number): CatalogEntry | undefined {
  const a = address >>> 24;
  const b = (address >>> 16) & 255;
  return CATALOG.find((entry) => entry.prefixes.some(([pa, pb]) => pa === a && pb === b));
}

/** Stable 32-bit hash of a list of integers (FNV-style mixing; numbers above 2^32 are split). */
export function mix(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const lo = part >>> 0;
    const hi = Math.floor(Math.abs(part) / 4294967296) >>> 0;
    for (const word of [lo, hi]) {
      h = Math.imul(h ^ word, 0x01000193);
      h ^= h >>> 15;
      h = Math.imul(h, 0x2c1b3c6d);
      h ^= h >>> 12;
    }
  }
  return h >>> 0;
}

/** Hash of a string, for salts derived from names. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A float in [0, 1) from a hash. */
export function unit(hash: number): number {
  return hash / 4294967296;
}

/** Lower-case hex string of `length` characters derived from the parts. */
export function hexToken(length: number, ...parts: number[]): string {
  let out = '';
  for (let i = 0; out.length < length; i++)
    out += mix(...parts, i)
      .toString(16)
      .padStart(8, '0');
  return out.slice(0, length);
}

/** Alphanumeric string (lower-case letters and digits) derived from the parts. */
export function alnumToken(length: number, ...parts: number[]): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[mix(...parts, i) % alphabet.length];
  return out;
}

// ---- IPv4 helpers -------------------------------------------------------------------------------------------

export function ipToNumber(address: string): number | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (!match) return undefined;
  const octets = match.slice(1).map(Number);
  if (octets.some((octet) => octet > 255)) return undefined;
  return ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
}

/**
 * An IP address as Django's GenericIPAddressField cleans it (Webshare's `ip_address` fields say "Enter a valid
 * IPv4 or IPv6 address." [C: IPv4 or IPv6]): IPv4 as four decimal octets, IPv6 compressed in lower case
 * (django.utils.ipv6.clean_ipv6_address); undefined when it is neither.
 */
export function cleanIpAddress(text: string): string | undefined {
  if (ipToNumber(text) !== undefined) return /(^|\.)0\d/.test(text) ? undefined : text;
  // [I] a zone id (`fe80::1%eth0`) names an interface of the sender: not an address Webshare could authorize.
  if (isIP(text) !== 6 || text.includes('%')) return undefined;
  return new URL(`http://[${text}]/`).hostname.slice(1, -1);
}

export function numberToIp(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

export interface Ipv4Range {
  network: number;
  prefixLength: number;
}

/** Parses "a.b.c.d/n"; `hostBitsZero` is false when the address has bits set beyond the prefix. */
export function parseCidr(text: string): (Ipv4Range & { hostBitsZero: boolean }) | undefined {
  const [address, bits, extra] = text.split('/');
  if (extra !== undefined || bits === undefined || !/^\d{1,2}$/.test(bits)) return undefined;
  const value = ipToNumber(address);
  const prefixLength = Number(bits);
  if (value === undefined || prefixLength > 32) return undefined;
  const mask = prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
  return { network: (value & mask) >>> 0, prefixLength, hostBitsZero: (value & ~mask) >>> 0 === 0 };
}

export function rangeContains(range: Ipv4Range, address: number): boolean {
  const mask = range.prefixLength === 0 ? 0 : (0xffffffff << (32 - range.prefixLength)) >>> 0;
  return (address & mask) >>> 0 === range.network;
}

/** Host numbers inside a /16 that avoid .0 and .255 in the last octet (254 × 256 of them). */
export const HOSTS_PER_PREFIX = 254 * 256;

/** The address of host number `host` (0 … HOSTS_PER_PREFIX-1) inside prefix a.b. */
export function hostAddress([a, b]: [number, number], host: number): string {
  return `${a}.${b}.${Math.floor(host / 254) % 256}.${(host % 254) + 1}`;
}

// ---- Timestamps ---------------------------------------------------------------------------------------------

/** [I] The seeded profile lives in America/Los_Angeles; every timestamp is rendered at a fixed -07:00 offset. */
export const PROFILE_TIMEZONE = 'America/Los_Angeles';
const OFFSET_MINUTES = -7 * 60;
const OFFSET_TEXT = '-07:00';

/** "2022-06-14T11:58:10.246406-07:00": microseconds (3 digits beyond the ms, derived from the instant) and offset. */
export function formatTimestamp(ms: number): string {
  const local = new Date(Math.floor(ms) + OFFSET_MINUTES * 60_000).toISOString();
  const extraMicros = String(mix(Math.floor(ms)) % 1000).padStart(3, '0');
  return `${local.slice(0, 23)}${extraMicros}${OFFSET_TEXT}`;
}

/** Hour-aligned stat timestamps carry no fraction: "2022-08-11T17:00:00-07:00". */
export function formatHour(ms: number): string {
  return `${new Date(ms + OFFSET_MINUTES * 60_000).toISOString().slice(0, 19)}${OFFSET_TEXT}`;
}

/** Parses an ISO-8601 timestamp as Webshare accepts it (date-only is midnight UTC); undefined if invalid. */
export function parseTimestamp(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) return undefined;
  const ms = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(ms) ? undefined : ms;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
