/** Pure functions from Webshare's wire shapes to ProxyGraph's unified records (and selectors back). */
import { displayIp } from '../../domain/checks/ip';
import { bytesToGb, gbToBytes, normaliseCountry, parseIsoDate } from '../../domain/units';
import type { CreateSubUserParams, ProxyListFilter, ReplaceProxiesParams } from '../contract/params';
import type {
  AccountProfileRecord,
  IpAuthorizationRecord,
  PlanRecord,
  ProxyCredentialsRecord,
  ProxyRecord,
  ProxyReplacementRecord,
  ProxyReplacementSelectorRecord,
  ProxyType,
  SubUserRecord,
  UsageRecord,
} from '../contract/records';
import type {
  WebshareAggregateStats,
  WebshareIpAuthorization,
  WebsharePlan,
  WebshareProfile,
  WebshareProxy,
  WebshareProxyConfig,
  WebshareProxyConfigUpdate,
  WebshareProxyReplacement,
  WebshareProxyReplacementCreate,
  WebshareReplaceWith,
  WebshareSubscription,
  WebshareSubuser,
  WebshareSubuserCreate,
  WebshareToReplace,
} from './wire';
import type { PositionWindow, ProxyActivityFilter } from '../contract/params';
import type { DownloadTokenRecord, DownloadTokenScope, ProxyActivityRecord, ReplacedProxyRecord, UsagePointRecord } from '../contract/records';
import type {
  WebshareActivity,
  WebshareActivityPage,
  WebshareActivityQuery,
  WebshareDownloadToken,
  WebshareDownloadTokenScope,
  WebshareProxyStat,
  WebshareReplacedProxy,
} from './wire';

/** Backbone (rotating) endpoint for proxies without a direct address (residential plans). */
export const WEBSHARE_BACKBONE_HOST = 'p.webshare.io';

export function toProfile(profile: WebshareProfile): AccountProfileRecord {
  const name = [profile.first_name, profile.last_name].filter(Boolean).join(' ');
  return { email: profile.email || null, name: name || null, createdAt: parseIsoDate(profile.created_at) };
}

/** Webshare's bandwidth_limit is in GB; 0 means unlimited, which the graph shows as null. */
export function bandwidthLimitBytes(plan: WebsharePlan): number | null {
  return plan.bandwidth_limit > 0 ? gbToBytes(plan.bandwidth_limit) : null;
}

export function toPlan(plan: WebsharePlan, subscription: WebshareSubscription | null): PlanRecord {
  const yearly = subscription?.term === 'yearly';
  return {
    id: String(plan.id),
    name: `${capitalise(plan.proxy_type)} ${plan.proxy_subtype === 'default' ? '' : `${plan.proxy_subtype} `}${plan.proxy_count} proxies`
      .replace(/\s+/g, ' ')
      .trim(),
    type: `${plan.proxy_type}/${plan.proxy_subtype}`,
    status: plan.status,
    proxyCount: plan.proxy_count,
    periodStart: subscription && subscription.plan === plan.id ? parseIsoDate(subscription.start_date) : null,
    periodEnd: subscription && subscription.plan === plan.id ? parseIsoDate(subscription.end_date) : null,
    bandwidthLimitBytes: bandwidthLimitBytes(plan),
    price: yearly ? plan.yearly_price : plan.monthly_price,
    currency: 'USD',
    subUsersTotal: plan.subusers_total,
    subUsersUsed: plan.subusers_used,
    replacementsAvailable: plan.proxy_replacements_available,
    onDemandRefreshesAvailable: plan.on_demand_refreshes_available,
  };
}

/** Proxy type follows the plan: residential plans are rotating residential, ISP plans ISP, the rest datacenter. */
export function proxyTypeOf(plan: WebsharePlan): ProxyType {
  if (plan.proxy_subtype === 'residential') return 'RESIDENTIAL';
  if (plan.proxy_subtype === 'isp') return 'ISP';
  return 'DATACENTER';
}

/**
 * Traffic figures of one stats read over the period `covered` says, beside the plan's limit. Remaining is
 * the limit minus usage in the plan period (read separately when the window is another), whatever window
 * was asked; null when either is unknown. Webshare's requests_total is successful + failed [C: the
 * ProxyStat sample, 5 = 4 + 1].
 */
