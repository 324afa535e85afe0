/**
 * Pure functions between Webshare's proxy-config family (v3 config, v3 list status and stats, v2 config) and
 * ProxyGraph's records: proxy settings, the list's status and composition, and the backbone gateway.
 * docs/providers/reference.md §1.5 "Proxy list" and "Proxy config".
 */
import { normaliseCountry } from '../../domain/units';
import type { GatewayUsernameParams, ProxySettingsChange } from '../contract/params';
import type {
  ProxyRecord,
  ProxyType,
  AsnCountRecord,
  CountryCountRecord,
  IpRangeCountRecord,
  ProxyGatewayRecord,
  ProxyListMode,
  ProxyListStatsRecord,
  ProxyListStatusRecord,
  ProxySettingsRecord,
} from '../contract/records';
import { toProxy, WEBSHARE_BACKBONE_HOST } from './mapping';
import type {
  WebshareAsnCounts,
  WebshareCountryCounts,
  WebsharePlan,
  WebshareProxyConfigUpdate,
  WebshareProxy,
  WebshareProxyConfigV3,
  WebshareProxyListMode,
  WebshareProxyListStats,
  WebshareProxyListStatus,
} from './wire';

/** [C] backbone username/password ports: 80, 1080, 3128 and 9999–19999 (IP authorization uses each entry's own port). */
export const WEBSHARE_BACKBONE_PORTS = [80, 1080, 3128] as const;
export const WEBSHARE_BACKBONE_PORT_RANGE = { from: 9_999, to: 19_999 } as const;

/** [C] `{username}-{country_code}-{geo_params}-{session_id}`; codes chain, rotate replaces the session id. */
export const WEBSHARE_BACKBONE_USERNAME_TEMPLATE = '{username}[-{cc}...][-city_{name}][-{session}|-rotate]';

/**
 * [C] residential plans are listed in backbone mode only ("must be backbone for residential"); the docs'
 * `plan.pool_filter == "residential"` is not in the documented plan JSON, so it is honoured when present [I].
 * Every other plan is read in direct mode, where each proxy has its own address.
 */
export function listModeOf(plan: WebsharePlan): WebshareProxyListMode {
  const poolFilter = (plan as WebsharePlan & { pool_filter?: string }).pool_filter;
  return plan.proxy_subtype === 'residential' || poolFilter === 'residential' ? 'backbone' : 'direct';
}

/** A list entry read in `mode`: a backbone entry is reached through the gateway, whatever exit address it shows. */
export function toProxyIn(mode: WebshareProxyListMode, proxy: WebshareProxy, type: ProxyType | null | undefined): ProxyRecord {
  const record = toProxy(proxy, type);
  return mode === 'backbone' ? { ...record, host: WEBSHARE_BACKBONE_HOST } : record;
}

/** [C] the city parameter is only available for residential plans. */
export function cityTargetingOf(plan: WebsharePlan): boolean {
  return listModeOf(plan) === 'backbone';
}

export function toProxyGateway(plan: WebsharePlan, username: string): ProxyGatewayRecord {
  return {
    host: WEBSHARE_BACKBONE_HOST,
    ports: [...WEBSHARE_BACKBONE_PORTS],
    portRangeFrom: WEBSHARE_BACKBONE_PORT_RANGE.from,
    portRangeTo: WEBSHARE_BACKBONE_PORT_RANGE.to,
    listMode: listModeOf(plan).toUpperCase() as ProxyListMode,
    username,
    cityTargeting: cityTargetingOf(plan),
    usernameTemplate: WEBSHARE_BACKBONE_USERNAME_TEMPLATE,
  };
}

/**
 * The backbone username for the targeting asked (validate-config.ts has checked it): country codes lower-cased
 * as the docs write them (`-us-fr`), then `city_<name>` in lower case, then the session id or `rotate`.
 */
export function gatewayUsername(base: string, params: GatewayUsernameParams): string {
  const parts = [base, ...(params.countries ?? []).map((code) => code.toLowerCase())];
  if (params.city) parts.push(`city_${params.city.toLowerCase()}`);
  if (params.sessionId) parts.push(params.sessionId);
  else if (params.rotate) parts.push('rotate');
  return parts.join('-');
}

/** Country → count, largest first (then by code), codes upper case. */
export function toCountryCounts(counts: WebshareCountryCounts | null | undefined): CountryCountRecord[] {
  return Object.entries(counts ?? {})
    .map(([country, count]) => ({ country: normaliseCountry(country) ?? country.toUpperCase(), count }))
    .sort((a, b) => b.count - a.count || a.country.localeCompare(b.country));
}

const STATES = { pending: 'PENDING', processing: 'PROCESSING', completed: 'COMPLETED' } as const;

