/**
 * Webshare simulator routes for the account, plans, proxy list, proxy config and stats (docs/providers/reference.md §1.5).
 * Access-management routes (IP authorizations, sub-users, replacements) are in routes-access.ts.
 */
import type { SimHandler, SimRequest, SimResponse, SimulatorServer } from '../kit';
import type { WebshareProxyListMode } from '../../providers/webshare/wire';
import type { WebshareSimContext } from './index';
import { DAY_MS, parseTimestamp } from './data';
import { booleanParam, commaList, detailError, FieldErrors, integerParam, jsonObject, NOT_FOUND, noContent, ok, pageWindow, paginate, REQUIRED } from './http';
import { filterProxies, regenerate, renderProxy } from './proxies';
import { renderConfig, renderConfigV3, renderPlan } from './state';
import { aggregateStats, hourlyStats, trafficCountries, type StatsSource } from './stats';
import { validateConfigUpdate } from './validate';
import { isResponse, resolvePlan, resolveReader } from './scope';
import { registerAccessRoutes } from './routes-access';
import { registerStatsRoutes } from './routes-stats';
import { registerConfigRoutes, unallocatedOf } from './routes-config';

export type Guard = (handler: (req: SimRequest) => SimResponse) => SimHandler;

export function registerWebshareRoutes(server: SimulatorServer, context: WebshareSimContext, guard: Guard): void {
  const { state } = context;

  server.route(
    'GET',
    '/api/v2/profile/',
    guard(() => ok(state.profile)),
  );
  server.route(
    'GET',
    '/api/v2/subscription/',
    guard(() => ok(state.subscription)),
  );
  server.route(
    'GET',
    '/api/v2/subscription/plan/',
    guard((req) => paginate(req, [...state.plans.values()], (entry) => renderPlan(state, entry))),
  );
  server.route(
    'GET',
    '/api/v2/subscription/plan/:id/',
    guard((req) => {
      const entry = /^\d+$/.test(req.params.id) ? state.plans.get(Number(req.params.id)) : undefined;
      return entry ? ok(renderPlan(state, entry)) : NOT_FOUND;
    }),
  );

  server.route(
    'GET',
    '/api/v2/proxy/list/',
    guard((req) => proxyList(context, req)),
  );
  server.route(
    'POST',
    '/api/v2/proxy/list/refresh/',
    guard((req) => {
      const planState = resolvePlan(state, req);
      if (isResponse(planState)) return planState;
      const plan = planState.plan;
      // [C] only while on_demand_refreshes_available > 0; [I] wording and code
      if (plan.on_demand_refreshes_total - plan.on_demand_refreshes_used <= 0) {
        return detailError(400, 'No on-demand refreshes available on this plan.', 'no_on_demand_refreshes_available');
      }
      plan.on_demand_refreshes_used += 1;
      regenerate(planState.list, context.nowMs());
      return noContent();
    }),
  );

  server.route(
    'GET',
    '/api/v2/proxy/config/',
    guard((req) => {
      const reader = resolveReader(state, req);
      return isResponse(reader) ? reader : ok(renderConfig(reader.config, reader.list, unallocatedOf(reader)));
    }),
  );
  server.route(
    'PATCH',
    '/api/v2/proxy/config/',
    guard((req) => {
      const reader = resolveReader(state, req);
      if (isResponse(reader)) return reader;
      const body = jsonObject(req);
      if (!body.ok) return body.response;
      const result = validateConfigUpdate(body.body, reader.config, reader.planState.plan);
      if (!result.ok) return result.response;
      Object.assign(reader.config, result.value, { updatedAtMs: context.nowMs() });
      return ok(renderConfig(reader.config, reader.list, unallocatedOf(reader)));
    }),
  );
  // [C] the v3 read has no trailing slash and requires plan_id
  server.route(
    'GET',
    '/api/v3/proxy/config',
    guard((req) => {
      if (req.query.get('plan_id') === null) return new FieldErrors().add('plan_id', REQUIRED, 'required').response();
      const reader = resolveReader(state, req);
      return isResponse(reader) ? reader : ok(renderConfigV3(reader.config));
    }),
  );

  server.route(
    'GET',
    '/api/v2/stats/',
    guard((req) => stats(context, req, 'hourly')),
  );
  server.route(
    'GET',
    '/api/v2/stats/aggregate/',
    guard((req) => stats(context, req, 'aggregate')),
  );

  registerAccessRoutes(server, context, guard);
  registerStatsRoutes(server, context, guard);
  registerConfigRoutes(server, context, guard);
}

