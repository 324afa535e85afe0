/**
 * WonderProxy simulator routes for the network catalogue, the contract and the contract's servers
 * (docs/providers/wonderproxy.txt "WonderProxy Servers", "Contract Details", "Contract Servers"). The IP authlist and
 * custom DNS routes are in routes-authlist.ts and routes-overrides.ts.
 */
import type { SimHandler, SimRequest, SimResponse, SimulatorServer } from '../kit';
import type { WonderProxySimContext } from './index';
import { commaList, details, isResponse, NOT_FOUND, ok } from './http';
import { renderContract, renderContractServer, renderNetworkServer } from './state';
import { registerAuthlistRoutes } from './routes-authlist';
import { registerOverrideRoutes } from './routes-overrides';

export type Guard = (handler: (req: SimRequest) => SimResponse) => SimHandler;

/** Every path the API answers, with its methods: the rest of the simulator uses it for 404 vs 405. */
export const RESOURCES: ReadonlyArray<{ pattern: RegExp; methods: string[] }> = [
  { pattern: /^\/v0\/?$/, methods: ['GET'] },
  { pattern: /^\/v0\/servers$/, methods: ['GET'] },
  { pattern: /^\/v0\/contract$/, methods: ['GET'] },
  { pattern: /^\/v0\/contract\/servers$/, methods: ['GET'] },
  { pattern: /^\/v0\/contract\/servers\/[^/]+$/, methods: ['GET'] },
  { pattern: /^\/v0\/contract\/ip-authlist$/, methods: ['GET', 'POST', 'DELETE'] },
  { pattern: /^\/v0\/contract\/ip-authlist\/[^/]+$/, methods: ['GET', 'PATCH', 'DELETE'] },
  { pattern: /^\/v0\/contract\/overrides$/, methods: ['GET', 'POST', 'DELETE'] },
  { pattern: /^\/v0\/contract\/overrides\/[^/]+$/, methods: ['GET', 'PATCH', 'DELETE'] },
];

const CONTRACT_DETAILS = ['location', 'geostatus', 'usage'] as const;

export function registerWonderProxyRoutes(server: SimulatorServer, context: WonderProxySimContext, guard: Guard): void {
  const { state } = context;

  // [C] the docs' authentication sample calls the API root; [I] what it answers with.
  server.route(
    'GET',
    '/v0',
    guard(() => ok({ message: 'WonderProxy API v0' })),
  );

  // [C] every server in the network; `location` only with ?detail=location.
  server.route(
    'GET',
    '/v0/servers',
    guard((req) => {
      const wanted = details(req, ['location']);
      if (isResponse(wanted)) return wanted;
      return ok([...state.network.values()].map((entry) => renderNetworkServer(entry, wanted)));
    }),
  );

  server.route(
    'GET',
    '/v0/contract',
    guard(() => ok(renderContract(state))),
  );

  // [C] ?server=a,b narrows to those servers; [I] names not on the contract are left out, not an error.
  server.route(
    'GET',
    '/v0/contract/servers',
    guard((req) => {
      const wanted = details(req, CONTRACT_DETAILS);
      if (isResponse(wanted)) return wanted;
      const names = commaList(req, 'server');
      const servers = [...state.contractServers.values()].filter((entry) => !names || names.includes(entry.name));
      return ok(servers.map((entry) => renderContractServer(state, entry, wanted)));
    }),
  );

  server.route(
    'GET',
    '/v0/contract/servers/:server',
    guard((req) => {
      const wanted = details(req, CONTRACT_DETAILS);
      if (isResponse(wanted)) return wanted;
      const entry = state.contractServers.get(req.params.server);
      return entry ? ok(renderContractServer(state, entry, wanted)) : NOT_FOUND;
    }),
  );

  registerAuthlistRoutes(server, context, guard);
  registerOverrideRoutes(server, context, guard);
}
