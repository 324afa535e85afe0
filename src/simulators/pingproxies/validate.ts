/**
 * Body validation for the Ping Proxies simulator's writes, from the documented rules: proxy_user_id 10–32
 * characters [C], IPs valid [C], metadata flat with ≤ 30 keys / values ≤ 300 characters / ≤ 32 KB and
 * string/number/boolean values [C], cancel feedback from the documented list and comments ≤ 300 [C].
 * Message wording is [I]; Ping's own is of the form "The proxy_user_id field is required." [C].
 */
import { isIP } from 'node:net';
import type { PingProxyUserAccessType } from '../../providers/pingproxies/wire';
import { PING_CANCEL_FEEDBACK } from '../../providers/pingproxies/wire';

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const fail = <T>(message: string): Checked<T> => ({ ok: false, message });

const PROXY_USER_FIELDS = [
  'ip_address_authentications',
  'proxy_user_id',
  'proxy_user_password',
  'proxy_user_is_service_restricted',
  'restricted_service_ids',
  'restricted_proxy_ids',
  'proxy_user_is_strict_security',
  'proxy_user_metadata',
  'proxy_user_residential_bytes_limit',
  'proxy_user_access_type',
  'proxy_user_enforce_https',
  'proxy_user_mobile_bytes_limit',
] as const;
const ACCESS_TYPES: PingProxyUserAccessType[] = ['all', 'service_restricted', 'proxy_restricted'];

export interface ProxyUserFields {
  ip_address_authentications?: string[];
  proxy_user_id?: string;
  proxy_user_password?: string;
  proxy_user_is_service_restricted?: boolean;
  restricted_service_ids?: string[];
  restricted_proxy_ids?: string[];
  proxy_user_is_strict_security?: boolean;
  proxy_user_metadata?: Record<string, unknown>;
  proxy_user_residential_bytes_limit?: number | null;
  proxy_user_access_type?: PingProxyUserAccessType;
  proxy_user_enforce_https?: boolean;
  proxy_user_mobile_bytes_limit?: number | null;
  clear_proxy_user_acl?: boolean;
}

export function checkMetadata(value: unknown, field: string): string | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return `The ${field} field must be a JSON object.`;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 30) return `The ${field} field can have at most 30 keys.`;
  for (const [key, item] of entries) {
    if (!['string', 'number', 'boolean'].includes(typeof item)) return `The ${field} value for "${key}" must be a string, number or boolean.`;
    if (String(item).length > 300) return `The ${field} value for "${key}" must be at most 300 characters.`;
  }
  if (Buffer.byteLength(JSON.stringify(value), 'utf8') > 32 * 1024) return `The ${field} field must be at most 32 KB.`;
  return null;
}

