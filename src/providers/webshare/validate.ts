/**
 * Webshare's documented input rules, checked before any upstream call: a bad value is BAD_USER_INPUT naming
 * the failing field and costs no request from the account's budget.
 *
 * Id form: sub-users, IP authorizations and proxy replacements have integer ids (docs/providers/reference.md §1.5 samples
 * `"id":7`, `"id":1337`, `"id":98315`) [C], checked before an id enters a URL path or the `X-Subuser`
 * header. Proxy ids (`d-10513`) never enter a path: they are looked up through the list filter.
 */
import ipaddr from 'ipaddr.js';
import { badUserInput, type AccountErrors } from '../../core/errors';
import type { CreateSubUserParams, ReplaceProxiesParams, UsageRange } from '../contract/params';
import type { ProxyCredentialsRecord, ProxyReplacementSelectorRecord } from '../contract/records';
import { isIntegerId } from '../shared/native-ids';
import { unsupportedFieldProblems } from '../shared/unsupported-fields';

type Problems = Record<string, string[]>;

function add(problems: Problems, field: string, message: string): void {
  (problems[field] ??= []).push(message);
}

function fail(problems: Problems, what: string): void {
  if (Object.keys(problems).length > 0) throw badUserInput(`invalid ${what} for Webshare`, problems);
}

export function isWebshareId(nativeId: string): boolean {
  return isIntegerId(nativeId);
}

/** An id outside Webshare's form names nothing there: NOT_FOUND without a call, for writes that need one. */
export function requireWebshareId(nativeId: string, what: string, errors: AccountErrors): void {
  if (!isWebshareId(nativeId)) throw errors.notFound(what);
}

/** [C] `GET /api/v2/stats/`: `timestamp__gte` at most 90 days ago (docs/providers/reference.md §1.5, proxy stats). */
const STATS_RETENTION_MS = 90 * 24 * 3_600_000;

/** The earliest instant Webshare still keeps statistics for. */
export function statsRetentionStart(nowMs: number): Date {
  return new Date(nowMs - STATS_RETENTION_MS);
}

/** A usage window starting before the retention asks for figures Webshare no longer has. */
export function checkUsageRange(range: UsageRange, nowMs: number): void {
  if (range.from && range.from < statsRetentionStart(nowMs)) {
    throw badUserInput('Webshare keeps usage statistics for 90 days; from must be within the last 90 days', { from: ['older than 90 days'] });
  }
}

/** Webshare names a sub-user by its label; a username given alone becomes the label. */
export function subUserLabel(params: CreateSubUserParams): string {
  const label = params.label ?? params.username;
  if (!label) throw badUserInput('Webshare sub-users need a label (or username, used as the label)', { label: ['required'] });
  return label;
}

/**
 * What a Webshare sub-user does not have is refused, never dropped silently: a sub-user is a label, a GB limit,
 * a thread count and a country list [C]. Its password follows the proxy configuration, and a username given
 * beside a different label would have nowhere to go.
 */
export function checkSubUserParams(params: CreateSubUserParams): void {
  const problems: Problems = {};
  if (params.password != null) add(problems, 'password', 'not supported by Webshare: sub-user passwords follow the proxy configuration');
  if (params.monthlyBandwidthLimitBytes != null) add(problems, 'monthlyBandwidthLimitBytes', 'not supported by Webshare: use bandwidthLimitBytes');
  if (params.username != null && params.label != null && params.username !== params.label)
    add(problems, 'username', 'Webshare names a sub-user by its label; give one of them');
  unsupportedFieldProblems(params, ['metadata', 'strictSecurity', 'firstName', 'lastName', 'email'], 'Webshare', problems);
  fail(problems, 'sub-user');
}

/**
 * The proxy config PATCH changes only what it is given, so an empty change is refused rather than sent. [C] the
 * password must not be "too similar to the username": how similar is too similar is not documented, so only
 * the one case every measure refuses, the same text in any case, is refused here; Webshare judges the rest.
 * (Lengths, characters and timeout ranges [C] are rules of the GraphQL input itself, checked before any resolver.)
 */
export function checkProxyCredentialsChange(params: ProxyCredentialsRecord): void {
  const problems: Problems = {};
  if (params.username == null && params.password == null && params.requestTimeoutSeconds == null && params.requestIdleTimeoutSeconds == null) {
    add(problems, 'input', 'give at least one of username, password, requestTimeoutSeconds, requestIdleTimeoutSeconds');
  }
  if (params.username != null && params.password != null && params.username.toLowerCase() === params.password.toLowerCase()) {
    add(problems, 'password', 'must not be the username');
  }
  fail(problems, 'proxy credentials change');
}

// ---- proxy replacement (docs/providers/reference.md §1.5 "Proxy replacement (v3)") ----

type SelectorType = ProxyReplacementSelectorRecord['type'];
type Side = 'toReplace' | 'replaceWith';
type SelectorField = 'ipRanges' | 'ipAddresses' | 'asnNumbers' | 'countryCode';

/**
 * What each selector carries [C]: the one field it selects by, whether it takes a count, and on which side it
 * may stand (`ip_address` only in to_replace, `any` only in replace_with, with a count). `ip_address` takes no
 * count: its addresses are what it removes, and Webshare's selector has no place for one, so it would be lost.
 */
