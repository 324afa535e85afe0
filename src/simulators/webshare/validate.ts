/**
 * Request-body validation of the Webshare simulator in the live API's field-error form. Messages are
 * Django REST Framework's own where DRF produces them; Webshare-specific rules are documented constraints
 * [C] with inferred wording [I]. Unknown and read-only fields are ignored, as DRF serializers do.
 */
import type { SimResponse } from '../kit';
import type { WebshareCountryCounts, WebsharePlan, WebshareSubuserCreate } from '../../providers/webshare/wire';
import type { ProxyConfigState } from './state';
import { FieldErrors, REQUIRED } from './http';
import { parseTimestamp } from './data';

type Result<T> = { ok: true; value: T } | { ok: false; response: SimResponse };

const COMMON_PASSWORDS = new Set(['password', 'password1', '12345678', '123456789', 'qwertyuiop', 'iloveyou', 'sunshine1', 'abcdefgh', 'passw0rd', 'letmein1']);
const DATETIME_FORMAT_HELP = 'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].';

function checkString(errors: FieldErrors, field: string, value: unknown, allowNull = false): value is string {
  if (value === null) {
    if (!allowNull) errors.add(field, 'This field may not be null.', 'null');
    return false;
  }
  if (typeof value !== 'string') {
    errors.add(field, 'Not a valid string.', 'invalid');
    return false;
  }
  if (value === '' && !allowNull) {
    errors.add(field, 'This field may not be blank.', 'blank');
    return false;
  }
  return true;
}

/** DRF IntegerField: ints, integral floats and digit strings; bounds as min_value/max_value. */
function checkInteger(errors: FieldErrors, field: string, value: unknown, min: number, max?: number): number | undefined {
  const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) {
    errors.add(field, 'A valid integer is required.', 'invalid');
    return undefined;
  }
  if (number < min) errors.add(field, `Ensure this value is greater than or equal to ${min}.`, 'min_value');
  else if (max !== undefined && number > max) errors.add(field, `Ensure this value is less than or equal to ${max}.`, 'max_value');
  else return number;
  return undefined;
}

function checkBoolean(errors: FieldErrors, field: string, value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  errors.add(field, 'Must be a valid boolean.', 'invalid');
  return undefined;
}

/** Proxy username/password: 8–32 alphanumeric characters [C]. */
function checkCredential(errors: FieldErrors, field: string, value: unknown): string | undefined {
  if (!checkString(errors, field, value)) return undefined;
  if (value.length < 8) errors.add(field, 'Ensure this field has at least 8 characters.', 'min_length');
  else if (value.length > 32) errors.add(field, 'Ensure this field has no more than 32 characters.', 'max_length');
  else if (!/^[A-Za-z0-9]+$/.test(value))
    errors.add(field, 'Only alphanumeric characters are allowed.', 'invalid'); // [I] wording
  else return value;
  return undefined;
}

