/**
 * A whole estate: one account on each of the four providers, each against its own simulator over real HTTP,
 * in the README's provider order. Used by the cross-account tests (merged lists, fan-out, partial failure).
 */
import { startTestProxyGraph, type TestServerOptions } from './proxygraph';
import type { AccountConfig } from '../../src/config/schema';
import type { RunningProxyGraph } from '../../src/app';
import type { ProviderSimulator } from '../../src/simulators/kit';
import { startWebshareSimulator } from '../../src/simulators/webshare';
import { startProxyMeshSimulator } from '../../src/simulators/proxymesh';
import { startWonderProxySimulator } from '../../src/simulators/wonderproxy';
import { startPingProxiesSimulator } from '../../src/simulators/pingproxies';
import { GraphQLTestClient } from './graphql-client';

export const ESTATE_ACCOUNTS = { webshare: 'ws', proxymesh: 'pm', wonderproxy: 'wp', pingproxies: 'ping' } as const;
export type EstateProvider = keyof typeof ESTATE_ACCOUNTS;

export interface EstateHarness {
  client: GraphQLTestClient;
  proxygraph: RunningProxyGraph;
  simulators: Record<EstateProvider, ProviderSimulator>;
  stop(): Promise<void>;
}

export async function startEstateHarness(options: { latencyMs?: number; server?: TestServerOptions } = {}): Promise<EstateHarness> {
  const latencyMs = options.latencyMs ?? 0;
  const simulators: Record<EstateProvider, ProviderSimulator> = {
    webshare: await startWebshareSimulator({ seed: 21, rateLimits: false, latencyMs, replacementDelayMs: 50 }),
    proxymesh: await startProxyMeshSimulator({ seed: 21, latencyMs }),
    wonderproxy: await startWonderProxySimulator({ seed: 21, latencyMs }),
    pingproxies: await startPingProxiesSimulator({ seed: 21, latencyMs, rateLimit: false }),
  };
  const accounts = (Object.keys(ESTATE_ACCOUNTS) as EstateProvider[]).map(
    (provider) =>
      ({
        id: ESTATE_ACCOUNTS[provider],
        provider,
        baseUrl: simulators[provider].origin,
        credentials: simulators[provider].credentials,
      }) as AccountConfig,
  );
  const proxygraph = await startTestProxyGraph(accounts, options.server);
  return {
    client: new GraphQLTestClient(proxygraph.url),
    proxygraph,
    simulators,
    async stop() {
      await proxygraph.stop();
      await Promise.all(Object.values(simulators).map((simulator) => simulator.stop()));
    },
  };
}