export function toUsage(
  stats: WebshareAggregateStats | null,
  covered: Pick<UsageRecord, 'period' | 'periodStart' | 'periodEnd'>,
  limitBytes: number | null,
  planPeriodUsedBytes: number | null,
): UsageRecord {
  return {
    ...covered,
    bandwidthUsedBytes: stats?.bandwidth_total ?? null,
    bandwidthLimitBytes: limitBytes,
    bandwidthRemainingBytes: limitBytes === null || planPeriodUsedBytes === null ? null : Math.max(0, limitBytes - planPeriodUsedBytes),
    requestsTotal: stats?.requests_total ?? null,
    requestsSucceeded: stats?.requests_successful ?? null,
    requestsFailed: stats?.requests_failed ?? null,
  };
}

/**
 * Native proxy ids carry the address (`d-10513@1.2.3.4`) because Webshare can filter the list by
 * `proxy_address__in` but not by id: that is what lets N proxy references load in one list call.
 */
export function proxyNativeId(proxy: Pick<WebshareProxy, 'id' | 'proxy_address'>): string {
  return proxy.proxy_address ? `${proxy.id}@${proxy.proxy_address}` : proxy.id;
}

export function parseProxyNativeId(nativeId: string): { id: string; address: string | null } {
  const at = nativeId.indexOf('@');
  return at < 0 ? { id: nativeId, address: null } : { id: nativeId.slice(0, at), address: nativeId.slice(at + 1) };
}

export function toProxy(proxy: WebshareProxy, type: ProxyType | null | undefined): ProxyRecord {
  return {
    nativeId: proxyNativeId(proxy),
    host: proxy.proxy_address ?? WEBSHARE_BACKBONE_HOST,
    // [I] Webshare proxies accept HTTP and SOCKS5 on the same port.
    httpPort: proxy.port,
    socks5Port: proxy.port,
    exitIp: proxy.proxy_address,
    username: proxy.username,
    password: proxy.password,
    country: normaliseCountry(proxy.country_code),
    city: proxy.city_name || null,
    asn: proxy.asn_number ?? null,
    asnName: proxy.asn_name || null,
    type,
    status: proxy.valid ? 'OK' : 'DOWN',
    providerStatus: proxy.valid ? 'valid' : 'invalid',
    lastCheckedAt: parseIsoDate(proxy.last_verification),
    createdAt: parseIsoDate(proxy.created_at),
  };
}

/** Webshare reports validity only: OK ↔ valid, DOWN ↔ invalid; 'none' when no proxy can match. */
export function validFilter(statuses: ProxyListFilter['statuses']): boolean | undefined | 'none' {
  if (!statuses?.length) return undefined;
  const ok = statuses.includes('OK');
  const down = statuses.includes('DOWN');
  if (ok && down) return undefined;
  if (ok) return true;
  if (down) return false;
  return 'none';
}

/** The sub-user fields a create or update sets (validate.ts has refused what Webshare lacks). */
export function toSubuserChanges(params: CreateSubUserParams): Partial<WebshareSubuserCreate> {
  return {
    ...(params.bandwidthLimitBytes != null ? { proxy_limit: bytesToGb(params.bandwidthLimitBytes) } : {}),
    ...(params.maxThreads != null ? { max_thread_count: params.maxThreads } : {}),
    ...(params.proxyCountries !== undefined ? { proxy_countries: params.proxyCountries } : {}),
  };
}

export function toProxyCredentials(
  config: Pick<WebshareProxyConfig, 'username' | 'password' | 'request_timeout' | 'request_idle_timeout'>,
): ProxyCredentialsRecord {
  return {
    username: config.username,
    password: config.password,
    requestTimeoutSeconds: config.request_timeout,
    requestIdleTimeoutSeconds: config.request_idle_timeout,
  };
}

/** Only the fields given change. */
export function toProxyConfigUpdate(params: ProxyCredentialsRecord): WebshareProxyConfigUpdate {
  return {
    ...(params.username != null ? { username: params.username } : {}),
    ...(params.password != null ? { password: params.password } : {}),
    ...(params.requestTimeoutSeconds != null ? { request_timeout: params.requestTimeoutSeconds } : {}),
    ...(params.requestIdleTimeoutSeconds != null ? { request_idle_timeout: params.requestIdleTimeoutSeconds } : {}),
  };
}

