/** Pure functions from ProxyMesh's wire shapes to ProxyGraph's unified records. */
import { displayIp } from '../../domain/checks/ip';
import { gbToBytes, normaliseCountry } from '../../domain/units';
import type { CountryPoolRecord, HostnameAuthorizationRecord, IpAuthorizationRecord, ProxyRecord, ProxyServerRecord, SubUserRecord } from '../contract/records';
import type { ProxyMeshGeoIps, ProxyMeshPool, ProxyMeshSubAccount } from './wire';

/** The HTTP proxy port every ProxyMesh host listens on [3P]. */
export const PROXYMESH_PROXY_PORT = 31280;

/** GB limit → bytes; ProxyMesh's 0 means "no limit", which the graph shows as null. */
function limitBytes(gb: number | null | undefined): number | null {
  return typeof gb === 'number' && gb > 0 ? gbToBytes(gb) : null;
}

export function toSubUser(sub: ProxyMeshSubAccount): SubUserRecord {
  const name = [sub.first_name, sub.last_name].filter(Boolean).join(' ');
  return {
    nativeId: sub.username,
    username: sub.username,
    label: name || null,
    active: sub.active,
    // ProxyMesh never returns a sub-account's password.
    password: null,
    bandwidthLimitBytes: limitBytes(sub.total_bandwidth_limit),
    monthlyBandwidthLimitBytes: limitBytes(sub.monthly_bandwidth_limit),
    bandwidthUsedBytes: gbToBytes(sub.total_bandwidth),
    monthlyBandwidthUsedBytes: gbToBytes(sub.monthly_bandwidth),
    maxThreads: null,
    proxyCountries: null,
    firstName: sub.first_name || null,
    lastName: sub.last_name || null,
    email: sub.email || null,
    createdAt: null,
    lastUsedAt: null,
    // Read separately (GET /api/ips/?username=) only when asked for.
    ipAuthorizations: null,
  };
}

// ---- scoped ids: an IP or hostname on the parent account, or on one sub-account ----------------------

/** Usernames cannot hold "|" (validate.ts PROXYMESH_USERNAME), nor can IPs or hostnames, so it separates the two. */
const SCOPE_SEPARATOR = '|';

export function scopedId(value: string, username: string | null | undefined): string {
  return username ? `${username}${SCOPE_SEPARATOR}${value}` : value;
}

export function parseScopedId(nativeId: string): { username: string | null; value: string } {
  const at = nativeId.indexOf(SCOPE_SEPARATOR);
  return at < 0 ? { username: null, value: nativeId } : { username: nativeId.slice(0, at), value: nativeId.slice(at + 1) };
}

/** The id and the shown IP are canonical whatever spelling ProxyMesh holds (it keeps IPv4-mapped IPv6 in hex). */
export function toIpAuthorization(ip: string, username: string | null | undefined): IpAuthorizationRecord {
  const shown = displayIp(ip);
  return { nativeId: scopedId(shown, username), ip: shown, subUserNativeId: username ?? null, user: null, expiresAt: null, createdAt: null, lastUsedAt: null };
}

export function toHostnameAuthorization(domain: string, username: string | null | undefined): HostnameAuthorizationRecord {
  return { nativeId: scopedId(domain, username), hostname: domain, subUserNativeId: username ?? null };
}

// ---- proxy hosts -------------------------------------------------------------------------------------

/** ProxyMesh host labels that are not ISO 3166-1 codes. */
const COUNTRY_ALIASES: Record<string, string> = { uk: 'GB' };
/** Pools spread over many countries: no single country. */
const WORLDWIDE = new Set(['open', 'world']);

/**
 * Country of a ProxyMesh host from its first label: `us-ca.proxymesh.com` → US, `uk` → GB, `de` → DE;
 * `open` and `world` have IPs in many countries → null [3P: "country = first two letters"].
 */
export function hostCountry(host: string): string | null {
  const label = host.toLowerCase().split('.')[0];
  if (WORLDWIDE.has(label)) return null;
  const prefix = /^([a-z]{2})(?:$|[-\d])/.exec(label)?.[1];
  if (!prefix) return null;
  return COUNTRY_ALIASES[prefix] ?? normaliseCountry(prefix);
}

/** Splits `host:port` from /api/proxies/; a bare host gets ProxyMesh's proxy port. */
export function parseProxyEntry(entry: string): { host: string; port: number } {
  const match = /^(.+):(\d{1,5})$/.exec(entry.trim());
  return match ? { host: match[1].toLowerCase(), port: Number(match[2]) } : { host: entry.trim().toLowerCase(), port: PROXYMESH_PROXY_PORT };
}

/**
 * The full host a proxy reference names [C]: `fr`, `fr.proxymesh.com` and `fr.proxymesh.com:31280` all name
 * `fr.proxymesh.com`.
 */
export function proxyDomain(reference: string): string {
  const host = parseProxyEntry(reference).host;
  return host.includes('.') ? host : `${host}.proxymesh.com`;
}

/**
 * A gateway proxy: ProxyMesh rotates exit IPs behind each host, and reports no health. Its credentials are
 * the parent account's (username and password); the graph shows the password only under the `credentials` scope.
 */
export function toProxy(entry: string, username: string | null, password: string | null = null): ProxyRecord {
  const { host, port } = parseProxyEntry(entry);
  return {
    nativeId: `${host}:${port}`,
    host,
    httpPort: port,
    socks5Port: null,
    exitIp: null,
    username,
    password: username ? password : null,
    country: hostCountry(host),
    city: null,
    asn: null,
    asnName: null,
    type: 'ROTATING_GATEWAY',
    status: 'UNKNOWN',
    providerStatus: null,
    lastCheckedAt: null,
    createdAt: null,
  };
}

export function toServer(entry: string): ProxyServerRecord {
  const { host, port } = parseProxyEntry(entry);
  const country = hostCountry(host);
  return {
    hostname: host,
    title: host.split('.')[0],
    services: ['proxy'],
    location: country ? { country, city: null, latitude: null, longitude: null } : null,
    // A ProxyMesh host rotates exit IPs ProxyMesh does not list: unknown, not none.
    ips: null,
    ipCount: null,
    port,
  };
}

export function toCountryPools(pool: ProxyMeshPool, counts: ProxyMeshGeoIps): CountryPoolRecord[] {
  return Object.entries(counts)
    .map(([code, count]) => ({ pool, country: normaliseCountry(code) ?? code.toUpperCase(), count: Number(count) }))
    .filter((record) => Number.isFinite(record.count))
    .sort((a, b) => a.country.localeCompare(b.country));
}
