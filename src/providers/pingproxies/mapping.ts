/**
 * Pure functions from Ping Proxies wire shapes to ProxyGraph's unified records: cents → currency units,
 * bytes stay bytes, "YYYY-MM-DD hh:mm:ss" (UTC) and ISO-8601 → Date, lower-case country ids → ISO alpha-2;
 * and from the graph's inputs to Ping's edit bodies.
 */
import { canonicalOrNull, displayIp } from '../../domain/checks/ip';
import { normaliseCountry, parseUtcDateTime } from '../../domain/units';
import type { CreateSubUserParams, UpdateServiceParams } from '../contract/params';
import type {
  AccountProfileRecord,
  IpAuthorizationRecord,
  PlanRecord,
  ProxyRecord,
  ProxyStatus,
  ProxyType,
  ServiceRecord,
  SubUserRecord,
  UsageRecord,
} from '../contract/records';
import type {
  PingCustomer,
  PingProxy,
  PingProxyStatus,
  PingProxyType,
  PingProxyUser,
  PingProxyUserEdit,
  PingResidentialSummary,
  PingService,
  PingServiceEdit,
} from './wire';

/** [I] Ping prices in US dollars (its checkout is Stripe in USD); amounts on the wire are cents [C]. */
export const PING_CURRENCY = 'USD';

export function centsToUnits(cents: number | null | undefined): number | null {
  return typeof cents === 'number' && Number.isFinite(cents) ? cents / 100 : null;
}

export function toProfile(customer: PingCustomer): AccountProfileRecord {
  const name = [customer.customer_first_name, customer.customer_last_name].filter(Boolean).join(' ');
  return {
    email: customer.customer_email_address || null,
    name: name || null,
    createdAt: parseUtcDateTime(customer.customer_creation_datetime),
    // [C] credit_balance is in cents (the customer object page; the retrieve example omits it); the currency is [I] USD, as for prices.
    ...(typeof customer.credit_balance === 'number' && Number.isFinite(customer.credit_balance)
      ? { creditBalanceCents: customer.credit_balance, creditBalanceCurrency: PING_CURRENCY }
      : {}),
  };
}

export function toService(service: PingService): ServiceRecord {
  return {
    nativeId: service.service_id,
    name: service.service_name ?? null,
    type: service.service_type ?? null,
    status: service.service_status ?? null,
    cycle: service.service_cycle ?? null,
    quantity: service.service_quantity ?? null,
    expiresAt: parseUtcDateTime(service.service_expiry_datetime),
    total: centsToUnits(service.service_total),
    currency: PING_CURRENCY,
    metadata: service.service_metadata ?? null,
  };
}

/**
 * Ping has no single plan: an account holds services. The plan summarises the active ones: names and types
 * joined, the soonest expiry as the period end, the summed price, the customer's proxy count and its
 * proxy-user limit. With one active service the plan is that service (its id, name and period).
 */
export function toPlan(customer: PingCustomer, services: readonly PingService[]): PlanRecord {
  const active = services.filter((service) => service.service_status === 'active');
  const created = active.map((service) => parseUtcDateTime(service.service_creation_datetime)).filter(isDate);
  const expiries = active.map((service) => parseUtcDateTime(service.service_expiry_datetime)).filter(isDate);
  return {
    id: active.length === 1 ? active[0].service_id : null,
    name: active.length ? active.map((service) => service.service_name).join(', ') : null,
    type: active.length ? [...new Set(active.map((service) => service.service_type))].join(',') : null,
    status: active.length ? 'active' : (services[0]?.service_status ?? null),
    proxyCount: typeof customer.proxy_count === 'number' ? customer.proxy_count : null,
    periodStart: created.length ? new Date(Math.max(...created.map((date) => date.getTime()))) : null,
    periodEnd: expiries.length ? new Date(Math.min(...expiries.map((date) => date.getTime()))) : null,
    // Residential bandwidth is a pool bought separately and never expires [C]: it is reported as usage.
    bandwidthLimitBytes: null,
    price: active.length ? active.reduce((sum, service) => sum + (service.service_total ?? 0), 0) / 100 : null,
    currency: PING_CURRENCY,
    subUsersTotal: customer.customer_proxy_user_limit ?? null,
    subUsersUsed: null,
  };
}

