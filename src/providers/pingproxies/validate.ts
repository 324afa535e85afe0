/**
 * Ping's documented input rules, checked before any upstream call so bad input costs no request from the
 * 10/second budget and comes back as BAD_USER_INPUT with the offending fields.
 */
import { badUserInput, type AccountErrors } from '../../core/errors';
import type { CreateSubUserParams } from '../contract/params';
import { unsupportedFieldProblems } from '../shared/unsupported-fields';
import { PING_CANCEL_FEEDBACK, type PingCancelFeedback, type PingProxyUser } from './wire';

/** [C] "proxy_user_id ... length 10–32" (the same page's example "stevejobs" has 9: the rule wins here). */
export const PROXY_USER_ID_MIN = 10;
export const PROXY_USER_ID_MAX = 32;

// ---- native id forms: an id outside them can never exist, so it is answered without a call ----

/**
 * Proxy user ids are proxy usernames [C]; Ping documents their length only (10–32 on create, while existing
 * ones such as its own "stevejobs" may be shorter). [I] The characters are those a proxy username can carry
 * unencoded: letters, digits and `_ . @ + -`, not only dots. No `/`, `%`, `:`, space or control character.
 */
const PROXY_USER_ID = /^(?!\.+$)[A-Za-z0-9_.@+-]{1,32}$/;
/** [C] service ids look like `API-1234-5678` or `1955-8012-871`; [I] letters, digits and dashes. */
const SERVICE_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
/** [C] proxy ids are UUIDs. */
const PROXY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isProxyUserId = (id: string): boolean => PROXY_USER_ID.test(id);
export const isServiceId = (id: string): boolean => SERVICE_ID.test(id);
export const isProxyId = (id: string): boolean => PROXY_ID.test(id);

/** For writes, where an id outside its form names nothing: NOT_FOUND, and it never enters a path. */
export function checkProxyUserId(id: string, errors: AccountErrors): void {
  if (!isProxyUserId(id)) throw errors.notFound('proxy user');
}

export function checkServiceId(id: string, errors: AccountErrors): void {
  if (!isServiceId(id)) throw errors.notFound('service');
}

/** [C] metadata: flat object, ≤ 30 keys, each value's string form ≤ 300 characters, ≤ 32 KB in total. */
export const METADATA_MAX_KEYS = 30;
export const METADATA_MAX_VALUE_CHARS = 300;
export const METADATA_MAX_BYTES = 32 * 1024;
/** [C] cancel_comment is at most 300 characters. */
export const CANCEL_COMMENT_MAX = 300;

type Problems = Record<string, string[]>;

function add(problems: Problems, field: string, message: string): void {
  (problems[field] ??= []).push(message);
}

function fail(problems: Problems, what: string): void {
  if (Object.keys(problems).length > 0) throw badUserInput(`invalid ${what} for Ping Proxies`, problems);
}

/** Metadata values may be string, number or boolean [C]; nested objects, arrays and null are refused. */
export function metadataProblems(metadata: Record<string, unknown>, field: string, problems: Problems): void {
  const entries = Object.entries(metadata);
  if (entries.length > METADATA_MAX_KEYS) add(problems, field, `at most ${METADATA_MAX_KEYS} keys`);
  for (const [key, value] of entries) {
    if (!['string', 'number', 'boolean'].includes(typeof value) || (typeof value === 'number' && !Number.isFinite(value))) {
      add(problems, field, `${key.slice(0, 40)}: values must be strings, numbers or booleans`);
    } else if (String(value).length > METADATA_MAX_VALUE_CHARS) {
      add(problems, field, `${key.slice(0, 40)}: values are at most ${METADATA_MAX_VALUE_CHARS} characters`);
    }
  }
  if (Buffer.byteLength(JSON.stringify(metadata), 'utf8') > METADATA_MAX_BYTES) add(problems, field, 'at most 32 KB in total');
}

