/**
 * Webshare simulator routes for IP authorizations, sub-users and proxy replacements (docs/providers/reference.md §1.5).
 * Every object belongs to a plan; `plan_id` picks it, otherwise the default plan [C].
 */
import type { SimRequest, SimResponse, SimulatorServer } from '../kit';
import type { WebshareSubuserCreate } from '../../providers/webshare/wire';
import type { WebshareSimContext } from './index';
import type { Guard } from './routes';
import { cleanIpAddress, formatTimestamp } from './data';
import { booleanParam, commaList, detailError, FieldErrors, integerParam, jsonObject, NOT_FOUND, noContent, ok, paginate, REQUIRED } from './http';
import { regenerate } from './proxies';
import { addIpAuthorization, createSubuser, renderPlan, renderSubuser, syncSubuserList, type PlanState } from './state';
import { validateSubuser } from './validate';
import { createReplacement, refuseReplacement, renderReplacement, validateReplacementBody } from './replacements';
import { isResponse, ownedBy, resolvePlan } from './scope';

/** [I] Cap on plans without `is_unlimited_ip_authorizations` (the real cap is not documented). */
const LIMITED_IP_AUTHORIZATIONS = 3;

export function registerAccessRoutes(server: SimulatorServer, context: WebshareSimContext, guard: Guard): void {
  const { state } = context;
  const withPlan = (handler: (req: SimRequest, planState: PlanState) => SimResponse) =>
    guard((req) => {
      const planState = resolvePlan(state, req);
      return isResponse(planState) ? planState : handler(req, planState);
    });

  // ---- IP authorizations -------------------------------------------------------------------------------
  const ipAuthorizationsOf = (planState: PlanState) => [...state.ipAuthorizations.values()].filter((entry) => entry.planId === planState.plan.id);
  server.route(
    'GET',
    '/api/v2/proxy/ipauthorization/',
    withPlan((req, planState) => paginate(req, ipAuthorizationsOf(planState), (entry) => entry.record)),
  );
  // Registered before `:id/` so the literal segment wins.
  server.route(
    'GET',
    '/api/v2/proxy/ipauthorization/whatsmyip/',
    guard(() => ok({ ip_address: '127.0.0.1' })),
  );
  server.route(
    'POST',
    '/api/v2/proxy/ipauthorization/',
    withPlan((req, planState) => {
      const body = jsonObject(req);
      if (!body.ok) return body.response;
      const raw = body.body.ip_address;
      if (raw === undefined) return new FieldErrors().add('ip_address', REQUIRED, 'required').response();
      // [C] IPv4 or IPv6, stored in Django's cleaned form (IPv6 compressed, lower case)
      const address = typeof raw === 'string' ? cleanIpAddress(raw.trim()) : undefined;
      if (address === undefined) {
        return new FieldErrors().add('ip_address', 'Enter a valid IPv4 or IPv6 address.', 'invalid').response();
      }
      const existing = ipAuthorizationsOf(planState);
      // [C] 400 when the address is already authorized, whatever its spelling; [I] wording
      if (existing.some((entry) => (cleanIpAddress(entry.record.ip_address) ?? entry.record.ip_address) === address)) {
        return new FieldErrors().add('ip_address', 'This IP address is already authorized.', 'unique').response();
      }
      if (!planState.plan.is_unlimited_ip_authorizations && existing.length >= LIMITED_IP_AUTHORIZATIONS) {
        return detailError(400, `Your plan allows at most ${LIMITED_IP_AUTHORIZATIONS} IP authorizations.`, 'ip_authorization_limit_reached');
      }
      return { status: 201, body: addIpAuthorization(state, planState.plan.id, address, context.nowMs()).record };
    }),
  );
  server.route(
    'GET',
    '/api/v2/proxy/ipauthorization/:id/',
    withPlan((req, planState) => {
      const entry = ownedBy(state.ipAuthorizations, req.params.id, planState);
      return entry ? ok(entry.record) : NOT_FOUND;
    }),
  );
  server.route(
    'DELETE',
    '/api/v2/proxy/ipauthorization/:id/',
    withPlan((req, planState) => {
      const entry = ownedBy(state.ipAuthorizations, req.params.id, planState);
      if (!entry) return NOT_FOUND;
      state.ipAuthorizations.delete(entry.record.id);
      return noContent();
    }),
  );

  // ---- Sub-users ---------------------------------------------------------------------------------------
  const render = (entry: Parameters<typeof renderSubuser>[1]) => renderSubuser(state, entry, context.nowMs());
  server.route(
    'GET',
    '/api/v2/subuser/',
    withPlan((req, planState) =>
      paginate(
        req,
        [...state.subusers.values()].filter((entry) => entry.planId === planState.plan.id),
        render,
      ),
    ),
  );
  server.route(
    'POST',
    '/api/v2/subuser/',
    withPlan((req, planState) => {
      const body = jsonObject(req);
      if (!body.ok) return body.response;
      const result = validateSubuser(body.body, false);
      if (!result.ok) return result.response;
      // [C] subusers_available counts down; [I] wording and code
      if (renderPlan(state, planState).subusers_available <= 0) {
        return detailError(400, 'Sub-user limit reached for this plan.', 'subuser_limit_reached');
      }
      const entry = createSubuser(state, planState.plan.id, result.value as WebshareSubuserCreate, context.nowMs());
      return { status: 201, body: render(entry) };
    }),
  );
  server.route(
    'GET',
    '/api/v2/subuser/:id/',
    withPlan((req, planState) => {
      const entry = ownedBy(state.subusers, req.params.id, planState);
      return entry ? ok(render(entry)) : NOT_FOUND;
    }),
  );
  server.route(
    'PATCH',
    '/api/v2/subuser/:id/',
    withPlan((req, planState) => {
      const entry = ownedBy(state.subusers, req.params.id, planState);
      if (!entry) return NOT_FOUND;
      const body = jsonObject(req);
      if (!body.ok) return body.response;
      const result = validateSubuser(body.body, true);
      if (!result.ok) return result.response;
      const nowMs = context.nowMs();
      Object.assign(entry.record, result.value, { updated_at: formatTimestamp(nowMs) });
      syncSubuserList(state, entry, nowMs);
      return ok(render(entry));
    }),
  );
  server.route(
    'DELETE',
    '/api/v2/subuser/:id/',
    withPlan((req, planState) => {
      const entry = ownedBy(state.subusers, req.params.id, planState);
      if (!entry) return NOT_FOUND;
      state.subusers.delete(entry.record.id);
      return noContent();
    }),
  );
  // [C] only for a sub-user with a custom proxy list; the docs' header says GET, the example and SDKs POST.
  server.route(
    'POST',
    '/api/v2/subuser/:id/refresh/',
    withPlan((req, planState) => {
      const entry = ownedBy(state.subusers, req.params.id, planState);
      if (!entry) return NOT_FOUND;
      if (!entry.list) return detailError(400, 'This sub-user does not have a custom proxy list to refresh.', 'no_custom_proxy_list'); // [I]
      regenerate(entry.list, context.nowMs());
      return ok(render(entry));
    }),
  );

  // ---- Replacements (v3, and the legacy v2 path the docs' examples still use [C]) -----------------------
  for (const base of ['/api/v3/proxy/replace/', '/api/v2/proxy/replace/']) {
    server.route(
      'GET',
      base,
      withPlan((req, planState) => listReplacements(context, req, planState)),
    );
    server.route(
      'POST',
      base,
      withPlan((req, planState) => {
        const body = jsonObject(req);
        if (!body.ok) return body.response;
        const result = validateReplacementBody(body.body);
        if (!result.ok) return result.response;
        const refused = refuseReplacement(state, planState, result.value);
        if (refused) return refused;
        return { status: 201, body: renderReplacement(createReplacement(state, planState, result.value, context.nowMs())) };
      }),
    );
    server.route(
      'GET',
      `${base}:id/`,
      withPlan((req, planState) => {
        const entry = ownedBy(state.replacements, req.params.id, planState);
        return entry ? ok(renderReplacement(entry)) : NOT_FOUND;
      }),
    );
  }
  server.route(
    'GET',
    '/api/v2/proxy/list/replaced/',
    withPlan((req, planState) => {
      const replacementId = integerParam(req, 'proxy_list_replacement');
      if (Number.isNaN(replacementId)) return new FieldErrors().add('proxy_list_replacement', 'Enter a number.', 'invalid').response();
      const rows = state.replacedProxies.filter(
        (row) => row.planId === planState.plan.id && (replacementId === undefined || row.replacementId === replacementId),
      );
      return paginate(req, rows, (row) => row.record);
    }),
  );
}

