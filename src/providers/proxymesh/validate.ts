/**
 * ProxyMesh's input rules, checked before any upstream call (docs/providers/proxymesh.txt, docs/providers/reference.md §3): a bad value is
 * BAD_USER_INPUT naming the failing fields, and costs no upstream request.
 */
import { BYTES_PER_GB } from '../../domain/units';
import { badUserInput } from '../../core/errors';
import type { CreateSubUserParams } from '../contract/params';
import { unsupportedFieldProblems } from '../shared/unsupported-fields';
import type { ProxyMeshSubAccountForm } from './wire';

/**
 * The one rule for a ProxyMesh username, used by the config (`knownSubAccounts`), graph input and mapping.
 * [C] "up to 30 alphanumeric characters, including .@+-", and the same page advises a `pm_` prefix, so `_`
 * is accepted too: ProxyMesh runs Django, whose username rule is letters, digits and @ . + - _ [I].
 */
export const PROXYMESH_USERNAME = /^[A-Za-z0-9_.@+-]{1,30}$/;
/** The rule in words, for error messages. */
export const PROXYMESH_USERNAME_RULE = '1-30 of A-Z a-z 0-9 _ . @ + -';
const USERNAME = PROXYMESH_USERNAME;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const HOSTNAME = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
/** `proxy-host`, `proxy-host.proxymesh.com` or `host.proxymesh.com:31280` [C]. */
const PROXY_HOST = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(:\d{1,5})?$/;

export function isProxyMeshUsername(username: string): boolean {
  return USERNAME.test(username);
}

export function checkUsername(username: string, field = 'username'): void {
  if (!USERNAME.test(username)) {
    throw badUserInput('ProxyMesh usernames are 1-30 letters, digits or _ . @ + -', { [field]: [PROXYMESH_USERNAME_RULE] });
  }
}

export function checkHostname(hostname: string): void {
  if (!HOSTNAME.test(hostname)) throw badUserInput(`"${hostname.slice(0, 80)}" is not a valid hostname`, { hostname: ['invalid'] });
}

export function checkProxyHost(host: string): void {
  const port = /:(\d+)$/.exec(host)?.[1];
  if (!PROXY_HOST.test(host) || (port !== undefined && (Number(port) < 1 || Number(port) > 65_535))) {
    throw badUserInput(`"${host.slice(0, 80)}" is not a ProxyMesh proxy host`, { host: ['a host, host.proxymesh.com or host:port'] });
  }
}

/** ProxyMesh IP authorizations have no expiry: one asked for is refused rather than dropped. */
export function checkNoExpiry(expiresAt: Date | null | undefined): void {
  if (expiresAt) {
    throw badUserInput('ProxyMesh IP authorizations do not expire; leave expiresAt out for ProxyMesh accounts', { expiresAt: ['not supported by ProxyMesh'] });
  }
}

/** A sub-account is named by the username it is created with: ProxyMesh makes none up. */
export function requiredUsername(username: string | null | undefined): string {
  if (!username) throw badUserInput('ProxyMesh sub-accounts need a username', { username: ['required'] });
  return username;
}

/** [C] a sub-account's username "must differ from parent": the parent's own name is refused before the create. */
export function checkNotParent(username: string, parentUsername: string | null): void {
  if (parentUsername !== null && username.toLowerCase() === parentUsername.toLowerCase()) {
    throw badUserInput("a ProxyMesh sub-account cannot take the parent account's username", { username: ["the parent account's username"] });
  }
}

/** The username is a sub-account's id: an update may repeat it, never change it. */
export function checkNoRename(username: string, requested: string | null | undefined): void {
  if (requested != null && requested !== username) {
    throw badUserInput('ProxyMesh sub-accounts cannot be renamed', { username: ['cannot change'] });
  }
}

/** Bytes → whole GB (ProxyMesh limits are integers; 0 = no limit). */
function wholeGb(bytes: number, field: string, errors: Record<string, string[]>): number | undefined {
  if (!Number.isSafeInteger(bytes) || bytes < 0 || bytes % BYTES_PER_GB !== 0) {
    errors[field] = [`must be a whole number of GB (a multiple of ${BYTES_PER_GB} bytes), 0 for no limit`];
    return undefined;
  }
  return bytes / BYTES_PER_GB;
}

/**
 * The create/edit form for a sub-account, or BAD_USER_INPUT naming every bad field. Fields ProxyMesh has
 * no place for (label, maxThreads, proxyCountries) are refused rather than dropped silently.
 */
export function subAccountForm(username: string, params: CreateSubUserParams): ProxyMeshSubAccountForm {
  const errors: Record<string, string[]> = {};
  if (!USERNAME.test(username)) errors.username = [PROXYMESH_USERNAME_RULE];
  if (params.password != null && (params.password.length < 1 || params.password.length > 128)) errors.password = ['1-128 characters'];
  if (params.firstName != null && params.firstName.length > 20) errors.firstName = ['at most 20 characters'];
  if (params.lastName != null && params.lastName.length > 20) errors.lastName = ['at most 20 characters'];
  if (params.email != null && (params.email.length > 255 || !EMAIL.test(params.email))) errors.email = ['a valid email address of at most 255 characters'];
  unsupportedFieldProblems(params, ['label', 'maxThreads', 'proxyCountries', 'metadata', 'strictSecurity'], 'ProxyMesh', errors);
  const monthly = params.monthlyBandwidthLimitBytes == null ? undefined : wholeGb(params.monthlyBandwidthLimitBytes, 'monthlyBandwidthLimitBytes', errors);
  const total = params.bandwidthLimitBytes == null ? undefined : wholeGb(params.bandwidthLimitBytes, 'bandwidthLimitBytes', errors);
  if (Object.keys(errors).length > 0) {
    throw badUserInput(`invalid ProxyMesh sub-account: ${Object.keys(errors).join(', ')}`, errors);
  }
  return {
    username,
    ...(params.password != null ? { password: params.password } : {}),
    ...(params.firstName != null ? { first_name: params.firstName } : {}),
    ...(params.lastName != null ? { last_name: params.lastName } : {}),
    ...(params.email != null ? { email: params.email } : {}),
    ...(monthly !== undefined ? { monthly_limit: monthly } : {}),
    ...(total !== undefined ? { total_limit: total } : {}),
  };
}