export function validateProxyUserParams(params: CreateSubUserParams, mode: 'create' | 'update'): void {
  const problems: Problems = {};
  if (mode === 'create' && params.username != null) {
    const length = params.username.length;
    if (length < PROXY_USER_ID_MIN || length > PROXY_USER_ID_MAX) {
      add(problems, 'username', `Ping proxy user ids are ${PROXY_USER_ID_MIN}-${PROXY_USER_ID_MAX} characters`);
    } else if (!isProxyUserId(params.username)) {
      add(problems, 'username', 'letters, digits and _ . @ + - only, not only dots');
    }
  }
  if (params.bandwidthLimitBytes != null && (!Number.isInteger(params.bandwidthLimitBytes) || params.bandwidthLimitBytes < 0)) {
    add(problems, 'bandwidthLimitBytes', 'must be a whole number of bytes, 0 or more');
  }
  if (params.metadata != null) metadataProblems(params.metadata, 'metadata', problems);
  // What a Ping proxy user does not have.
  if (params.label != null) add(problems, 'label', 'Ping proxy users have no label; use metadata');
  if (params.monthlyBandwidthLimitBytes != null) add(problems, 'monthlyBandwidthLimitBytes', 'Ping limits residential bytes in total; use bandwidthLimitBytes');
  unsupportedFieldProblems(params, ['maxThreads', 'proxyCountries', 'firstName', 'lastName', 'email'], 'Ping Proxies', problems);
  fail(problems, mode === 'create' ? 'proxy user' : 'proxy user change');
}

/**
 * [I] The default proxy user cannot be deleted: every customer has one [C], its credentials are the ones each
 * proxy carries [C], and default users are exempt from access rules [C]; Ping refuses the delete.
 */
export function checkNotDefaultProxyUser(proxyUserId: string, defaultProxyUserId: string | null): void {
  if (proxyUserId === defaultProxyUserId) {
    throw badUserInput(`${proxyUserId} is the account's default proxy user, which Ping Proxies does not let you delete`, {
      id: ['the default proxy user cannot be deleted'],
    });
  }
}

/** [3P] `proxy_user_ip_address_authentication_limit` caps one proxy user's IP list; without it, no cap is known. */
export function hasIpRoom(user: Pick<PingProxyUser, 'proxy_user_ip_address_authentication_limit'>, listLength: number): boolean {
  const limit = user.proxy_user_ip_address_authentication_limit;
  return typeof limit !== 'number' || listLength < limit;
}

export function validateServiceEdit(params: { name?: string | null; metadata?: Record<string, unknown> | null }): void {
  const problems: Problems = {};
  // [3P] service/edit takes payment method, automatic collection, pending cancellation and metadata only.
  if (params.name != null) add(problems, 'name', 'Ping services cannot be renamed');
  if (params.metadata != null) metadataProblems(params.metadata, 'metadata', problems);
  fail(problems, 'service change');
}

/** [C] cancel_feedback is one of Ping's reasons; the graph takes them in any case. */
export function cancelFeedback(reason: string): PingCancelFeedback {
  const feedback = reason.toLowerCase();
  if (!(PING_CANCEL_FEEDBACK as readonly string[]).includes(feedback)) {
    throw badUserInput(`reason must be one of ${PING_CANCEL_FEEDBACK.join(', ')}`, { reason: ['unknown'] });
  }
  return feedback as PingCancelFeedback;
}

export function validateCancelComment(comment: string | null | undefined): void {
  if (comment != null && comment.length > CANCEL_COMMENT_MAX) {
    throw badUserInput(`comment is at most ${CANCEL_COMMENT_MAX} characters for Ping Proxies`, { comment: [`at most ${CANCEL_COMMENT_MAX} characters`] });
  }
}

// ---- proxy user ACLs, proxy lists, service adjustments -----------------------------------------------------

/** [C] ACL ids are UUIDs; [C] adjustment ids are integers. */
export const isAccessRuleId = (id: string): boolean => PROXY_ID.test(id);
export const isServiceAdjustmentId = (id: string): boolean => /^\d{1,15}$/.test(id);

/**
 * [C] an ACL entry names its proxy user and exactly one target, a service or a proxy; the default proxy
 * user cannot have ACL entries [C]. Ids outside their documented forms name nothing (NOT_FOUND, no call).
 * Whether the target's kind matches the user's access type is left to Ping (reading the user first would
 * cost a call on every success); its 400 is BAD_USER_INPUT.
 */
