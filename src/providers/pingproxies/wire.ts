/**
 * Ping Proxies public user API 1.0 JSON shapes, under Ping's own field names (docs/providers/reference.md §2).
 * Tags: [C] Ping's own docs, [3P] the Byteful SDK (same platform), [I] inferred.
 * Datetimes are strings: "YYYY-MM-DD hh:mm:ss" (UTC) for most fields, ISO-8601 for some proxy fields [C].
 * Money is in cents, bandwidth in bytes [C].
 */

// ---- envelopes [C] ---------------------------------------------------------------------------------------------

export interface PingEnvelope<T> {
  data: T;
  message: string;
}

/** Search envelope; `total_count` is -1 when the count is too expensive [C]. */
export interface PingSearchEnvelope<T> {
  data: T[];
  message: string;
  page: number;
  per_page: number;
  total_count: number;
  item_count: number;
}

/** Create answers HTTP 201 with the new ids [C]. */
export interface PingCreatedEnvelope<T> {
  created: string[];
  data: T;
  message: string;
}

export interface PingEditedEnvelope {
  edited: string[];
  message: string;
  /** Present when `clear_proxy_user_acl` removed ACL entries [3P]. */
  proxy_user_acl_deleted?: string[];
  /** Cancel: the proxies the cancellation touched [C]. */
  proxy_edited?: string[];
}

/** [3P shape; I] */
export interface PingDeletedEnvelope {
  deleted: string[];
  message: string;
}

/** Every error body [C]. */
export interface PingErrorBody {
  error: string;
  message: string;
  api_request_id: string;
  /** 403 "requires 2FA" variant [3P]. */
  two_factor_authentication_public_key?: string;
  two_factor_authentication_service?: string;
  two_factor_authentication_target?: string;
}

export interface PingSearchQuery {
  page?: number;
  /** 1..100, default 100 [C]. */
  per_page?: number;
  /** `<field>`, `<field>_asc`, `<field>_desc` or `random` [C]. */
  sort_by?: string;
}

// ---- customer [C] ----------------------------------------------------------------------------------------------

export interface PingCustomer {
  customer_id: number;
  country_id?: string | null;
  country_id_billing?: string | null;
  customer_email_address: string | null;
  customer_first_name: string | null;
  customer_last_name: string | null;
  customer_creation_datetime: string | null;
  customer_last_login_datetime?: string | null;
  customer_last_update_datetime?: string | null;
  customer_phone_number?: string | null;
  customer_iso_language_code?: string | null;
  customer_email_two_factor_authentication?: boolean;
  customer_proxy_user_limit: number;
  customer_requires_information_confirm?: boolean;
  customer_requires_password_change?: boolean;
  /** Cents [C object page]. */
  credit_balance?: number;
  proxy_count?: number;
  residential_bytes_left?: number;
  active_residential_service_id?: string | null;
  [extra: string]: unknown;
}

// ---- service [C] -----------------------------------------------------------------------------------------------

export type PingServiceStatus =
  'awaiting_fulfillment' | 'awaiting_manual_fulfillment' | 'awaiting_additional_fulfillment' | 'active' | 'paused' | 'overdue' | 'canceled' | 'complete';

export type PingServiceType = 'datacenter' | 'isp' | 'residential' | 'off_catalog' | 'mobile';

export interface PingService {
  service_id: string;
  service_name: string;
  service_type: PingServiceType;
  service_status: PingServiceStatus;
  service_protocol?: string | null;
  /** `<count>:<interval>`, e.g. `1:month` [C]. */
  service_cycle: string;
  service_quantity: number;
  /** Cents [C]. */
  service_total: number;
  service_creation_datetime: string | null;
  service_dispatch_datetime?: string | null;
  service_earliest_cancellation_datetime?: string | null;
  service_expiry_datetime: string | null;
  service_last_update_datetime?: string | null;
  service_is_automatic_collection?: boolean;
  service_is_pending_cancellation?: boolean;
  service_metadata?: Record<string, unknown> | null;
  service_image?: string | null;
  service_promotional_code?: string | null;
  service_subscription_id?: string | null;
  service_subscription_is_paused?: boolean;
  payment_method_id?: string | null;
  country_id?: string | null;
  /** Only with `?proxies=true` on retrieve [C]. */
  proxies?: PingProxy[];
}

/** PATCH /service/edit body [3P]. */
export interface PingServiceEdit {
  payment_method_id?: string;
  service_is_automatic_collection?: boolean;
  service_is_pending_cancellation?: boolean;
  service_metadata?: Record<string, unknown>;
}

