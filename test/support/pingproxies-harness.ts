/**
 * Starts ProxyGraph against a real Ping Proxies simulator over real HTTP, on port 0, with one `pingproxies`
 * account pointing at it, the way a user would with a config file. One harness per test file.
 */
import { startTestProxyGraph, type TestServerOptions } from './proxygraph';
import type { AccountConfig } from '../../src/config/schema';
import type { RunningProxyGraph } from '../../src/app';
import { encodeGlobalId } from '../../src/domain/ids';
import type { EntityKind } from '../../src/providers/contract/records';
import { startPingProxiesSimulator, type PingProxiesSimulator, type PingProxiesSimulatorOptions } from '../../src/simulators/pingproxies';
import { GraphQLTestClient } from './graphql-client';

export interface PingHarnessOptions {
  simulator?: PingProxiesSimulatorOptions;
  /** Extra accounts (e.g. the same simulator with wrong keys) appended after `ping`. */
  extraAccounts?: (ping: PingProxiesSimulator) => AccountConfig[];
  /** Auth, server limits and the like for ProxyGraph itself. */
  server?: TestServerOptions;
}

export interface PingHarness {
  client: GraphQLTestClient;
  ping: PingProxiesSimulator;
  proxygraph: RunningProxyGraph;
  stop(): Promise<void>;
}

export const PING_ACCOUNT_ID = 'ping';

/** The graph id of a Ping object (tests build ids of objects they read from the simulator's state). */
export function pingId(kind: EntityKind, nativeId: string, accountId = PING_ACCOUNT_ID): string {
  return encodeGlobalId(kind, accountId, nativeId);
}

export async function startPingHarness(options: PingHarnessOptions = {}): Promise<PingHarness> {
  const ping = await startPingProxiesSimulator({ seed: 5, ...options.simulator });
  const accounts: AccountConfig[] = [
    {
      id: PING_ACCOUNT_ID,
      provider: 'pingproxies',
      label: 'Ping test',
      baseUrl: ping.origin,
      credentials: { publicKey: ping.credentials.publicKey, privateKey: ping.credentials.privateKey },
    },
    ...(options.extraAccounts?.(ping) ?? []),
  ];
  const proxygraph = await startTestProxyGraph(accounts, options.server);
  return {
    client: new GraphQLTestClient(proxygraph.url),
    ping,
    proxygraph,
    async stop() {
      await proxygraph.stop();
      await ping.stop();
    },
  };
}

/** Route patterns of the simulator's call log, for asserting how many upstream calls an operation made. */
export const PING = {
  customer: 'GET /1.0/public/user/customer/retrieve',
  residential: 'GET /1.0/public/user/residential/summary',
  serviceSearch: 'GET /1.0/public/user/service/search',
  serviceRetrieve: 'GET /1.0/public/user/service/retrieve/:service_id',
  serviceEdit: 'PATCH /1.0/public/user/service/edit/:service_id',
  serviceCancel: 'DELETE /1.0/public/user/service/cancel/:service_id',
  proxySearch: 'GET /1.0/public/user/proxy/search',
  proxyRetrieve: 'GET /1.0/public/user/proxy/retrieve/:proxy_id',
  listById: 'POST /1.0/public/user/proxy/list_by_id',
  userSearch: 'GET /1.0/public/user/proxy_user/search',
  userRetrieve: 'GET /1.0/public/user/proxy_user/retrieve/:proxy_user_id',
  userCreate: 'POST /1.0/public/user/proxy_user/create',
  userEdit: 'PATCH /1.0/public/user/proxy_user/edit/:proxy_user_id',
  userDelete: 'DELETE /1.0/public/user/proxy_user/delete/:proxy_user_id',
} as const;
