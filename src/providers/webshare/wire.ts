/**
 * Webshare API v2/v3 JSON shapes, under Webshare's own field names (docs/providers/reference.md §1; docs/providers/webshare-v2-overview.txt).
 * Timestamps are ISO-8601 strings with microseconds and an offset ("2022-06-14T11:58:10.246406-07:00").
 * Bandwidth figures in plans and sub-users are GB; stats figures are bytes.
 */

/** ISO-8601 timestamp string with offset, as Webshare sends it. */
export type WebshareTimestamp = string;

/** Country code → count map (`ZZ` means "any country"). */
export type WebshareCountryCounts = Record<string, number>;

/** The page envelope of every paginated list: absolute `next`/`previous` URLs. */
export interface WebsharePage<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** Query parameters common to paginated lists. */
export interface WebsharePageQuery {
  page?: number | 'last';
  page_size?: number;
}

/** DRF-style error body: 401/403/404/405/429 and business 400s (`code` present on the latter). */
export interface WebshareDetailError {
  detail: string;
  code?: string;
}

/** One field error in the live API's form. */
export interface WebshareFieldErrorItem {
  message: string;
  code: string;
}

/** 400 validation body in the live form: `{"field": [{"message", "code"}]}` (`non_field_errors` for cross-field). */
export type WebshareFieldErrors = Record<string, WebshareFieldErrorItem[]>;

/** GET /api/v2/profile/ — the user profile. */
export interface WebshareProfile {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  last_login: WebshareTimestamp | null;
  timezone: string;
  subscribed_bandwidth_usage_notifications: boolean;
  subscribed_subscription_notifications: boolean;
  subscribed_proxy_usage_statistics: boolean;
  subscribed_usage_warnings: boolean;
  subscribed_guides_and_tips: boolean;
  subscribed_survey_emails: boolean;
  tracking_id: string;
  announce_kit_user_token: string;
  helpscout_beacon_signature: string;
  intercom_signature: string;
  is_vip_customer: boolean;
  created_at: WebshareTimestamp;
  updated_at: WebshareTimestamp;
}

/** Subscription term. */
export type WebshareTerm = 'monthly' | 'yearly';

/** Promotion kinds on a subscription. */
export type WebsharePromoType = 'first_time_value_off' | 'first_time_percent_off' | 'always_value_off' | 'always_percent_off';

/** GET /api/v2/subscription/ — the account's single subscription; `plan` is the current plan id. */
export interface WebshareSubscription {
  id: number;
  plan: number;
  payment_method: number | null;
  free_credits: number;
  term: WebshareTerm;
  start_date: WebshareTimestamp;
  end_date: WebshareTimestamp;
  renewals_paid: number;
  failed_payment_times: number;
  account_discount_percentage: number;
  promotion_available_first_time_renewal_25_off: boolean;
  customizable: boolean;
  paused: boolean;
  reactivation_date: WebshareTimestamp | null;
  reactivation_period_left: number | null;
  promo_type: WebsharePromoType | null;
  promo_value: number | null;
  throttled: boolean;
  renewals_enabled: boolean;
  will_renew: boolean;
  created_at: WebshareTimestamp;
  updated_at: WebshareTimestamp;
}

/** Plan status. */
export type WebsharePlanStatus = 'active' | 'cancelled';
/** Plan proxy type. */
export type WebshareProxyType = 'free' | 'shared' | 'semidedicated' | 'dedicated';
/** Plan proxy subtype. */
export type WebshareProxySubtype = 'default' | 'premium' | 'isp' | 'residential' | 'datacenter_and_isp';

/** GET /api/v2/subscription/plan/<id>/ — one plan (a new one is created on every re-customization). */
export interface WebsharePlan {
  id: number;
  status: WebsharePlanStatus;
  /** GB; 0 = unlimited. */
  bandwidth_limit: number;
  monthly_price: number;
  yearly_price: number;
  proxy_type: WebshareProxyType;
  proxy_subtype: WebshareProxySubtype;
  proxy_count: number;
  proxy_countries: WebshareCountryCounts;
  required_site_checks: string[];
  on_demand_refreshes_total: number;
  on_demand_refreshes_used: number;
  on_demand_refreshes_available: number;
  automatic_refresh_frequency: number;
  automatic_refresh_last_at: WebshareTimestamp | null;
  automatic_refresh_next_at: WebshareTimestamp | null;
  proxy_replacements_total: number;
  proxy_replacements_used: number;
  proxy_replacements_available: number;
  subusers_total: number;
  subusers_used: number;
  subusers_available: number;
  is_unlimited_ip_authorizations: boolean;
  is_high_concurrency: boolean;
  is_2x_concurrency: boolean;
  is_high_priority_network: boolean;
  high_quality_ips_only: boolean;
  bundle_info: unknown | null;
  bundle_addons: unknown[];
  created_at: WebshareTimestamp;
  updated_at: WebshareTimestamp;
}

