/**
 * Webshare simulator routes for the proxy list's status and composition (API v3) and the allocation of
 * unallocated countries (docs/providers/reference.md §1.5 "Proxy config"). The v3 reads have no trailing
 * slash and require `plan_id` [C]; the allocation answers with the full v2 config [C].
 */
import type { SimRequest, SimResponse, SimulatorServer } from '../kit';
import type { WebshareCountryCounts, WebshareProxyListStats, WebshareProxyListStatus } from '../../providers/webshare/wire';
import type { WebshareSimContext } from './index';
import type { Guard } from './routes';
import { CATALOG } from './data';
import { detailError, FieldErrors, jsonObject, ok, REQUIRED } from './http';
import { composition, invalidate } from './proxies';
import { renderConfig, sumCounts, type PlanState } from './state';
import { isResponse, resolvePlan, resolveReader, type Reader } from './scope';

/** Countries a proxy can be allocated in: the catalog's, and ZZ (any country) [I]. */
const ALLOCATABLE = new Set(['ZZ', ...CATALOG.map((entry) => entry.country)]);

/** What the plan owner has unallocated; a sub-user's view has none of its own [I]. */
export function unallocatedOf(reader: Reader): WebshareCountryCounts {
  return reader.subuser ? {} : { ...(reader.planState.unallocated ?? {}) };
}

export function registerConfigRoutes(server: SimulatorServer, context: WebshareSimContext, guard: Guard): void {
  const { state } = context;
  // [C] v3 reads require plan_id: its absence is a field error before anything else.
  const v3 = (render: (reader: Reader) => unknown) =>
    guard((req: SimRequest): SimResponse => {
      if (req.query.get('plan_id') === null) return new FieldErrors().add('plan_id', REQUIRED, 'required').response();
      const reader = resolveReader(state, req);
      return isResponse(reader) ? reader : ok(render(reader));
    });

  server.route(
    'GET',
    '/api/v3/proxy/list/status',
    v3((reader): WebshareProxyListStatus => {
      const used = composition(reader.list);
      return {
        state: 'completed',
        countries: used.countries,
        unallocated_countries: unallocatedOf(reader),
        username: reader.config.username,
        password: reader.config.password,
        is_proxy_used: Object.keys(used.countries).length > 0, // [I] as the v2 config says
      };
    }),
  );

  server.route(
    'GET',
    '/api/v3/proxy/list/stats',
    v3((reader): WebshareProxyListStats => {
      const config = renderConfig(reader.config, reader.list);
      return {
        available_countries: config.available_countries,
        ip_ranges_24: config.ip_ranges_24,
        ip_ranges_16: config.ip_ranges_16,
        ip_ranges_8: config.ip_ranges_8,
        available_ip_ranges_24: config.available_ip_ranges_24,
        available_ip_ranges_16: config.available_ip_ranges_16,
        available_ip_ranges_8: config.available_ip_ranges_8,
        asns: config.asns,
        available_asns: config.available_asns,
      };
    }),
  );

  server.route(
    'POST',
    '/api/v2/proxy/config/allocate_unallocated_countries/',
    guard((req) => {
      const planState = resolvePlan(state, req);
      if (isResponse(planState)) return planState;
      const body = jsonObject(req);
      if (!body.ok) return body.response;
      const checked = checkNewCountries(body.body.new_countries, planState);
      if (!isCounts(checked)) return checked;
      // The allocated proxies join the list; nothing stays unallocated.
      for (const [code, count] of Object.entries(checked)) planState.list.countries[code] = (planState.list.countries[code] ?? 0) + count;
      invalidate(planState.list);
      planState.unallocated = {};
      planState.config.updatedAtMs = context.nowMs();
      return ok(renderConfig(planState.config, planState.list, planState.unallocated));
    }),
  );
}

function isCounts(value: WebshareCountryCounts | SimResponse): value is WebshareCountryCounts {
  return !isResponse(value);
}

/**
 * [C] "If there are 5 unallocated countries, you must send new_countries with 5 countries in total. All
 * new_countries must be valid and available": upper-case codes, counts above zero, the total equal to what is
 * unallocated. [I] wording and codes.
 */
function checkNewCountries(raw: unknown, planState: PlanState): WebshareCountryCounts | SimResponse {
  const errors = new FieldErrors();
  if (raw === undefined) return errors.add('new_countries', REQUIRED, 'required').response();
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const type = raw === null ? 'NoneType' : Array.isArray(raw) ? 'list' : typeof raw === 'string' ? 'str' : typeof raw === 'number' ? 'int' : 'bool';
    return errors.add('new_countries', `Expected a dictionary of items but got type "${type}".`, 'not_a_dict').response();
  }
  const counts: WebshareCountryCounts = {};
  for (const [code, count] of Object.entries(raw as Record<string, unknown>)) {
    if (!/^[A-Z]{2}$/.test(code)) errors.add('new_countries', `"${code}" is not a valid upper-case country code.`, 'invalid');
    else if (!ALLOCATABLE.has(code)) errors.add('new_countries', `Country ${code} is not available.`, 'unavailable_country');
    else if (typeof count !== 'number' || !Number.isInteger(count) || count <= 0)
      errors.add('new_countries', `The count for ${code} must be a positive integer.`, 'invalid');
    else counts[code] = count;
  }
  if (Object.keys(raw).length === 0) errors.add('new_countries', 'This dictionary may not be empty.', 'empty');
  if (errors.has()) return errors.response();
  const unallocated = sumCounts(planState.unallocated ?? {});
  if (unallocated === 0) return detailError(400, 'There are no unallocated proxies to allocate.', 'no_unallocated_countries');
  const given = sumCounts(counts);
  if (given !== unallocated) {
    return errors.add('new_countries', `The counts add up to ${given}, but ${unallocated} proxies are unallocated.`, 'invalid_total').response();
  }
  return counts;
}