export function toSubUser(subuser: WebshareSubuser): SubUserRecord {
  return {
    nativeId: String(subuser.id),
    username: subuser.label,
    label: subuser.label,
    active: true,
    bandwidthLimitBytes: subuser.proxy_limit > 0 ? gbToBytes(subuser.proxy_limit) : null,
    monthlyBandwidthLimitBytes: null,
    bandwidthUsedBytes: subuser.aggregate_stats?.bandwidth_total ?? null,
    monthlyBandwidthUsedBytes: null,
    maxThreads: subuser.max_thread_count,
    proxyCountries: subuser.proxy_countries,
    createdAt: parseIsoDate(subuser.created_at),
    lastUsedAt: parseIsoDate(subuser.aggregate_stats?.last_request_sent_at ?? null),
    ipAuthorizations: null,
  };
}

export function toIpAuthorization(authorization: WebshareIpAuthorization): IpAuthorizationRecord {
  return {
    nativeId: String(authorization.id),
    ip: displayIp(authorization.ip_address),
    createdAt: parseIsoDate(authorization.created_at),
    lastUsedAt: parseIsoDate(authorization.last_used_at),
  };
}

function toSelector(selector: WebshareToReplace | WebshareReplaceWith): ProxyReplacementSelectorRecord {
  switch (selector.type) {
    case 'ip_range':
      return { type: 'IP_RANGE', ipRanges: selector.ip_ranges, count: selector.count ?? null };
    case 'ip_address':
      return { type: 'IP_ADDRESS', ipAddresses: selector.ip_addresses };
    case 'asn':
      return { type: 'ASN', asnNumbers: selector.asn_numbers.map(String), count: selector.count ?? null };
    case 'country':
      return { type: 'COUNTRY', countryCode: selector.country_code, count: selector.count ?? null };
    case 'any':
      return { type: 'ANY', count: selector.count ?? null };
  }
}

export function fromSelector(selector: ProxyReplacementSelectorRecord): WebshareToReplace | WebshareReplaceWith {
  const count = selector.count ?? undefined;
  switch (selector.type) {
    case 'IP_RANGE':
      return { type: 'ip_range', ip_ranges: selector.ipRanges ?? [], ...(count ? { count } : {}) };
    case 'IP_ADDRESS':
      return { type: 'ip_address', ip_addresses: selector.ipAddresses ?? [] };
    case 'ASN':
      return { type: 'asn', asn_numbers: selector.asnNumbers ?? [], ...(count ? { count } : {}) };
    case 'COUNTRY':
      return { type: 'country', country_code: selector.countryCode ?? 'ZZ', ...(count ? { count } : {}) };
    case 'ANY':
      return { type: 'any', ...(count ? { count } : {}) };
  }
}

export function toReplacementCreate(params: ReplaceProxiesParams): WebshareProxyReplacementCreate {
  return {
    to_replace: fromSelector(params.toReplace) as WebshareToReplace,
    replace_with: params.replaceWith.map((selector) => fromSelector(selector) as WebshareReplaceWith),
    dry_run: params.dryRun,
  };
}

