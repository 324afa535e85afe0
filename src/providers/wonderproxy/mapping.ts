/**
 * Pure functions from WonderProxy wire shapes to the unified records. Epoch seconds become Dates, byte
 * figures stay bytes, countries become upper case, health words map ok/warn/crit/unknown →
 * OK/DEGRADED/DOWN/UNKNOWN (docs/architecture.md §3). One Proxy per exit IP: its native id is `<server>@<ip>`, so a
 * proxy reference names the server that one batched call loads.
 */
import { displayIp } from '../../domain/checks/ip';
import { epochSecondsToDate, normaliseCountry } from '../../domain/units';
import type {
  AccountProfileRecord,
  DnsOverrideRecord,
  DnsOverrideStatus,
  GeoStatusRecord,
  IpAuthorizationRecord,
  IpAuthorizationUserRecord,
  LocationRecord,
  PlanRecord,
  ProxyRecord,
  ProxyServerRecord,
  ProxyStatus,
  ServerIpRecord,
  UsageRecord,
} from '../contract/records';
import type {
  WonderProxyAuthlistEntry,
  WonderProxyContract,
  WonderProxyContractServer,
  WonderProxyGeoStatus,
  WonderProxyLocation,
  WonderProxyNetworkServer,
  WonderProxyOverride,
  WonderProxyServerIp,
} from './wire';

/** [3P] the first of the port schemes the docs name (10000, 11000, 12000 + port_base); its exact meaning is unconfirmed. */
export const HTTP_BASE_PORT = 10_000;
/** [C] "You connect to servers using Custom DNS by adding 500 to the port number." */
export const CUSTOM_DNS_PORT_OFFSET = 500;

export function healthOf(status: string | null | undefined): ProxyStatus {
  switch (status) {
    case 'ok':
      return 'OK';
    case 'warn':
      return 'DEGRADED';
    case 'crit':
      return 'DOWN';
    default:
      return 'UNKNOWN';
  }
}

export function toProfile(contract: WonderProxyContract): AccountProfileRecord {
  return { name: contract.name, email: null, createdAt: null };
}

export function toPlan(contract: WonderProxyContract, nowMs = Date.now()): PlanRecord {
  const expiresAt = epochSecondsToDate(contract.expiry);
  return {
    name: contract.plan,
    type: contract.plan,
    // [I] WonderProxy reports no plan status; a contract past its expiry is called expired.
    status: expiresAt ? (expiresAt.getTime() > nowMs ? 'active' : 'expired') : null,
    periodStart: epochSecondsToDate(contract.period.start),
    periodEnd: epochSecondsToDate(contract.period.end),
    bandwidthLimitBytes: contract.period.limit,
    expiresAt,
  };
}

/** The contract's current billing period: bytes used so far and the period's limit. */
export function toUsage(contract: WonderProxyContract): UsageRecord {
  const { usage, limit } = contract.period;
  return {
    period: 'BILLING_PERIOD',
    bandwidthUsedBytes: usage,
    bandwidthLimitBytes: limit,
    bandwidthRemainingBytes: Math.max(0, limit - usage),
    requestsTotal: null,
    requestsSucceeded: null,
    requestsFailed: null,
    periodStart: epochSecondsToDate(contract.period.start),
    periodEnd: epochSecondsToDate(contract.period.end),
  };
}

export function toLocation(location: WonderProxyLocation | undefined): LocationRecord | null {
  if (!location) return null;
  return { city: location.city, country: normaliseCountry(location.country), latitude: location.latitude, longitude: location.longitude };
}

/** Geo-IP verdicts sorted by source, or null when `geostatus` was not asked for. */
export function toGeoStatus(geostatus: Record<string, WonderProxyGeoStatus> | undefined): GeoStatusRecord[] | null {
  if (!geostatus) return null;
  return Object.entries(geostatus)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([source, entry]) => ({ source, status: healthOf(entry.status), providerStatus: entry.status, checkedAt: epochSecondsToDate(entry.status_time) }));
}

export function toServerIp(ip: WonderProxyServerIp): ServerIpRecord {
  const port = HTTP_BASE_PORT + ip.port_base;
  return {
    address: ip.ip,
    status: healthOf(ip.status),
    providerStatus: ip.status,
    portBase: ip.port_base,
    port,
    customDnsPort: port + CUSTOM_DNS_PORT_OFFSET,
    checkedAt: epochSecondsToDate(ip.status_time),
    geoStatus: toGeoStatus(ip.geostatus),
  };
}