export const PING_CANCEL_FEEDBACK = [
  'too_expensive',
  'missing_features',
  'switched_service',
  'unused',
  'customer_service',
  'too_complex',
  'low_quality',
  'other',
] as const;
export type PingCancelFeedback = (typeof PING_CANCEL_FEEDBACK)[number];

/** DELETE /service/cancel body [C]; the comment is at most 300 characters. */
export interface PingServiceCancel {
  cancel_feedback: PingCancelFeedback;
  cancel_comment?: string;
}

// ---- proxy [C object; 3P extras] -------------------------------------------------------------------------------

export type PingProxyStatus = 'available' | 'in_use' | 'reserved' | 'waiting' | 'pending_deletion';
export type PingProxyType = 'datacenter' | 'isp' | 'residential' | 'mobile';

export interface PingProxy {
  proxy_id: string;
  service_id: string | null;
  customer_id: number;
  proxy_ip_address: string | null;
  proxy_ip_address_v6?: string | null;
  ip_address_id_v4?: string | null;
  ip_address_id_v6?: string | null;
  subnet_id?: string | null;
  subnet_id_v6?: string | null;
  proxy_http_port: number | null;
  proxy_socks5_port: number | null;
  proxy_protocol: 'ipv4' | 'ipv6' | 'dual';
  proxy_status: PingProxyStatus;
  proxy_type: PingProxyType;
  /** Proxy-specific credentials (`list_authentication=proxy_specific`) [C + 3P]. */
  proxy_username?: string | null;
  proxy_password?: string | null;
  default_proxy_user_username?: string | null;
  default_proxy_user_password?: string | null;
  /** ISO-8601 in the docs' example [C]. */
  proxy_last_update_datetime?: string | null;
  country_id: string | null;
  country_name?: string | null;
  subdivision_id?: string | null;
  subdivision_name?: string | null;
  city_id?: number | null;
  city_name?: string | null;
  city_timezone?: string | null;
  city_example_postcode?: string | null;
  city_latitude?: number | null;
  city_longitude?: number | null;
  asn_id?: number | null;
  asn_name?: string | null;
  /** Search rows only [3P]. */
  proxy_user_ids?: string[];
  http_formatted?: string;
  socks5_formatted?: string;
}

/** GET /proxy/search filters this adapter pushes down (exact match; operators prefix the name) [3P names]. */
export interface PingProxySearchQuery extends PingSearchQuery {
  country_id?: string;
  proxy_type?: string;
  not_proxy_type?: string;
  proxy_status?: string;
  not_proxy_status?: string;
  service_id?: string;
}

export type PingListFormat = 'standard' | 'http' | 'https' | 'socks5' | 'socks5h';
export type PingListAuthentication = 'username_and_password' | 'ip_address' | 'proxy_specific';

/** POST /proxy/list_by_id body [C path; 3P body]. */
export interface PingListByIdBody {
  proxy_ids: string[];
  list_protocol?: 'http' | 'socks5';
  list_version?: 'ipv4' | 'ipv6';
  list_format?: PingListFormat;
  list_authentication?: PingListAuthentication;
  proxy_user_id?: string;
}

// ---- proxy user [C object page + 3P model] --------------------------------------------------------------------

export type PingProxyUserAccessType = 'all' | 'service_restricted' | 'proxy_restricted';

export interface PingProxyUser {
  proxy_user_id: string;
  proxy_user_password: string;
  proxy_user_access_type?: PingProxyUserAccessType;
  proxy_user_is_default: boolean;
  proxy_user_is_deleted: boolean;
  proxy_user_is_strict_security: boolean;
  proxy_user_enforce_https?: boolean;
  proxy_user_ip_address_authentication_limit?: number;
  ip_address_authentications: string[];
  restricted_proxy_ids?: string[];
  restricted_service_ids?: string[];
  proxy_user_is_service_restricted?: boolean;
  /** Bytes; null = no cap [I]. */
  proxy_user_residential_bytes_limit: number | null;
  proxy_user_residential_bytes_used: number;
  residential_bytes_left?: number | null;
  proxy_user_mobile_bytes_limit?: number | null;
  proxy_user_mobile_bytes_used?: number;
  mobile_bytes_left?: number | null;
  proxy_user_metadata: Record<string, unknown>;
  customer_id: number;
  proxy_user_creation_datetime: string | null;
  proxy_user_last_update_datetime?: string | null;
}

/** POST /proxy_user/create body [C documented fields + 3P newer fields]. */
export interface PingProxyUserCreate {
  proxy_user_id?: string;
  proxy_user_password?: string;
  ip_address_authentications?: string[];
  proxy_user_is_strict_security?: boolean;
  proxy_user_metadata?: Record<string, unknown>;
  proxy_user_residential_bytes_limit?: number | null;
  proxy_user_access_type?: PingProxyUserAccessType;
}