/** PATCH /api/v2/proxy/config/ — returns the changes to apply. */
export function validateConfigUpdate(body: Record<string, unknown>, current: ProxyConfigState, plan: WebsharePlan): Result<Partial<ProxyConfigState>> {
  const errors = new FieldErrors();
  const changes: Partial<ProxyConfigState> = {};
  if ('username' in body) changes.username = checkCredential(errors, 'username', body.username);
  if ('password' in body) {
    const password = checkCredential(errors, 'password', body.password);
    const username = (changes.username ?? current.username).toLowerCase();
    // [C] "not too common / not too similar to username"; Django's password-validator wording [I].
    if (password && COMMON_PASSWORDS.has(password.toLowerCase())) errors.add('password', 'This password is too common.', 'password_too_common');
    else if (password && (password.toLowerCase().includes(username) || username.includes(password.toLowerCase()))) {
      errors.add('password', 'The password is too similar to the username.', 'password_too_similar');
    } else changes.password = password;
  }
  if ('request_timeout' in body) changes.request_timeout = checkInteger(errors, 'request_timeout', body.request_timeout, 15, 7 * 86_400);
  if ('request_idle_timeout' in body) changes.request_idle_timeout = checkInteger(errors, 'request_idle_timeout', body.request_idle_timeout, 15, 7_200);
  if ('ip_authorization_country_codes' in body) {
    const codes = body.ip_authorization_country_codes;
    if (codes === null) changes.ip_authorization_country_codes = null;
    else if (!Array.isArray(codes))
      errors.add(
        'ip_authorization_country_codes',
        `Expected a list of items but got type "${typeof codes === 'string' ? 'str' : typeof codes}".`,
        'not_a_list',
      );
    else if (codes.some((code) => typeof code !== 'string' || !/^[A-Z]{2}$/.test(code))) {
      errors.add('ip_authorization_country_codes', 'Country codes must be upper-case two-letter codes.', 'invalid'); // [I]
    } else changes.ip_authorization_country_codes = codes as string[];
  }
  for (const field of ['ip_authorization_city', 'ip_authorization_state', 'ip_authorization_postalcode', 'ip_authorization_asn'] as const) {
    if (!(field in body)) continue;
    const value = body[field];
    if (value === null || value === '') changes[field] = null;
    else if (checkString(errors, field, value, true)) {
      // [SDK] the ASN filter accepts "7922" or "AS7922".
      if (field === 'ip_authorization_asn' && !/^(AS)?\d{1,10}$/i.test(value)) errors.add(field, 'Enter a valid ASN such as 7922 or AS7922.', 'invalid');
      else changes[field] = value;
    }
  }
  const geo = (['ip_authorization_city', 'ip_authorization_state', 'ip_authorization_postalcode'] as const).filter(
    (field) => (field in changes ? changes[field] : current[field]) !== null,
  );
  if (geo.length > 1) errors.add('non_field_errors', 'Only one of city, state and postal code can be used to restrict IP authorization.', 'invalid'); // [SDK] exclusive; [I] wording
  for (const field of [
    'auto_replace_invalid_proxies',
    'auto_replace_low_country_confidence_proxies',
    'auto_replace_out_of_rotation_proxies',
    'auto_replace_failed_site_check_proxies',
  ] as const) {
    if (!(field in body)) continue;
    const value = checkBoolean(errors, field, body[field]);
    const freeLocked = field === 'auto_replace_invalid_proxies' || field === 'auto_replace_low_country_confidence_proxies';
    if (value !== undefined && freeLocked && plan.proxy_type === 'free' && value !== current[field]) {
      errors.add(field, 'This setting cannot be changed on a free plan.', 'not_allowed'); // [C] rule, [I] wording
    } else if (value !== undefined) changes[field] = value;
  }
  return errors.has() ? { ok: false, response: errors.response() } : { ok: true, value: changes };
}

/** POST (create) and PATCH (partial) of a sub-user. */
export function validateSubuser(body: Record<string, unknown>, partial: boolean): Result<WebshareSubuserCreate | Partial<WebshareSubuserCreate>> {
  const errors = new FieldErrors();
  const value: Partial<WebshareSubuserCreate> = {};
  if (!('label' in body)) {
    if (!partial) errors.add('label', REQUIRED, 'required');
  } else if (checkString(errors, 'label', body.label)) {
    if (body.label.length > 255)
      errors.add('label', 'Ensure this field has no more than 255 characters.', 'max_length'); // [I] max length
    else value.label = body.label;
  }
  if ('proxy_limit' in body) {
    const raw = body.proxy_limit;
    const limit = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof limit !== 'number' || !Number.isFinite(limit)) errors.add('proxy_limit', 'A valid number is required.', 'invalid');
    else if (limit < 0) errors.add('proxy_limit', 'Ensure this value is greater than or equal to 0.', 'min_value');
    else value.proxy_limit = limit;
  }
  if ('max_thread_count' in body) value.max_thread_count = checkInteger(errors, 'max_thread_count', body.max_thread_count, 1);
  if ('proxy_countries' in body) {
    const countries = checkCountries(errors, body.proxy_countries);
    if (countries !== undefined) value.proxy_countries = countries;
  }
  if ('bandwidth_use_start_date' in body) {
    const raw = body.bandwidth_use_start_date;
    if (typeof raw !== 'string' || parseTimestamp(raw) === undefined) errors.add('bandwidth_use_start_date', DATETIME_FORMAT_HELP, 'invalid');
    else value.bandwidth_use_start_date = raw;
  }
  return errors.has() ? { ok: false, response: errors.response() } : { ok: true, value };
}

/** `proxy_countries`: null, or upper-case country codes (ZZ = any) → positive counts [C]. */
function checkCountries(errors: FieldErrors, raw: unknown): WebshareCountryCounts | null | undefined {
  if (raw === null) return null;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    errors.add(
      'proxy_countries',
      `Expected a dictionary of items but got type "${Array.isArray(raw) ? 'list' : typeof raw === 'string' ? 'str' : typeof raw}".`,
      'not_a_dict',
    );
    return undefined;
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.some(([code]) => !/^[A-Z]{2}$/.test(code))) {
    errors.add('proxy_countries', 'Country codes must be upper-case two-letter codes.', 'invalid'); // [I] wording
  } else if (entries.some(([, count]) => typeof count !== 'number' || !Number.isInteger(count) || count <= 0)) {
    errors.add('proxy_countries', 'Proxy counts must be positive integers.', 'invalid'); // [I] wording
  } else return Object.fromEntries(entries) as WebshareCountryCounts;
  return undefined;
}