const REPLACEMENT_ORDER: Record<string, (entry: { record: { id: number; created_at: string; completed_at: string | null } }) => number> = {
  id: (entry) => entry.record.id,
  created_at: (entry) => Date.parse(entry.record.created_at),
  completed_at: (entry) => (entry.record.completed_at ? Date.parse(entry.record.completed_at) : 0),
};

/** GET /api/v3/proxy/replace/: filters `dry_run`, `state`; `ordering` by id (default), created_at, completed_at [C]. */
function listReplacements(context: WebshareSimContext, req: SimRequest, planState: PlanState): SimResponse {
  const dryRun = booleanParam(req, 'dry_run');
  const wantedState = req.query.get('state');
  let rows = [...context.state.replacements.values()].filter(
    (entry) =>
      entry.planId === planState.plan.id && (dryRun === undefined || entry.record.dry_run === dryRun) && (!wantedState || entry.record.state === wantedState),
  );
  const [term] = commaList(req, 'ordering') ?? ['id'];
  const key = REPLACEMENT_ORDER[term.replace(/^-/, '')] ?? REPLACEMENT_ORDER.id;
  const direction = term.startsWith('-') ? -1 : 1;
  rows = [...rows].sort((a, b) => (key(a) - key(b)) * direction);
  return paginate(req, rows, renderReplacement);
}