/** PATCH /proxy_user/edit body: any create field except the id, plus `clear_proxy_user_acl` [C]. */
export type PingProxyUserEdit = Omit<PingProxyUserCreate, 'proxy_user_id'> & { clear_proxy_user_acl?: boolean };

export interface PingProxyUserCreated {
  proxy_user_id: string;
  proxy_user_password: string;
}

export interface PingProxyUserSearchQuery extends PingSearchQuery {
  proxy_user_id?: string;
  proxy_user_is_deleted?: boolean;
  proxy_user_is_default?: boolean;
}

// ---- residential [C] -------------------------------------------------------------------------------------------

export interface PingResidentialSummary {
  residential_bytes: number;
  residential_bytes_used: number;
  residential_bytes_left: number;
  residential_requests: number;
  proxy_user_ids: string[];
}

// ---- proxy user ACL [C object page + create reference; search/retrieve 3P] -------------------------------------

/** One grant: exactly one of `service_id` / `proxy_id`, matching the proxy user's access type [C]. */
export interface PingProxyUserAcl {
  /** UUID [C]. */
  proxy_user_acl_id: string;
  proxy_user_id: string;
  service_id: string | null;
  proxy_id: string | null;
  proxy_user_acl_creation_datetime: string | null;
}

/** POST /proxy_user_acl/create body [C]; it answers 201 `{created: [acl id], message}` without data [C]. */
export type PingProxyUserAclCreate = { proxy_user_id: string } & ({ service_id: string; proxy_id?: never } | { proxy_id: string; service_id?: never });

export interface PingProxyUserAclSearchQuery extends PingSearchQuery {
  proxy_user_id?: string;
  service_id?: string;
  proxy_id?: string;
}

// ---- proxy lists [C paths; list/options body and answer C; list_by_search params 3P] ---------------------------

/** The `list_*` options shared by list_by_search and list_by_id [3P names]. */
export interface PingListOptions {
  list_protocol?: 'http' | 'socks5';
  list_version?: 'ipv4' | 'ipv6';
  list_format?: PingListFormat;
  list_authentication?: PingListAuthentication;
  proxy_user_id?: string;
}

/** GET /proxy/list_by_search: the list options plus any proxy search filter [3P]. */
export type PingListBySearchQuery = PingListOptions & Omit<PingProxySearchQuery, keyof PingSearchQuery>;

/** POST /proxy/list/options: exactly one of the two [C]. */
export type PingListOptionsBody =
  { proxy_ids: string[]; search_filter?: never } | { search_filter: Omit<PingProxySearchQuery, keyof PingSearchQuery>; proxy_ids?: never };

/** One active proxy user, and whether it may use every proxy named [C]. */
export interface PingProxyUserListOption {
  has_access: boolean;
  proxy_user_id: string;
  proxy_user_is_default: boolean;
}

// ---- service adjustment (audit trail) [C object page; filters 3P] ----------------------------------------------

export type PingServiceAdjustmentType =
  | 'ingestion'
  | 'fulfillment'
  | 'remove_proxy'
  | 'additional_fulfillment'
  | 'update'
  | 'proxy_replacement'
  | 'extension'
  | 'top_up'
  | 'top_up_and_extension'
  | 'cancel';

export interface PingServiceAdjustment {
  /** Integer [C]. */
  service_adjustment_id: number;
  service_id: string;
  service_adjustment_type: PingServiceAdjustmentType;
  service_adjustment_status: 'pending' | 'complete' | 'failed';
  service_adjustment_pre: Record<string, unknown> | null;
  service_adjustment_post: Record<string, unknown> | null;
  service_adjustment_eval: Record<string, unknown> | null;
  service_adjustment_is_administrator: boolean;
  service_adjustment_is_automatic: boolean;
  service_adjustment_is_customer: boolean;
  service_adjustment_creation_datetime: string | null;
  service_adjustment_last_update_datetime: string | null;
  invoice_id: string | null;
}

export interface PingServiceAdjustmentSearchQuery extends PingSearchQuery {
  service_id?: string;
  service_adjustment_type?: string;
  service_adjustment_status?: string;
}

// ---- residential list [3P BYTEFUL-SDK + 3P script] -------------------------------------------------------------

export interface PingResidentialListQuery {
  proxy_user_id?: string;
  country_id?: string;
  subdivision_id?: string;
  city_id?: number;
  list_count?: number;
  list_format?: PingListFormat;
  list_session_type?: 'sticky' | 'rotating';
  /** Seconds a sticky session keeps its exit [3P name; I unit]. */
  list_session_ttl?: number;
}