export function toProxyListStatus(status: WebshareProxyListStatus): ProxyListStatusRecord {
  const unallocated = toCountryCounts(status.unallocated_countries);
  return {
    state: STATES[status.state] ?? 'PENDING',
    countries: toCountryCounts(status.countries),
    unallocatedCountries: unallocated,
    unallocatedCount: unallocated.reduce((sum, entry) => sum + entry.count, 0),
    proxiesUsed: status.is_proxy_used,
    username: status.username ?? null,
    password: status.password ?? null,
  };
}

function toIpRanges(...maps: Array<Record<string, number> | undefined>): IpRangeCountRecord[] {
  return maps.flatMap((ranges) => Object.entries(ranges ?? {}).map(([cidr, count]) => ({ cidr, prefixLength: Number(cidr.split('/')[1] ?? 32), count })));
}

/** `{"6137": ["ASN NAME", 105]}` [C]; a bare count is read as a count without a name. */
function toAsns(asns: WebshareAsnCounts | undefined): AsnCountRecord[] {
  return Object.entries(asns ?? {})
    .map(([asn, value]) =>
      Array.isArray(value) ? { asn: Number(asn), name: value[0] || null, count: value[1] } : { asn: Number(asn), name: null, count: Number(value) },
    )
    .sort((a, b) => b.count - a.count || a.asn - b.asn);
}

export function toProxyListStats(stats: WebshareProxyListStats): ProxyListStatsRecord {
  return {
    availableCountries: toCountryCounts(stats.available_countries),
    ipRanges: toIpRanges(stats.ip_ranges_24, stats.ip_ranges_16, stats.ip_ranges_8),
    availableIpRanges: toIpRanges(stats.available_ip_ranges_24, stats.available_ip_ranges_16, stats.available_ip_ranges_8),
    asns: toAsns(stats.asns),
    availableAsns: toAsns(stats.available_asns),
  };
}

/** The v3 config (or the same fields of the v2 config) as settings; the download token is left out (a secret). */
export function toProxySettings(config: Omit<WebshareProxyConfigV3, 'proxy_list_download_token'>): ProxySettingsRecord {
  return {
    requestTimeoutSeconds: config.request_timeout ?? null,
    requestIdleTimeoutSeconds: config.request_idle_timeout ?? null,
    ipAuthorizationCountries: config.ip_authorization_country_codes ?? null,
    ipAuthorizationCity: config.ip_authorization_city ?? null,
    ipAuthorizationState: config.ip_authorization_state ?? null,
    ipAuthorizationPostalCode: config.ip_authorization_postalcode ?? null,
    ipAuthorizationAsn: config.ip_authorization_asn ?? null,
    autoReplaceInvalidProxies: config.auto_replace_invalid_proxies ?? null,
    autoReplaceLowCountryConfidenceProxies: config.auto_replace_low_country_confidence_proxies ?? null,
    autoReplaceOutOfRotationProxies: config.auto_replace_out_of_rotation_proxies ?? null,
    autoReplaceFailedSiteCheckProxies: config.auto_replace_failed_site_check_proxies ?? null,
  };
}

const UPDATE_FIELDS: Record<keyof ProxySettingsChange, keyof WebshareProxyConfigUpdate> = {
  requestTimeoutSeconds: 'request_timeout',
  requestIdleTimeoutSeconds: 'request_idle_timeout',
  ipAuthorizationCountries: 'ip_authorization_country_codes',
  ipAuthorizationCity: 'ip_authorization_city',
  ipAuthorizationState: 'ip_authorization_state',
  ipAuthorizationPostalCode: 'ip_authorization_postalcode',
  ipAuthorizationAsn: 'ip_authorization_asn',
  autoReplaceInvalidProxies: 'auto_replace_invalid_proxies',
  autoReplaceLowCountryConfidenceProxies: 'auto_replace_low_country_confidence_proxies',
  autoReplaceOutOfRotationProxies: 'auto_replace_out_of_rotation_proxies',
  autoReplaceFailedSiteCheckProxies: 'auto_replace_failed_site_check_proxies',
};

/** Only what the change names is sent: undefined stays out of the PATCH, null is sent as null (clears it). */
export function toProxySettingsUpdate(change: ProxySettingsChange): WebshareProxyConfigUpdate {
  const update: Record<string, unknown> = {};
  for (const [field, wireField] of Object.entries(UPDATE_FIELDS) as Array<[keyof ProxySettingsChange, string]>) {
    if (change[field] !== undefined) update[wireField] = change[field];
  }
  return update as WebshareProxyConfigUpdate;
}

/** The record's counts as Webshare's country dict. */
export function toNewCountries(countries: readonly CountryCountRecord[]): WebshareCountryCounts {
  return Object.fromEntries(countries.map((entry) => [entry.country, entry.count]));
}