const MODES: WebshareProxyListMode[] = ['direct', 'backbone'];

/** GET /api/v2/proxy/list/: `mode` required; filters other than country_code__in only in direct mode [C]. */
function proxyList(context: WebshareSimContext, req: SimRequest): SimResponse {
  const mode = req.query.get('mode');
  const errors = new FieldErrors();
  if (mode === null || mode === '') errors.add('mode', REQUIRED, 'required');
  else if (!MODES.includes(mode as WebshareProxyListMode))
    errors.add('mode', `Select a valid choice. ${mode} is not one of the available choices.`, 'invalid_choice');
  const asnNumber = integerParam(req, 'asn_number');
  if (Number.isNaN(asnNumber)) errors.add('asn_number', 'Enter a number.', 'invalid');
  if (errors.has()) return errors.response();
  const reader = resolveReader(context.state, req);
  if (isResponse(reader)) return reader;
  // [C] residential lists are served in backbone mode only; [I] wording
  if (mode === 'direct' && reader.list.residential)
    return new FieldErrors().add('mode', 'Residential proxies are only available in backbone mode.', 'invalid').response();
  const single = req.query.get('proxy_address');
  const addresses = commaList(req, 'proxy_address__in') ?? (single ? [single] : undefined);
  const proxies = filterProxies(reader.list, {
    mode: mode as WebshareProxyListMode,
    countryCodes: commaList(req, 'country_code__in'),
    valid: booleanParam(req, 'valid'),
    proxyAddresses: addresses,
    search: req.query.get('search') ?? undefined,
    ordering: commaList(req, 'ordering'),
    asnNumber,
    asnName: req.query.get('asn_name') ?? undefined,
  });
  const window = pageWindow(req, proxies.length);
  if (!('envelope' in window)) return window;
  const nowMs = context.nowMs();
  const page = proxies.slice(window.start, window.end).map((proxy) => renderProxy(proxy, reader.config, mode as WebshareProxyListMode, nowMs));
  return ok(window.envelope(page));
}

/**
 * GET /api/v2/stats/ (bare array) and /aggregate/: `timestamp__gte` no older than 90 days, `timestamp__lte`
 * not beyond the subscription's end [C]. Both are required here [I].
 */
function stats(context: WebshareSimContext, req: SimRequest, shape: 'hourly' | 'aggregate'): SimResponse {
  const nowMs = context.nowMs();
  const errors = new FieldErrors();
  const bound = (name: string) => {
    const raw = req.query.get(name);
    if (raw === null || raw === '') errors.add(name, REQUIRED, 'required');
    else if (parseTimestamp(raw) === undefined) errors.add(name, 'Enter a valid date/time.', 'invalid');
    else return parseTimestamp(raw)!;
    return undefined;
  };
  const fromMs = bound('timestamp__gte');
  const toMs = bound('timestamp__lte');
  if (fromMs !== undefined && fromMs < nowMs - 90 * DAY_MS) errors.add('timestamp__gte', 'Statistics are only available for the last 90 days.', 'invalid');
  const endMs = Date.parse(context.state.subscription.end_date);
  if (toMs !== undefined && toMs > endMs) errors.add('timestamp__lte', 'Cannot be later than the end of the subscription.', 'invalid');
  if (fromMs !== undefined && toMs !== undefined && toMs < fromMs) errors.add('timestamp__lte', 'Must not be earlier than timestamp__gte.', 'invalid');
  if (errors.has()) return errors.response();
  const reader = resolveReader(context.state, req);
  if (isResponse(reader)) return reader;
  const source: StatsSource = reader.subuser
    ? { seed: context.state.seed, salt: reader.subuser.record.id, scale: 0.15, countries: trafficCountries(reader.subuser.record.proxy_countries) }
    : { seed: context.state.seed, salt: reader.planState.plan.id, scale: 1, countries: trafficCountries(reader.planState.plan.proxy_countries) };
  return ok(shape === 'hourly' ? hourlyStats(source, fromMs!, toMs!, nowMs) : aggregateStats(source, fromMs!, toMs!, nowMs));
}