/**
 * The residential summary covers the account's whole life: bandwidth bought never expires [C], so the
 * figures are LIFETIME, without bounds, and remaining (bought − used) holds whatever window is asked. Ping
 * counts requests without splitting them into succeeded and failed.
 */
export function toUsage(summary: PingResidentialSummary): UsageRecord {
  return {
    period: 'LIFETIME',
    bandwidthUsedBytes: summary.residential_bytes_used,
    bandwidthLimitBytes: summary.residential_bytes,
    bandwidthRemainingBytes: summary.residential_bytes_left,
    requestsTotal: summary.residential_requests,
    requestsSucceeded: null,
    requestsFailed: null,
    periodStart: null,
    periodEnd: null,
  };
}

// ---- proxies ----

/** docs/architecture.md §3: in_use → OK, pending_deletion → DOWN, the rest (available, reserved, waiting) → UNKNOWN. */
export const PING_STATUS_BY_UNIFIED: Record<ProxyStatus, readonly PingProxyStatus[]> = {
  OK: ['in_use'],
  DOWN: ['pending_deletion'],
  UNKNOWN: ['available', 'reserved', 'waiting'],
  DEGRADED: [],
};
/** [C] available|in_use|reserved, [3P] the full set adds waiting|pending_deletion. */
export const PING_PROXY_STATUSES: readonly PingProxyStatus[] = ['available', 'in_use', 'reserved', 'waiting', 'pending_deletion'];

export const PING_TYPE_BY_UNIFIED: Record<ProxyType, readonly PingProxyType[]> = {
  DATACENTER: ['datacenter'],
  ISP: ['isp'],
  RESIDENTIAL: ['residential'],
  MOBILE: ['mobile'], // [3P] mobile exists on the shared platform (Byteful)
  ROTATING_GATEWAY: [],
};
export const PING_PROXY_TYPES: readonly PingProxyType[] = ['datacenter', 'isp', 'residential', 'mobile'];

export function proxyStatusOf(status: string | null | undefined): ProxyStatus {
  if (status === 'in_use') return 'OK';
  if (status === 'pending_deletion') return 'DOWN';
  return 'UNKNOWN';
}

export function proxyTypeOf(type: string | null | undefined): ProxyType | null {
  switch (type) {
    case 'datacenter':
      return 'DATACENTER';
    case 'isp':
      return 'ISP';
    case 'residential':
      return 'RESIDENTIAL';
    case 'mobile':
      return 'MOBILE';
    default:
      return null;
  }
}

/**
 * Credentials: normal proxy auth is through a proxy user [C], so a proxy shows the account's default proxy
 * user; the proxy-specific pair is the fallback when the default user is not given.
 */
export function toProxy(proxy: PingProxy): ProxyRecord {
  const usesDefaultUser = Boolean(proxy.default_proxy_user_username);
  const host = proxy.proxy_ip_address ?? proxy.proxy_ip_address_v6 ?? '';
  return {
    nativeId: proxy.proxy_id,
    host,
    httpPort: proxy.proxy_http_port ?? null,
    socks5Port: proxy.proxy_socks5_port ?? null,
    exitIp: host || null,
    username: (usesDefaultUser ? proxy.default_proxy_user_username : proxy.proxy_username) ?? null,
    password: (usesDefaultUser ? proxy.default_proxy_user_password : proxy.proxy_password) ?? null,
    country: normaliseCountry(proxy.country_id),
    city: proxy.city_name ?? null,
    asn: proxy.asn_id ?? null,
    asnName: proxy.asn_name ?? null,
    type: proxyTypeOf(proxy.proxy_type),
    status: proxyStatusOf(proxy.proxy_status),
    providerStatus: proxy.proxy_status ?? null,
    // Ping reports when a proxy last changed, not when it was last checked or created.
    lastCheckedAt: null,
    createdAt: null,
  };
}

/** One entry of a generated list: `ip:port[:user:pass]` (standard) or `scheme://user:pass@host:port`. */
export interface ListEntry {
  host: string;
  port: number;
  username: string | null;
  password: string | null;
}

export function parseListEntry(entry: string): ListEntry | null {
  const text = entry.trim();
  if (text.includes('://')) {
    try {
      const url = new URL(text);
      const port = Number(url.port);
      if (!port) return null;
      return {
        host: url.hostname.replace(/^\[|\]$/g, ''),
        port,
        username: url.username ? decodeURIComponent(url.username) : null,
        password: url.password ? decodeURIComponent(url.password) : null,
      };
    } catch {
      return null;
    }
  }
  const [host, portText, username, ...rest] = text.split(':');
  const port = Number(portText);
  if (!host || !Number.isInteger(port) || port <= 0) return null;
  return { host, port, username: username || null, password: rest.length ? rest.join(':') : null };
}

