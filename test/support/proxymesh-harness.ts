/**
 * Starts ProxyGraph against the ProxyMesh simulator over real HTTP, on port 0, the way a user would run it
 * with a config file whose account points at the simulator. One harness per test file; stop() in `after`.
 */
import { startTestProxyGraph, type TestServerOptions } from './proxygraph';
import type { AccountConfig, AuthConfig } from '../../src/config/schema';
import type { RunningProxyGraph } from '../../src/app';
import { FileStateStore, type StateStore } from '../../src/state/store';
import { startProxyMeshSimulator, type ProxyMeshSimulator, type ProxyMeshSimulatorOptions } from '../../src/simulators/proxymesh';
import { GraphQLTestClient } from './graphql-client';

export interface ProxyMeshHarnessOptions {
  proxymesh?: ProxyMeshSimulatorOptions;
  /** `knownSubAccounts` of the main account. */
  knownSubAccounts?: string[];
  /** Use the simulator's bearer token instead of Basic credentials. */
  bearer?: boolean;
  /** Extra accounts (e.g. one with a wrong password) appended after `pm`. */
  extraAccounts?: (proxymesh: ProxyMeshSimulator) => AccountConfig[];
  auth?: AuthConfig;
  stateStore?: StateStore;
  /** Server limits and the like for ProxyGraph itself. */
  server?: TestServerOptions['server'];
}

export interface ProxyMeshHarness {
  client: GraphQLTestClient;
  proxymesh: ProxyMeshSimulator;
  proxygraph: RunningProxyGraph;
  store: StateStore;
  stop(): Promise<void>;
}

export const PROXYMESH_ACCOUNT_ID = 'pm';

export async function startProxyMeshHarness(options: ProxyMeshHarnessOptions = {}): Promise<ProxyMeshHarness> {
  const proxymesh = await startProxyMeshSimulator({ seed: 5, ...options.proxymesh });
  const accounts: AccountConfig[] = [
    {
      id: PROXYMESH_ACCOUNT_ID,
      provider: 'proxymesh',
      label: 'ProxyMesh test',
      baseUrl: proxymesh.origin,
      credentials: options.bearer ? { bearerToken: proxymesh.bearerToken } : { ...proxymesh.credentials },
      ...(options.knownSubAccounts ? { knownSubAccounts: options.knownSubAccounts } : {}),
    },
    ...(options.extraAccounts?.(proxymesh) ?? []),
  ];
  const store = options.stateStore ?? new FileStateStore(null);
  const proxygraph = await startTestProxyGraph(accounts, { auth: options.auth, stateStore: store, server: options.server });
  return {
    client: new GraphQLTestClient(proxygraph.url),
    proxymesh,
    proxygraph,
    store,
    async stop() {
      await proxygraph.stop();
      await proxymesh.stop();
    },
  };
}

/** A SubUser global id for a ProxyMesh username (ids are opaque to clients; tests build them to probe). */
export function proxymeshSubUserId(username: string, accountId = PROXYMESH_ACCOUNT_ID): string {
  return Buffer.from(`SubUser:${accountId}:${username}`, 'utf8').toString('base64url');
}
