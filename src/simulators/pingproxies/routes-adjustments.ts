/**
 * Ping Proxies simulator service adjustment routes (`service_adjustment/{retrieve,search}` [C object page;
 * 3P filter names]): the read-only audit trail the service routes append to.
 */
import type { SimulatorServer } from '../kit';
import { USER, type Guard, type PingSimContext } from './context';
import { ok, pingError, search } from './http';

const ADJUSTMENT_FIELDS = [
  'service_adjustment_id',
  'service_id',
  'invoice_id',
  'service_adjustment_type',
  'service_adjustment_status',
  'service_adjustment_is_administrator',
  'service_adjustment_is_automatic',
  'service_adjustment_is_customer',
  'service_adjustment_creation_datetime',
  'service_adjustment_last_update_datetime',
];
const NOT_FOUND = 'The requested service adjustment could not be found.'; // [I] after the proxy's [C] wording

export function registerAdjustmentRoutes(server: SimulatorServer, context: PingSimContext, guard: Guard): void {
  const { state } = context;

  server.route(
    'GET',
    `${USER}/service_adjustment/search`,
    guard((req) =>
      search(req, state.adjustments.map((adjustment) => structuredClone(adjustment)) as unknown as Record<string, unknown>[], {
        fields: ADJUSTMENT_FIELDS,
        message: 'Service Adjustment search successful.',
        uncounted: context.uncountedSearches.has('service_adjustment'),
      }),
    ),
  );

  server.route(
    'GET',
    `${USER}/service_adjustment/retrieve/:service_adjustment_id`,
    guard((req) => {
      // [C] ids are integers: anything else names nothing.
      const raw = req.params.service_adjustment_id;
      const adjustment = /^\d+$/.test(raw) ? state.adjustments.find((entry) => entry.service_adjustment_id === Number(raw)) : undefined;
      return adjustment ? ok(structuredClone(adjustment), 'Service Adjustment successfully retrieved.') : pingError(404, NOT_FOUND);
    }),
  );
}