export function toReplacement(replacement: WebshareProxyReplacement): ProxyReplacementRecord {
  return {
    nativeId: String(replacement.id),
    state: replacement.state.toUpperCase() as ProxyReplacementRecord['state'],
    dryRun: replacement.dry_run,
    toReplace: toSelector(replacement.to_replace),
    replaceWith: replacement.replace_with.map(toSelector),
    proxiesRemoved: replacement.proxies_removed,
    proxiesAdded: replacement.proxies_added,
    reason: replacement.reason || null,
    error: replacement.error,
    errorCode: replacement.error_code,
    createdAt: parseIsoDate(replacement.created_at),
    dryRunCompletedAt: parseIsoDate(replacement.dry_run_completed_at),
    completedAt: parseIsoDate(replacement.completed_at),
  };
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

// ---- hourly stats series, proxy activity, replaced proxies, download tokens ----

/**
 * An hourly stats row as a chart point. Request counts follow docs/architecture.md §4a (total = succeeded +
 * failed); a projected hour has none: Webshare sends zeros for requests that have not happened yet.
 */
export function toUsagePoint(stat: WebshareProxyStat): UsagePointRecord {
  const projected = stat.is_projected;
  return {
    hourStart: parseIsoDate(stat.timestamp)!,
    bandwidthBytes: stat.bandwidth_total,
    requestsTotal: projected ? null : stat.requests_successful + stat.requests_failed,
    requestsSucceeded: projected ? null : stat.requests_successful,
    requestsFailed: projected ? null : stat.requests_failed,
    projected,
  };
}

/** Seconds (Webshare's durations) to whole milliseconds. */
function secondsToMs(seconds: number | null | undefined): number | null {
  return typeof seconds === 'number' && Number.isFinite(seconds) ? Math.round(seconds * 1000) : null;
}

/**
 * An activity row. Its cursor is Webshare's own position, the row's timestamp exactly as sent (microseconds
 * and offset): `starting_after` compares with it, so a re-formatted date could skip or repeat a row.
 */
export function toProxyActivity(activity: WebshareActivity): ProxyActivityRecord & { cursor: string } {
  return {
    cursor: activity.timestamp,
    at: parseIsoDate(activity.timestamp)!,
    protocol: activity.protocol ? activity.protocol.toUpperCase() : null,
    transferredBytes: activity.bytes,
    requestDurationMs: secondsToMs(activity.request_duration),
    handshakeDurationMs: secondsToMs(activity.handshake_duration),
    tunnelDurationMs: secondsToMs(activity.tunnel_duration),
    errorReason: activity.error_reason || null,
    errorHowToFix: activity.error_reason_how_to_fix || null,
    authUsername: activity.auth_username,
    proxyAddress: activity.proxy_address || null,
    proxyPort: activity.proxy_port,
    clientIp: activity.client_address || null,
    targetHostname: activity.hostname,
    targetDomain: activity.domain,
    targetIp: activity.ip_address,
    targetPort: activity.port,
  };
}

/** Where the next page starts: the `starting_after` of Webshare's `next` link, else the last row's timestamp. */
export function nextActivityCursor(page: WebshareActivityPage): string | null {
  if (!page.next || page.results.length === 0) return null;
  try {
    return new URL(page.next).searchParams.get('starting_after') ?? page.results[page.results.length - 1].timestamp;
  } catch {
    return page.results[page.results.length - 1].timestamp;
  }
}

/** The activity query for a window and filter: `error_reason=*` is Webshare's "any error". */
export function toActivityQuery(window: PositionWindow, filter: ProxyActivityFilter): WebshareActivityQuery {
  const query: WebshareActivityQuery = { page_size: window.limit };
  if (window.after) query.starting_after = window.after;
  if (filter.from) query.timestamp__gte = filter.from.toISOString();
  if (filter.to) query.timestamp__lte = filter.to.toISOString();
  if (filter.errorReason) query.error_reason = filter.errorReason;
  else if (filter.failedOnly) query.error_reason = '*';
  if (filter.minBytes != null) query.bytes__gte = filter.minBytes;
  if (filter.maxBytes != null) query.bytes__lte = filter.maxBytes;
  if (filter.search) query.search = filter.search;
  return query;
}

export function toReplacedProxy(row: WebshareReplacedProxy): ReplacedProxyRecord {
  return {
    nativeId: String(row.id),
    reason: row.reason || null,
    address: row.proxy || null,
    port: row.proxy_port ?? null,
    country: normaliseCountry(row.proxy_country_code),
    replacedWithAddress: row.replaced_with || null,
    replacedWithPort: row.replaced_with_port ?? null,
    replacedWithCountry: normaliseCountry(row.replaced_with_country_code),
    replacedAt: parseIsoDate(row.created_at),
  };
}

const DOWNLOAD_SCOPES: Record<DownloadTokenScope, WebshareDownloadTokenScope> = {
  PROXY_LIST: 'proxy_list',
  REPLACED_PROXIES: 'replaced_proxy',
  ACTIVITY: 'activity',
};

export function toDownloadTokenScope(scope: DownloadTokenScope): WebshareDownloadTokenScope {
  return DOWNLOAD_SCOPES[scope];
}

export function toDownloadToken(token: WebshareDownloadToken, asked: DownloadTokenScope): DownloadTokenRecord {
  const scope = (Object.keys(DOWNLOAD_SCOPES) as DownloadTokenScope[]).find((name) => DOWNLOAD_SCOPES[name] === token.scope) ?? asked;
  return { scope, key: token.key, expiresAt: parseIsoDate(token.expire_at) };
}