function isBoolean(value: unknown): value is boolean {
  return typeof value === 'boolean';
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isByteLimit(value: unknown): value is number | null {
  return value === null || (typeof value === 'number' && Number.isInteger(value) && value >= 0);
}

/** A proxy user create (`mode: create`) or edit body. */
export function checkProxyUserBody(body: Record<string, unknown>, mode: 'create' | 'edit'): Checked<ProxyUserFields> {
  const allowed: readonly string[] =
    mode === 'create' ? PROXY_USER_FIELDS : [...PROXY_USER_FIELDS.filter((name) => name !== 'proxy_user_id'), 'clear_proxy_user_acl'];
  for (const key of Object.keys(body)) if (!allowed.includes(key)) return fail(`The ${key} field is not allowed.`);
  const id = body.proxy_user_id;
  if (id !== undefined) {
    if (typeof id !== 'string') return fail('The proxy_user_id field must be a string.');
    if (id.length < 10 || id.length > 32) return fail('The proxy_user_id field must be between 10 and 32 characters.');
  }
  const password = body.proxy_user_password;
  if (password !== undefined && (typeof password !== 'string' || password.length < 1 || password.length > 128)) {
    return fail('The proxy_user_password field must be a string of 1 to 128 characters.');
  }
  const ips = body.ip_address_authentications;
  if (ips !== undefined) {
    if (!isStringList(ips)) return fail('The ip_address_authentications field must be a list of IP addresses.');
    const invalid = ips.find((ip) => !isIP(ip.trim()));
    if (invalid !== undefined) return fail(`The IP address "${invalid.slice(0, 64)}" is not valid.`);
  }
  for (const flag of ['proxy_user_is_service_restricted', 'proxy_user_is_strict_security', 'proxy_user_enforce_https', 'clear_proxy_user_acl']) {
    if (body[flag] !== undefined && !isBoolean(body[flag])) return fail(`The ${flag} field must be a boolean.`);
  }
  for (const list of ['restricted_service_ids', 'restricted_proxy_ids']) {
    if (body[list] !== undefined && !isStringList(body[list])) return fail(`The ${list} field must be a list of ids.`);
  }
  for (const limit of ['proxy_user_residential_bytes_limit', 'proxy_user_mobile_bytes_limit']) {
    if (body[limit] !== undefined && !isByteLimit(body[limit])) return fail(`The ${limit} field must be a whole number of bytes, 0 or more, or null.`);
  }
  if (body.proxy_user_access_type !== undefined && !ACCESS_TYPES.includes(body.proxy_user_access_type as PingProxyUserAccessType)) {
    return fail(`The proxy_user_access_type field must be one of ${ACCESS_TYPES.join(', ')}.`);
  }
  if (body.proxy_user_metadata !== undefined) {
    const problem = checkMetadata(body.proxy_user_metadata, 'proxy_user_metadata');
    if (problem) return fail(problem);
  }
  const value = { ...body } as ProxyUserFields;
  if (value.ip_address_authentications) value.ip_address_authentications = [...new Set(value.ip_address_authentications.map((ip) => ip.trim()))];
  return { ok: true, value };
}

export interface ServiceEditFields {
  payment_method_id?: string;
  service_is_automatic_collection?: boolean;
  service_is_pending_cancellation?: boolean;
  service_metadata?: Record<string, unknown>;
  cancel_comment?: string;
  cancel_feedback?: string;
}

/** [3P] the editable service fields. */
export function checkServiceEdit(body: Record<string, unknown>): Checked<ServiceEditFields> {
  const allowed = [
    'payment_method_id',
    'service_is_automatic_collection',
    'service_is_pending_cancellation',
    'service_metadata',
    'cancel_comment',
    'cancel_feedback',
  ];
  for (const key of Object.keys(body)) if (!allowed.includes(key)) return fail(`The ${key} field is not allowed.`);
  if (Object.keys(body).length === 0) return fail('At least one field is required.');
  if (body.payment_method_id !== undefined && typeof body.payment_method_id !== 'string') return fail('The payment_method_id field must be a string.');
  for (const flag of ['service_is_automatic_collection', 'service_is_pending_cancellation']) {
    if (body[flag] !== undefined && !isBoolean(body[flag])) return fail(`The ${flag} field must be a boolean.`);
  }
  if (body.service_metadata !== undefined) {
    const problem = checkMetadata(body.service_metadata, 'service_metadata');
    if (problem) return fail(problem);
  }
  const cancel = checkCancel({ cancel_feedback: body.cancel_feedback ?? 'other', cancel_comment: body.cancel_comment });
  if (!cancel.ok) return fail(cancel.message);
  return { ok: true, value: body as ServiceEditFields };
}

/** DELETE /service/cancel body [C]: feedback from the list (required [I]), comment ≤ 300 characters. */
export function checkCancel(body: Record<string, unknown>): Checked<{ cancel_feedback: string; cancel_comment?: string }> {
  const feedback = body.cancel_feedback;
  if (feedback === undefined) return fail('The cancel_feedback field is required.');
  if (typeof feedback !== 'string' || !(PING_CANCEL_FEEDBACK as readonly string[]).includes(feedback)) {
    return fail(`The cancel_feedback field must be one of ${PING_CANCEL_FEEDBACK.join(', ')}.`);
  }
  const comment = body.cancel_comment;
  if (comment !== undefined && (typeof comment !== 'string' || comment.length > 300)) return fail('The cancel_comment field must be at most 300 characters.');
  return { ok: true, value: { cancel_feedback: feedback, ...(typeof comment === 'string' ? { cancel_comment: comment } : {}) } };
}