/** Proxy list `mode` (required query parameter). */
export type WebshareProxyListMode = 'direct' | 'backbone';

/** GET /api/v2/proxy/list/ query parameters. */
export interface WebshareProxyListQuery extends WebsharePageQuery {
  mode: WebshareProxyListMode;
  plan_id?: number;
  country_code__in?: string;
  search?: string;
  ordering?: string;
  created_at?: string;
  proxy_address?: string;
  proxy_address__in?: string;
  valid?: boolean;
  asn_number?: string;
  asn_name?: string;
}

/** One proxy list entry; `id` is a string such as "d-10513". */
export interface WebshareProxy {
  id: string;
  username: string;
  password: string;
  /** null on residential plans. */
  proxy_address: string | null;
  port: number;
  valid: boolean;
  last_verification: WebshareTimestamp | null;
  country_code: string;
  city_name: string;
  asn_name: string;
  asn_number: number;
  high_country_confidence: boolean;
  created_at: WebshareTimestamp;
}

/** Proxy list preparation state. */
export type WebshareProxyConfigState = 'pending' | 'processing' | 'completed';

/** ASN number → [ASN name, count]. */
export type WebshareAsnCounts = Record<string, [string, number]>;

/** GET/PATCH /api/v2/proxy/config/ — the full v2 proxy configuration. */
export interface WebshareProxyConfig extends WebshareProxyListStats {
  id: number;
  state: WebshareProxyConfigState;
  countries: WebshareCountryCounts;
  unallocated_countries: WebshareCountryCounts;
  username: string;
  password: string;
  /** Seconds, 15 s … 7 days. */
  request_timeout: number;
  /** Seconds, 15 s … 2 h. */
  request_idle_timeout: number;
  ip_authorization_country_codes: string[] | null;
  ip_authorization_city: string | null;
  ip_authorization_state: string | null;
  ip_authorization_postalcode: string | null;
  ip_authorization_asn: string | null;
  auto_replace_invalid_proxies: boolean;
  auto_replace_low_country_confidence_proxies: boolean;
  auto_replace_out_of_rotation_proxies: boolean;
  auto_replace_failed_site_check_proxies: boolean;
  proxy_list_download_token: string;
  is_proxy_used: boolean;
  created_at: WebshareTimestamp;
  updated_at: WebshareTimestamp;
}

/** PATCH /api/v2/proxy/config/ body (every field optional). */
export interface WebshareProxyConfigUpdate {
  username?: string;
  password?: string;
  request_timeout?: number;
  request_idle_timeout?: number;
  ip_authorization_country_codes?: string[] | null;
  ip_authorization_city?: string | null;
  ip_authorization_state?: string | null;
  ip_authorization_postalcode?: string | null;
  ip_authorization_asn?: string | null;
  auto_replace_invalid_proxies?: boolean;
  auto_replace_low_country_confidence_proxies?: boolean;
  auto_replace_out_of_rotation_proxies?: boolean;
  auto_replace_failed_site_check_proxies?: boolean;
}

/** GET /api/v3/proxy/config?plan_id=N — the v3 subset of the proxy configuration. */
export interface WebshareProxyConfigV3 {
  request_timeout: number;
  request_idle_timeout: number;
  ip_authorization_country_codes: string[] | null;
  ip_authorization_city: string | null;
  ip_authorization_state: string | null;
  ip_authorization_postalcode: string | null;
  ip_authorization_asn: string | null;
  auto_replace_invalid_proxies: boolean;
  auto_replace_low_country_confidence_proxies: boolean;
  auto_replace_out_of_rotation_proxies: boolean;
  auto_replace_failed_site_check_proxies: boolean;
  proxy_list_download_token: string;
}

/** One authorized (whitelisted) IP address. */
export interface WebshareIpAuthorization {
  id: number;
  ip_address: string;
  created_at: WebshareTimestamp;
  last_used_at: WebshareTimestamp | null;
}

/** POST /api/v2/proxy/ipauthorization/ body. */
export interface WebshareIpAuthorizationCreate {
  ip_address: string;
}

/** GET /api/v2/proxy/ipauthorization/whatsmyip/ — the caller's public address. */
export interface WebshareWhatsMyIp {
  ip_address: string;
}

