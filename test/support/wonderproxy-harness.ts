/**
 * Starts ProxyGraph with one WonderProxy account against a real WonderProxy simulator over real HTTP, on
 * port 0, as a user would with a config file pointing at it. One harness per test file; stop() in `after`.
 * Also reads the simulator directly (the ground truth tests compare ProxyGraph's answers with).
 */
import { startTestProxyGraph } from './proxygraph';
import type { AccountConfig } from '../../src/config/schema';
import type { RunningProxyGraph } from '../../src/app';
import { startWonderProxySimulator, type WonderProxySimulator, type WonderProxySimulatorOptions } from '../../src/simulators/wonderproxy';
import { GraphQLTestClient } from './graphql-client';

export const WONDERPROXY_ACCOUNT_ID = 'wp';

export interface WonderProxyHarness {
  client: GraphQLTestClient;
  wonderproxy: WonderProxySimulator;
  proxygraph: RunningProxyGraph;
  stop(): Promise<void>;
}

export interface WonderProxyHarnessOptions {
  wonderproxy?: WonderProxySimulatorOptions;
  /** Extra accounts (e.g. the same simulator with a wrong token) appended after `wp`. */
  extraAccounts?: (wonderproxy: WonderProxySimulator) => AccountConfig[];
}

export async function startWonderProxyHarness(options: WonderProxyHarnessOptions = {}): Promise<WonderProxyHarness> {
  const wonderproxy = await startWonderProxySimulator({ seed: 5, ...options.wonderproxy });
  const accounts: AccountConfig[] = [
    {
      id: WONDERPROXY_ACCOUNT_ID,
      provider: 'wonderproxy',
      label: 'WonderProxy test',
      baseUrl: wonderproxy.origin,
      credentials: { token: wonderproxy.credentials.token },
    },
    ...(options.extraAccounts?.(wonderproxy) ?? []),
  ];
  const proxygraph = await startTestProxyGraph(accounts);
  return {
    client: new GraphQLTestClient(proxygraph.url),
    wonderproxy,
    proxygraph,
    async stop() {
      await proxygraph.stop();
      await wonderproxy.stop();
    },
  };
}

/** GET on the simulator with the account's token, as a second WonderProxy client would. */
export async function wonderproxyGet<T>(simulator: WonderProxySimulator, pathAndQuery: string): Promise<T> {
  const response = await fetch(`${simulator.origin}${pathAndQuery}`, {
    headers: { authorization: `Basic ${Buffer.from(`${simulator.credentials.token}:`).toString('base64')}` },
  });
  if (!response.ok) throw new Error(`simulator answered ${response.status} for ${pathAndQuery}`);
  return (await response.json()) as T;
}

/** The `detail=` parameter of each recorded call to an endpoint, in order ('' when absent). */
export function detailsSent(simulator: WonderProxySimulator, endpoint: string): string[] {
  return simulator.server.callsTo(endpoint).map((call) => new URLSearchParams(call.query).get('detail') ?? '');
}
