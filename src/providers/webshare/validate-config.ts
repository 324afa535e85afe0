/**
 * Webshare's documented rules for the proxy-config family, checked before the call that would break them:
 * backbone list filters, backbone usernames, proxy settings changes and country allocation. Each failure is
 * BAD_USER_INPUT naming the field (docs/providers/reference.md §1.5 "Proxy list", "Proxy config").
 * Timeout ranges are rules of the GraphQL input itself (schema/account/proxy-config.input.ts).
 */
import { badUserInput } from '../../core/errors';
import type { GatewayUsernameParams, ProxySettingsChange } from '../contract/params';
import type { CountryCountRecord } from '../contract/records';
import type { WebshareProxyListQuery } from './wire';

type Problems = Record<string, string[]>;

function add(problems: Problems, field: string, message: string): void {
  (problems[field] ??= []).push(message);
}

function fail(problems: Problems, what: string): void {
  if (Object.keys(problems).length > 0) throw badUserInput(`invalid ${what} for Webshare`, problems);
}

/** [C] search, ordering, created_at, proxy_address*, valid and asn_* "do not work in backbone mode". */
const DIRECT_ONLY_FILTERS = ['search', 'ordering', 'created_at', 'proxy_address', 'proxy_address__in', 'valid', 'asn_number', 'asn_name'] as const;

/**
 * A backbone list query with a filter Webshare ignores in that mode would answer the unfiltered list as if it
 * were filtered; refused instead. `names` maps each wire filter to the graph argument that asked for it.
 */
export function checkBackboneQuery(query: WebshareProxyListQuery, names: Partial<Record<(typeof DIRECT_ONLY_FILTERS)[number], string>> = {}): void {
  if (query.mode !== 'backbone') return;
  const problems: Problems = {};
  for (const filter of DIRECT_ONLY_FILTERS) {
    if (query[filter] !== undefined) add(problems, names[filter] ?? filter, 'Webshare cannot filter a backbone (residential) proxy list by this');
  }
  fail(problems, 'proxy list filter');
}

/**
 * [C] backbone username parameters: 2-letter country codes (chainable), a city of letters and underscores on
 * residential plans only, a numeric session id, or `rotate`, which cannot be combined with a session id.
 * `ZZ` (any country) is what no code means, so it is refused rather than sent as a code [I].
 */
export function checkGatewayUsername(params: GatewayUsernameParams, cityTargeting: boolean): void {
  const problems: Problems = {};
  for (const code of params.countries ?? []) {
    if (!/^[A-Za-z]{2}$/.test(code)) add(problems, 'countries', `${code} is not a two-letter country code`);
    else if (code.toUpperCase() === 'ZZ') add(problems, 'countries', 'leave countries out for any country (ZZ)');
  }
  if (params.city != null) {
    if (!/^[A-Za-z_]+$/.test(params.city)) add(problems, 'city', 'only letters and underscores (e.g. los_angeles)');
    if (!cityTargeting) add(problems, 'city', 'city targeting is only available on residential plans');
  }
  if (params.sessionId != null && !/^\d{1,18}$/.test(params.sessionId)) add(problems, 'sessionId', 'must be numeric');
  if (params.sessionId != null && params.rotate) add(problems, 'rotate', 'rotate cannot be combined with a session id');
  fail(problems, 'gateway username');
}

const GEO_FIELDS = ['ipAuthorizationCity', 'ipAuthorizationState', 'ipAuthorizationPostalCode'] as const;

/**
 * A settings change: at least one field; country codes upper-case two-letter (null = all countries, so an empty
 * list is refused [I]); city, state and postal code are mutually exclusive [SDK] (the ones set in one change; a
 * restriction already set upstream is Webshare's to refuse); the ASN as `7922` or `AS7922` [SDK].
 */
export function checkProxySettingsChange(change: ProxySettingsChange): void {
  const problems: Problems = {};
  if (Object.values(change).every((value) => value === undefined)) add(problems, 'input', 'give at least one setting to change');
  const countries = change.ipAuthorizationCountries;
  if (countries) {
    if (countries.length === 0) add(problems, 'ipAuthorizationCountries', 'give null for all countries, or at least one country');
    for (const code of countries) if (!/^[A-Z]{2}$/.test(code) || code === 'ZZ') add(problems, 'ipAuthorizationCountries', `${code} is not a country code`);
  }
  const geo = GEO_FIELDS.filter((field) => change[field] != null);
  if (geo.length > 1) add(problems, geo[1], `only one of city, state and postal code can restrict IP authorization (also given: ${geo[0]})`);
  for (const field of GEO_FIELDS) if (change[field] != null && change[field]!.trim() === '') add(problems, field, 'give null to clear it, not an empty text');
  if (change.ipAuthorizationAsn != null && !/^(AS)?\d{1,10}$/i.test(change.ipAuthorizationAsn))
    add(problems, 'ipAuthorizationAsn', 'an ASN such as 7922 or AS7922');
  fail(problems, 'proxy settings change');
}

/** The shape of an allocation, before anything is read: upper-case codes once each, counts above zero [C]. */
export function checkAllocationShape(countries: readonly CountryCountRecord[]): void {
  const problems: Problems = {};
  if (countries.length === 0) add(problems, 'countries', 'give at least one country');
  const seen = new Set<string>();
  for (const { country, count } of countries) {
    if (!/^[A-Z]{2}$/.test(country)) add(problems, 'countries', `${country} is not an upper-case two-letter country code`);
    if (seen.has(country)) add(problems, 'countries', `${country} is given twice`);
    seen.add(country);
    if (!Number.isInteger(count) || count <= 0) add(problems, 'countries', `the count for ${country} must be above zero`);
  }
  fail(problems, 'allocation');
}

/** [C] "If there are 5 unallocated countries, you must send new_countries with 5 countries in total". */
export function checkAllocationTotal(countries: readonly CountryCountRecord[], unallocatedCount: number): void {
  const problems: Problems = {};
  const given = countries.reduce((sum, entry) => sum + entry.count, 0);
  if (unallocatedCount === 0) add(problems, 'countries', 'the plan has no unallocated proxies');
  else if (given !== unallocatedCount) add(problems, 'countries', `the counts add up to ${given}; ${unallocatedCount} proxies are unallocated`);
  fail(problems, 'allocation');
}
