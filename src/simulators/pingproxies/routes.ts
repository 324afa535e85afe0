/**
 * Ping Proxies simulator routes for the customer, services and the residential summary (docs/providers/reference.md
 * §2.5). Proxy routes are in routes-proxies.ts, proxy users in routes-users.ts, proxy user ACLs in
 * routes-acl.ts, service adjustments in routes-adjustments.ts, list_by_search, list/options and the
 * residential list in routes-lists.ts. Service edits and cancellations append to the adjustment trail [I].
 */
import type { SimRequest, SimulatorServer } from '../kit';
import { addAdjustment, renderCustomer, renderService, residentialSummary } from './state';
import { jsonBody, ok, okBody, pingDate, pingError, search } from './http';
import { checkCancel, checkServiceEdit } from './validate';
import { USER, type Guard, type PingSimContext } from './context';
import { registerProxyRoutes } from './routes-proxies';
import { registerProxyUserRoutes } from './routes-users';
import { registerAclRoutes } from './routes-acl';
import { registerAdjustmentRoutes } from './routes-adjustments';
import { registerListRoutes } from './routes-lists';

const SERVICE_FIELDS = [
  'service_id',
  'service_status',
  'service_name',
  'service_type',
  'service_protocol',
  'service_quantity',
  'payment_method_id',
  'service_total',
  'service_cycle',
  'service_dispatch_datetime',
  'service_expiry_datetime',
  'service_image',
  'service_is_automatic_collection',
  'service_is_pending_cancellation',
  'country_id',
  'service_promotional_code',
  'service_subscription_id',
  'service_creation_datetime',
  'service_last_update_datetime',
];

const SERVICE_NOT_FOUND = 'The requested service could not be found.'; // [I] after the proxy's [C] wording

function wantsProxies(req: SimRequest): boolean {
  const raw = req.query.get('proxies')?.toLowerCase();
  return raw === 'true' || raw === '1';
}

export function registerPingRoutes(server: SimulatorServer, context: PingSimContext, guard: Guard): void {
  const { state } = context;

  server.route(
    'GET',
    `${USER}/customer/retrieve`,
    guard(() => ok(renderCustomer(state), 'Customer successfully retrieved.')),
  );
  server.route(
    'GET',
    `${USER}/residential/summary`,
    guard(() => ok(residentialSummary(state), 'Residential summary successfully generated.')),
  );

  server.route(
    'GET',
    `${USER}/service/search`,
    guard((req) => {
      const rows = [...state.services.values()].map((service) => renderService(state, service, wantsProxies(req)));
      return search(req, rows as unknown as Record<string, unknown>[], {
        fields: SERVICE_FIELDS,
        metadataField: 'service_metadata',
        extraParams: ['proxies'],
        message: 'Service search successful.',
        uncounted: context.uncountedSearches.has('service'),
      });
    }),
  );

  server.route(
    'GET',
    `${USER}/service/retrieve/:service_id`,
    guard((req) => {
      const service = state.services.get(req.params.service_id);
      return service ? ok(renderService(state, service, wantsProxies(req)), 'Service successfully retrieved.') : pingError(404, SERVICE_NOT_FOUND);
    }),
  );

  server.route(
    'PATCH',
    `${USER}/service/edit/:service_id`,
    guard((req) => {
      const service = state.services.get(req.params.service_id);
      if (!service) return pingError(404, SERVICE_NOT_FOUND);
      const parsed = jsonBody(req);
      if (!parsed.ok) return parsed.response;
      const checked = checkServiceEdit(parsed.body);
      if (!checked.ok) return pingError(400, checked.message);
      const { cancel_comment: _comment, cancel_feedback: _feedback, ...changes } = checked.value;
      const before = Object.fromEntries(Object.keys(changes).map((key) => [key, (service as unknown as Record<string, unknown>)[key] ?? null]));
      // [C] metadata updates replace the whole object (no merge).
      Object.assign(service, changes, { service_last_update_datetime: pingDate(context.nowMs()) });
      // [I] the customer's edit is an `update` adjustment [C type] with the fields before and after.
      addAdjustment(
        state,
        service,
        { service_adjustment_type: 'update', service_adjustment_is_customer: true, service_adjustment_pre: before, service_adjustment_post: { ...changes } },
        pingDate(context.nowMs()),
      );
      return okBody({ edited: [service.service_id], message: 'Service successfully edited.' });
    }),
  );

  server.route(
    'DELETE',
    `${USER}/service/cancel/:service_id`,
    guard((req) => {
      const service = state.services.get(req.params.service_id);
      if (!service) return pingError(404, SERVICE_NOT_FOUND);
      const parsed = jsonBody(req);
      if (!parsed.ok) return parsed.response;
      const checked = checkCancel(parsed.body);
      if (!checked.ok) return pingError(400, checked.message);
      // [I] a service can be canceled once; cancelling again conflicts with its state.
      if (service.service_status === 'canceled') return pingError(409, 'The service is already canceled.');
      // [I] cancelling ends the service now and queues its proxies for deletion (the answer lists them [C]).
      const now = context.nowMs();
      Object.assign(service, {
        service_status: 'canceled',
        service_is_pending_cancellation: false,
        service_is_automatic_collection: false,
        service_last_update_datetime: pingDate(now),
      });
      const touched = state.proxies.filter((proxy) => proxy.service_id === service.service_id && proxy.proxy_status !== 'pending_deletion');
      for (const proxy of touched) proxy.proxy_status = 'pending_deletion';
      // [I] the cancellation is a `cancel` adjustment [C type] on the service's trail.
      addAdjustment(
        state,
        service,
        {
          service_adjustment_type: 'cancel',
          service_adjustment_is_customer: true,
          service_adjustment_pre: { service_status: 'active' },
          service_adjustment_post: { service_status: 'canceled' },
          service_adjustment_eval: { cancel_feedback: checked.value.cancel_feedback },
        },
        pingDate(now),
      );
      return okBody({ edited: [service.service_id], message: 'Service successfully canceled.', proxy_edited: touched.map((proxy) => proxy.proxy_id) });
    }),
  );

  registerProxyRoutes(server, context, guard);
  registerProxyUserRoutes(server, context, guard);
  registerAclRoutes(server, context, guard);
  registerAdjustmentRoutes(server, context, guard);
  registerListRoutes(server, context, guard);
}