/** The graph's URL form (same as the Proxy.url resolver builds): scheme://user:pass@host:port. */
export function formatProxyUrl(scheme: 'http' | 'socks5', entry: ListEntry): string {
  const auth = entry.username ? `${encodeURIComponent(entry.username)}${entry.password ? `:${encodeURIComponent(entry.password)}` : ''}@` : '';
  const host = entry.host.includes(':') ? `[${entry.host}]` : entry.host;
  return `${scheme}://${auth}${host}:${entry.port}`;
}

// ---- proxy users and their IP lists ----

/** An IP authorization's native id: the proxy user and the IP in canonical form (IPs never contain "/"). */
export function ipAuthorizationId(proxyUserId: string, ip: string): string {
  return `${proxyUserId}/${displayIp(ip)}`;
}

/** The proxy user and canonical IP an id names; null for an id that is not of that shape. */
export function parseIpAuthorizationId(nativeId: string): { proxyUserId: string; ip: string } | null {
  const slash = nativeId.lastIndexOf('/');
  if (slash <= 0 || slash === nativeId.length - 1) return null;
  const ip = canonicalOrNull(nativeId.slice(slash + 1));
  return ip ? { proxyUserId: nativeId.slice(0, slash), ip } : null;
}

/** Shown in canonical form whatever spelling is stored (another client may have written `::ffff:…`). */
export function toIpAuthorizations(user: PingProxyUser): IpAuthorizationRecord[] {
  return (user.ip_address_authentications ?? []).map((ip) => ({
    nativeId: ipAuthorizationId(user.proxy_user_id, ip),
    ip: displayIp(ip),
    subUserNativeId: user.proxy_user_id,
    user: null,
    expiresAt: null,
    createdAt: null,
    lastUsedAt: null,
  }));
}

export function toSubUser(user: PingProxyUser): SubUserRecord {
  return {
    nativeId: user.proxy_user_id,
    username: user.proxy_user_id,
    label: null,
    active: !user.proxy_user_is_deleted,
    password: user.proxy_user_password ?? null,
    bandwidthLimitBytes: user.proxy_user_residential_bytes_limit ?? null,
    monthlyBandwidthLimitBytes: null,
    bandwidthUsedBytes: user.proxy_user_residential_bytes_used ?? null,
    monthlyBandwidthUsedBytes: null,
    maxThreads: null,
    proxyCountries: null,
    createdAt: parseUtcDateTime(user.proxy_user_creation_datetime),
    lastUsedAt: null,
    ipAuthorizations: toIpAuthorizations(user),
    accessType: user.proxy_user_access_type ?? (user.proxy_user_is_service_restricted ? 'service_restricted' : 'all'),
    strictSecurity: user.proxy_user_is_strict_security ?? null,
    metadata: user.proxy_user_metadata ?? {},
  };
}

function isDate(value: Date | null): value is Date {
  return value !== null;
}

// ---- graph inputs → Ping's edit bodies (only the fields given) ----

/** The service fields Ping can change; the name is not among them (validate.ts refuses it). */
export function toServiceEdit(params: UpdateServiceParams): PingServiceEdit {
  return {
    ...(params.metadata != null ? { service_metadata: params.metadata } : {}),
    ...(params.automaticCollection != null ? { service_is_automatic_collection: params.automaticCollection } : {}),
  };
}

/** A 0 bandwidth limit means "no cap" in the graph; Ping clears a cap with null [I]. */
export function toProxyUserEdit(params: CreateSubUserParams): PingProxyUserEdit {
  return {
    ...(params.password != null ? { proxy_user_password: params.password } : {}),
    ...(params.bandwidthLimitBytes != null ? { proxy_user_residential_bytes_limit: params.bandwidthLimitBytes === 0 ? null : params.bandwidthLimitBytes } : {}),
    ...(params.metadata != null ? { proxy_user_metadata: params.metadata } : {}),
    ...(params.strictSecurity != null ? { proxy_user_is_strict_security: params.strictSecurity } : {}),
  };
}