/** One error reason inside a stats row. */
export interface WebshareErrorReason {
  reason: string;
  type: 'configuration' | 'connection';
  how_to_fix: string;
  http_status: number;
  count: number;
}

/** Fields shared by an hourly stat and an aggregate. Bandwidth in bytes. */
export interface WebshareStatFields {
  bandwidth_total: number;
  /** Bytes per request. */
  bandwidth_average: number;
  requests_total: number;
  requests_successful: number;
  requests_failed: number;
  error_reasons: WebshareErrorReason[];
  countries_used: WebshareCountryCounts;
  number_of_proxies_used: number;
  protocols_used: Record<string, number>;
  average_concurrency: number | null;
  average_rps: number | null;
  last_request_sent_at: WebshareTimestamp | null;
}

/** One hourly row of GET /api/v2/stats/ (a bare array, not paginated). */
export interface WebshareProxyStat extends WebshareStatFields {
  timestamp: WebshareTimestamp;
  is_projected: boolean;
}

/** GET /api/v2/stats/aggregate/ and Subuser.aggregate_stats. */
export interface WebshareAggregateStats extends WebshareStatFields {
  bandwidth_projected: number;
}

/** Query of both stats endpoints. */
export interface WebshareStatsQuery {
  timestamp__gte?: string;
  timestamp__lte?: string;
  plan_id?: number;
}

/** A sub-user (v2). `proxy_countries: null` = no custom proxy list. */
export interface WebshareSubuser {
  id: number;
  label: string;
  proxy_countries: WebshareCountryCounts | null;
  /** GB; 0 = unlimited. */
  proxy_limit: number;
  max_thread_count: number;
  aggregate_stats: WebshareAggregateStats;
  created_at: WebshareTimestamp;
  updated_at: WebshareTimestamp;
  bandwidth_use_start_date: WebshareTimestamp;
  bandwidth_use_end_date: WebshareTimestamp;
}

/** POST /api/v2/subuser/ body; PATCH takes any subset. */
export interface WebshareSubuserCreate {
  label: string;
  proxy_limit?: number;
  max_thread_count?: number;
  proxy_countries?: WebshareCountryCounts | null;
  bandwidth_use_start_date?: WebshareTimestamp;
}

/** PATCH /api/v2/subuser/<id>/ body. */
export type WebshareSubuserUpdate = Partial<WebshareSubuserCreate>;

/** Replacement selector: proxies in IP ranges (host bits must be zero). */
export interface WebshareIpRangeSelector {
  type: 'ip_range';
  ip_ranges: string[];
  count?: number;
}
/** Replacement selector: explicit addresses (to_replace only). */
export interface WebshareIpAddressSelector {
  type: 'ip_address';
  ip_addresses: string[];
}
/** Replacement selector: by ASN. */
export interface WebshareAsnSelector {
  type: 'asn';
  asn_numbers: Array<string | number>;
  count?: number;
}
/** Replacement selector: by country. */
export interface WebshareCountrySelector {
  type: 'country';
  country_code: string;
  count?: number;
}
/** Replacement selector: anything available (replace_with only). */
export interface WebshareAnySelector {
  type: 'any';
  count?: number;
}

/** What `to_replace` accepts. */
export type WebshareToReplace = WebshareIpRangeSelector | WebshareIpAddressSelector | WebshareAsnSelector | WebshareCountrySelector;

/** What each `replace_with` item accepts. */
export type WebshareReplaceWith = WebshareIpRangeSelector | WebshareAsnSelector | WebshareCountrySelector | WebshareAnySelector;

/** POST /api/v3/proxy/replace/ body. */
export interface WebshareProxyReplacementCreate {
  to_replace: WebshareToReplace;
  replace_with: WebshareReplaceWith[];
  dry_run?: boolean;
}

/** Replacement lifecycle: validating → validated (dry run) | processing → completed | failed. */
export type WebshareReplacementState = 'validating' | 'validated' | 'processing' | 'completed' | 'failed';

/** Why a proxy left the list. */
export type WebshareReplacementReason =
  'list_updated' | 'proxy_replaced' | 'auto_invalidated' | 'auto_out_of_rotation' | 'auto_low_country_confidence' | 'auto_deleted' | 'auto_site_check';

/** An asynchronous proxy replacement request (v3). `reason` is "" until processed. */
export interface WebshareProxyReplacement {
  id: number;
  to_replace: WebshareToReplace;
  replace_with: WebshareReplaceWith[];
  dry_run: boolean;
  state: WebshareReplacementState;
  proxies_removed: number | null;
  proxies_added: number | null;
  reason: WebshareReplacementReason | '';
  error: string | null;
  error_code: string | null;
  created_at: WebshareTimestamp;
  dry_run_completed_at: WebshareTimestamp | null;
  completed_at: WebshareTimestamp | null;
}