export function toContractServer(server: WonderProxyContractServer): ProxyServerRecord {
  return {
    name: server.server,
    hostname: server.hostname,
    title: server.title ?? null,
    services: server.services ?? [],
    location: toLocation(server.location),
    ips: server.ips.map(toServerIp),
    ipCount: server.ips.length,
    port: null,
    usage: server.usage ? { limitBytes: server.usage.limit, currentBytes: server.usage.current, last30DaysBytes: server.usage.last_30_days } : null,
  };
}

/**
 * Catalogue entries have no short name and no exit IP list, only `ip_count` [C]: the count is shown and the
 * list is null (unknown), never empty. The catalogue means the same through any account (docs/architecture.md
 * §4a), so it does not borrow one account's contract servers, whose detail lists their IPs (Account.servers).
 */
export function toNetworkServer(server: WonderProxyNetworkServer): ProxyServerRecord {
  return {
    name: null,
    hostname: server.hostname,
    title: server.title ?? null,
    services: server.services ?? [],
    location: toLocation(server.location),
    ips: null,
    ipCount: typeof server.ip_count === 'number' ? server.ip_count : null,
    port: null,
    usage: null,
  };
}

export function proxyNativeId(serverName: string, ip: string): string {
  return `${serverName}@${ip}`;
}

/** `<server>@<ip>` → its parts; null for anything else (such an id can never exist). */
export function parseProxyNativeId(nativeId: string): { server: string; ip: string } | null {
  const at = nativeId.indexOf('@');
  if (at <= 0 || at === nativeId.length - 1) return null;
  return { server: nativeId.slice(0, at), ip: nativeId.slice(at + 1) };
}

/** One proxy per exit IP of a contract server. */
export function toProxies(server: WonderProxyContractServer): ProxyRecord[] {
  const location = toLocation(server.location);
  return server.ips.map((ip) => {
    const serverIp = toServerIp(ip);
    return {
      nativeId: proxyNativeId(server.server, ip.ip),
      host: server.hostname,
      httpPort: serverIp.port,
      socks5Port: null,
      exitIp: ip.ip,
      username: null,
      password: null,
      country: location?.country ?? null,
      city: location?.city ?? null,
      type: null,
      status: serverIp.status ?? 'UNKNOWN',
      providerStatus: ip.status,
      lastCheckedAt: serverIp.checkedAt,
      createdAt: null,
      title: server.title ?? null,
      customDnsPort: serverIp.customDnsPort,
      geoStatus: serverIp.geoStatus,
    };
  });
}

export function toIpAuthorization(entry: WonderProxyAuthlistEntry): IpAuthorizationRecord {
  return {
    nativeId: String(entry.id),
    ip: displayIp(entry.ip),
    user: entry.user,
    userActive: typeof entry.user_active === 'boolean' ? entry.user_active : null,
    subUserNativeId: null,
    expiresAt: epochSecondsToDate(entry.expiry),
    createdAt: null,
    lastUsedAt: null,
  };
}

/**
 * The users the authlist names, sorted by name, each with its `user_active` [C] and its number of entries.
 * Every entry reports its user's current state, so one user's entries agree; any active one counts.
 */
export function toAuthlistUsers(entries: readonly WonderProxyAuthlistEntry[]): IpAuthorizationUserRecord[] {
  const users = new Map<string, IpAuthorizationUserRecord>();
  for (const entry of entries) {
    const user = users.get(entry.user) ?? { username: entry.user, active: false, ipAuthorizationCount: 0 };
    user.active ||= entry.user_active === true;
    user.ipAuthorizationCount += 1;
    users.set(entry.user, user);
  }
  return [...users.values()].sort((a, b) => a.username.localeCompare(b.username));
}

export function toDnsOverride(entry: WonderProxyOverride): DnsOverrideRecord {
  return {
    nativeId: String(entry.id),
    server: entry.server,
    hostname: entry.hostname,
    ip: displayIp(entry.ip),
    expiresAt: epochSecondsToDate(entry.expiry) ?? new Date(0),
    status: (entry.status?.toUpperCase() ?? 'PENDING') as DnsOverrideStatus,
  };
}