const SELECTORS: Record<SelectorType, { by: SelectorField | null; count: 'optional' | 'required' | 'none'; sides: readonly Side[] }> = {
  IP_RANGE: { by: 'ipRanges', count: 'optional', sides: ['toReplace', 'replaceWith'] },
  IP_ADDRESS: { by: 'ipAddresses', count: 'none', sides: ['toReplace'] },
  ASN: { by: 'asnNumbers', count: 'optional', sides: ['toReplace', 'replaceWith'] },
  COUNTRY: { by: 'countryCode', count: 'optional', sides: ['toReplace', 'replaceWith'] },
  ANY: { by: null, count: 'required', sides: ['replaceWith'] },
};

const SELECTOR_FIELDS: readonly SelectorField[] = ['ipRanges', 'ipAddresses', 'asnNumbers', 'countryCode'];

/** [C] "host bits must be zero": `1.2.3.0/24`, not `1.2.3.4/24`. */
function hostBitsZero(cidr: string): boolean {
  const [address, prefix] = cidr.split('/');
  if (!ipaddr.IPv4.isValidFourPartDecimal(address ?? '') || !/^\d{1,2}$/.test(prefix ?? '') || Number(prefix) > 32) return false;
  return ipaddr.IPv4.networkAddressFromCIDR(cidr).toString() === address;
}

function selectorProblems(selector: ProxyReplacementSelectorRecord, side: Side, field: string, problems: Problems): void {
  const rule = SELECTORS[selector.type];
  const name = selector.type;
  if (!rule.sides.includes(side)) add(problems, field, `${name} can only be used in ${rule.sides.join(' or ')}`);
  for (const other of SELECTOR_FIELDS) {
    const value = selector[other];
    const given = Array.isArray(value) ? value.length > 0 : value != null && value !== '';
    if (other === rule.by && !given) add(problems, `${field}.${other}`, `${name} needs ${other}`);
    if (other !== rule.by && given) add(problems, `${field}.${other}`, `${name} selectors do not use ${other}`);
  }
  if (rule.count === 'required' && selector.count == null) add(problems, `${field}.count`, `${name} needs count`);
  if (rule.count === 'none' && selector.count != null) add(problems, `${field}.count`, `${name} selects by its addresses; leave count out`);
  for (const range of selector.type === 'IP_RANGE' ? (selector.ipRanges ?? []) : []) {
    if (!hostBitsZero(range)) add(problems, `${field}.ipRanges`, `${range} has host bits set`);
  }
}

/** How many proxies `toReplace` names: its count, or an IP_ADDRESS selector's distinct addresses; else only Webshare's list can tell. */
function namedForRemoval(selector: ProxyReplacementSelectorRecord): number | null {
  if (selector.count != null) return selector.count;
  if (selector.type === 'IP_ADDRESS') return new Set(selector.ipAddresses ?? []).size;
  return null;
}

/**
 * [C] `proxies_removed` must equal `proxies_added`. Webshare checks it only when it validates the replacement,
 * after the create call answered (the job then ends FAILED), so what the input alone decides is refused here:
 * when toReplace names how many it removes, the replaceWith counts must add up to that number; an item without
 * a count takes the rest, so with one they may not add up to more.
 */
function countProblems(params: ReplaceProxiesParams, problems: Problems): void {
  const removed = namedForRemoval(params.toReplace);
  if (removed === null) return;
  const added = params.replaceWith.reduce((sum, selector) => sum + (selector.count ?? 0), 0);
  const open = params.replaceWith.some((selector) => selector.count == null);
  if (!open && added !== removed) {
    add(problems, 'replaceWith', `counts add up to ${added}, but toReplace names ${removed}: proxies removed must equal proxies added`);
  } else if (open && added > removed) {
    add(problems, 'replaceWith', `counts add up to ${added}, more than the ${removed} toReplace names`);
  }
}

/** Every documented rule of a replacement's selectors and counts, before the create call. */
export function checkReplacement(params: ReplaceProxiesParams): void {
  const problems: Problems = {};
  selectorProblems(params.toReplace, 'toReplace', 'toReplace', problems);
  params.replaceWith.forEach((selector, index) => selectorProblems(selector, 'replaceWith', `replaceWith.${index}`, problems));
  if (Object.keys(problems).length === 0) countProblems(params, problems);
  fail(problems, 'proxy replacement');
}

// ---- hourly usage series and proxy activity (docs/providers/reference.md §1.5 "Stats and activity") ----

/**
 * [C] `timestamp__lte` may lie in the future (projected hours) but not past the subscription's end. Checked
 * against the subscription before the stats call, so a window Webshare would refuse costs no stats request.
 */
export function checkSeriesEnd(to: Date, subscriptionEnd: Date): void {
  if (to > subscriptionEnd) {
    throw badUserInput(`Webshare projects usage only until the subscription ends (${subscriptionEnd.toISOString()}); to must not be later`, {
      to: ['after the end of the subscription'],
    });
  }
}

/**
 * Webshare's error reasons are snake_case words (`client_connect_forbidden_host`); `*` is its "any error",
 * which the filter asks with failedOnly, so a literal reason must be a reason.
 */
export function checkActivityErrorReason(reason: string | null | undefined): void {
  if (reason != null && !/^[a-z][a-z0-9_]{0,99}$/.test(reason)) {
    throw badUserInput('a Webshare error reason is a snake_case word such as client_connect_forbidden_host (use failedOnly for any error)', {
      errorReason: ['not a Webshare error reason'],
    });
  }
}
