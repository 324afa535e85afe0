/**
 * Pure functions from Ping's proxy user ACL entries and list options to ProxyGraph's records, and from the
 * graph's list options to Ping's `list_*` parameters.
 */
import { parseUtcDateTime } from '../../domain/units';
import type { ProxyListLineOptions, ResidentialListParams } from '../contract/params';
import type { ProxyUserListOptionRecord, SubUserAccessRuleRecord } from '../contract/records';
import type { PingListOptions, PingProxyUserAcl, PingProxyUserListOption, PingResidentialListQuery } from './wire';

export function toAccessRule(acl: PingProxyUserAcl): SubUserAccessRuleRecord {
  return {
    nativeId: acl.proxy_user_acl_id,
    subUserNativeId: acl.proxy_user_id,
    serviceNativeId: acl.service_id || null,
    proxyNativeId: acl.proxy_id || null,
    createdAt: parseUtcDateTime(acl.proxy_user_acl_creation_datetime),
  };
}

export function toListOption(option: PingProxyUserListOption): ProxyUserListOptionRecord {
  return { subUserNativeId: option.proxy_user_id, hasAccess: option.has_access === true, isDefault: option.proxy_user_is_default === true };
}

/** Only what the caller chose is sent: Ping's own defaults apply to the rest. */
export function toListOptions(options: ProxyListLineOptions): PingListOptions {
  return {
    ...(options.format ? { list_format: options.format } : {}),
    ...(options.authentication ? { list_authentication: options.authentication } : {}),
    ...(options.protocol ? { list_protocol: options.protocol } : {}),
    ...(options.ipVersion ? { list_version: options.ipVersion } : {}),
    ...(options.subUserNativeId ? { proxy_user_id: options.subUserNativeId } : {}),
  };
}

/** Country ids are lower-case on Ping's wire [C examples `us`, `us-tx`]. */
export function toResidentialListQuery(params: ResidentialListParams): PingResidentialListQuery {
  return {
    ...(params.subUserNativeId ? { proxy_user_id: params.subUserNativeId } : {}),
    ...(params.country ? { country_id: params.country.toLowerCase() } : {}),
    ...(params.subdivision ? { subdivision_id: params.subdivision.toLowerCase() } : {}),
    ...(params.cityId != null ? { city_id: params.cityId } : {}),
    ...(params.count != null ? { list_count: params.count } : {}),
    ...(params.format ? { list_format: params.format } : {}),
    ...(params.sessionType ? { list_session_type: params.sessionType } : {}),
    ...(params.sessionTtlSeconds != null ? { list_session_ttl: params.sessionTtlSeconds } : {}),
  };
}