/** GET /api/v3/proxy/replace/ query. */
export interface WebshareProxyReplacementListQuery extends WebsharePageQuery {
  plan_id?: number;
  ordering?: string;
  dry_run?: boolean;
  state?: WebshareReplacementState;
}

/** One row of GET /api/v2/proxy/list/replaced/: a proxy that left the list and what replaced it. */
export interface WebshareReplacedProxy {
  id: number;
  reason: WebshareReplacementReason;
  proxy: string;
  proxy_port: number;
  proxy_country_code: string;
  replaced_with: string;
  replaced_with_port: number;
  replaced_with_country_code: string;
  created_at: WebshareTimestamp;
}

/** GET /api/v2/proxy/list/replaced/ query. */
export interface WebshareReplacedProxyListQuery extends WebsharePageQuery {
  plan_id?: number;
  proxy_list_replacement?: number;
}

// ---- hourly stats series, proxy activity, download tokens (docs/providers/reference.md §1.5) ----
// (WebshareProxyStat, WebshareReplacedProxy and their queries are above.)

/** One row of GET /api/v2/proxy/activity/: one request through a proxy. Durations in seconds. */
export interface WebshareActivity {
  timestamp: WebshareTimestamp;
  protocol: 'http' | 'socks';
  request_duration: number | null;
  handshake_duration: number | null;
  tunnel_duration: number | null;
  /** Null for a request that succeeded; the `X-Webshare-Error-Reason` value otherwise. */
  error_reason: string | null;
  error_reason_how_to_fix: string | null;
  auth_username: string | null;
  proxy_address: string;
  bytes: number;
  client_address: string;
  /** The target's resolved address. */
  ip_address: string | null;
  hostname: string | null;
  domain: string | null;
  port: number | null;
  proxy_port: number | null;
  listen_address: string | null;
  listen_port: number | null;
}

/**
 * GET /api/v2/proxy/activity/ query [C]: newest first; `starting_after` is the timestamp of the last item of
 * the page before; `error_reason=*` means any error.
 */
export interface WebshareActivityQuery {
  page_size?: number;
  starting_after?: WebshareTimestamp;
  timestamp__gte?: WebshareTimestamp;
  timestamp__lte?: WebshareTimestamp;
  error_reason?: string;
  bytes__gte?: number;
  bytes__lte?: number;
  search?: string;
  plan_id?: number;
}

/** The activity envelope: `previous` is absent with `starting_after` paging [C]. */
export interface WebshareActivityPage {
  count: number;
  next: string | null;
  previous?: string | null;
  results: WebshareActivity[];
}

/** What a download token opens (the unauthenticated download links). */
export type WebshareDownloadTokenScope = 'proxy_list' | 'replaced_proxy' | 'activity';

/** GET /api/v2/download_token/{scope}/ and POST .../reset/: `key` opens the download links without the API key. */
export interface WebshareDownloadToken {
  id: number;
  key: string;
  scope: WebshareDownloadTokenScope;
  expire_at: WebshareTimestamp | null;
}

// ---- Proxy list status and composition, allocation, proxy settings -------------------------------
// docs/providers/reference.md §1.5 "Proxy list" and "Proxy config"; apidocs.webshare.io /proxy-config/*.

/** GET /api/v3/proxy/list/status?plan_id=N (plan_id required) [C]. `password` is the proxy password. */
export interface WebshareProxyListStatus {
  state: WebshareProxyConfigState;
  countries: WebshareCountryCounts;
  unallocated_countries: WebshareCountryCounts;
  username: string;
  password: string;
  is_proxy_used: boolean;
}

/** GET /api/v3/proxy/list/stats?plan_id=N (plan_id required): what the list holds and what is available [C]; the v2 config carries the same fields. */
export interface WebshareProxyListStats {
  available_countries: WebshareCountryCounts;
  ip_ranges_24: Record<string, number>;
  ip_ranges_16: Record<string, number>;
  ip_ranges_8: Record<string, number>;
  available_ip_ranges_24: Record<string, number>;
  available_ip_ranges_16: Record<string, number>;
  available_ip_ranges_8: Record<string, number>;
  asns: WebshareAsnCounts;
  available_asns: WebshareAsnCounts;
}

/** POST /api/v2/proxy/config/allocate_unallocated_countries/ body; answers the full v2 config [C]. */
export interface WebshareAllocateUnallocatedCountries {
  /** Upper-case country code → count > 0; the counts add up to the unallocated total [C]. */
  new_countries: WebshareCountryCounts;
}