export function checkAccessRuleTarget(
  params: { subUserNativeId: string; serviceNativeId?: string | null; proxyNativeId?: string | null },
  errors: AccountErrors,
): void {
  const targets = [params.serviceNativeId, params.proxyNativeId].filter((value) => value != null);
  if (targets.length !== 1) {
    throw badUserInput('an access rule names exactly one of serviceId and proxyId', {
      serviceId: ['exactly one of serviceId and proxyId'],
      proxyId: ['exactly one of serviceId and proxyId'],
    });
  }
  checkProxyUserId(params.subUserNativeId, errors);
  if (params.serviceNativeId != null) checkServiceId(params.serviceNativeId, errors);
  if (params.proxyNativeId != null && !isProxyId(params.proxyNativeId)) throw errors.notFound('proxy');
}

export function checkNoAccessRulesOnDefault(proxyUserId: string, defaultProxyUserId: string | null): void {
  if (proxyUserId === defaultProxyUserId) {
    throw badUserInput(`${proxyUserId} is the account's default proxy user, which cannot have access rules on Ping Proxies`, {
      subUserId: ['the default proxy user cannot have access rules'],
    });
  }
}

/** [I] Ping documents no cap on proxy ids per list call; this keeps the body sane (the simulator's own cap). */
export const LIST_MAX_PROXY_IDS = 1_000;
/** [I] bounds for residential lines per call and a sticky session's lifetime (not documented). */
export const RESIDENTIAL_LIST_MAX = 1_000;
export const RESIDENTIAL_SESSION_TTL_MAX_SECONDS = 86_400;

export function validateProxyIds(ids: readonly string[]): void {
  if (ids.length === 0) throw badUserInput('proxyIds names no proxy', { proxyIds: ['at least one'] });
  if (ids.length > LIST_MAX_PROXY_IDS)
    throw badUserInput(`at most ${LIST_MAX_PROXY_IDS} proxy ids in one call`, { proxyIds: [`at most ${LIST_MAX_PROXY_IDS}`] });
}

/**
 * [C] a search filter is exact matches (plus `not_`): a graph filter that names several countries, services,
 * or statuses and types that are not one Ping value (or all but one) cannot be one Ping search.
 */
export function refuseUnsearchableFilter(): never {
  throw badUserInput('Ping Proxies searches one country, one service, and statuses and types that are one Ping value (or all but one)', {
    filter: ['not expressible as one Ping Proxies search'],
  });
}

export function validateResidentialList(params: {
  country?: string | null;
  subdivision?: string | null;
  cityId?: number | null;
  count?: number | null;
  sessionType?: string | null;
  sessionTtlSeconds?: number | null;
}): void {
  const problems: Problems = {};
  if (params.country != null && !/^[A-Za-z]{2}$/.test(params.country)) add(problems, 'country', 'a two-letter ISO 3166-1 code');
  // [C examples] subdivision ids are `<country>-<code>`, e.g. us-tx.
  if (params.subdivision != null && !/^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$/.test(params.subdivision)) add(problems, 'subdivision', 'a subdivision id such as us-tx');
  if (params.cityId != null && (!Number.isInteger(params.cityId) || params.cityId < 1)) add(problems, 'cityId', 'a positive city id');
  if (params.count != null && (!Number.isInteger(params.count) || params.count < 1 || params.count > RESIDENTIAL_LIST_MAX))
    add(problems, 'count', `between 1 and ${RESIDENTIAL_LIST_MAX}`);
  if (params.sessionTtlSeconds != null) {
    if (params.sessionType !== 'sticky') add(problems, 'sessionTtlSeconds', 'only for STICKY sessions');
    else if (!Number.isInteger(params.sessionTtlSeconds) || params.sessionTtlSeconds < 1 || params.sessionTtlSeconds > RESIDENTIAL_SESSION_TTL_MAX_SECONDS) {
      add(problems, 'sessionTtlSeconds', `between 1 and ${RESIDENTIAL_SESSION_TTL_MAX_SECONDS}`);
    }
  }
  fail(problems, 'residential list');
}
