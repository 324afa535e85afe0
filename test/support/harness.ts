/**
 * Starts ProxyGraph against real simulators over real HTTP, on port 0, the way a user would run it with a
 * config file whose accounts point at the simulators. One harness per test file; stop() in `after`.
 */
import { startTestProxyGraph } from './proxygraph';
import type { Logger } from 'pino';
import type { AccountConfig, AuthConfig, ProxyGraphConfig } from '../../src/config/schema';
import type { RunningProxyGraph } from '../../src/app';
import { startWebshareSimulator, type WebshareSimulator } from '../../src/simulators/webshare';
import { GraphQLTestClient } from './graphql-client';

type WebshareOptions = NonNullable<Parameters<typeof startWebshareSimulator>[0]>;

export interface HarnessOptions {
  webshare?: WebshareOptions;
  /** Extra accounts (e.g. a second Webshare account with a bad token) appended after `ws`. */
  extraAccounts?: (webshare: WebshareSimulator) => AccountConfig[];
  auth?: AuthConfig;
  server?: ProxyGraphConfig['server'];
  redis?: ProxyGraphConfig['redis'];
  /** Defaults to a silent logger (TEST_LOG_LEVEL raises it). */
  logger?: Logger;
  usageHistory?: ProxyGraphConfig['usageHistory'];
  /** TEST-ONLY snapshot interval in ms. */
  usageHistoryIntervalMs?: number;
  dataDir?: string;
}

export interface Harness {
  client: GraphQLTestClient;
  webshare: WebshareSimulator;
  proxygraph: RunningProxyGraph;
  baseUrl: string;
  stop(): Promise<void>;
}

export const WEBSHARE_ACCOUNT_ID = 'ws';

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const webshare = await startWebshareSimulator({ seed: 7, rateLimits: false, ...options.webshare });
  const accounts: AccountConfig[] = [
    {
      id: WEBSHARE_ACCOUNT_ID,
      provider: 'webshare',
      label: 'Webshare test',
      baseUrl: webshare.origin,
      credentials: { token: webshare.credentials.token },
    },
    ...(options.extraAccounts?.(webshare) ?? []),
  ];
  const proxygraph = await startTestProxyGraph(accounts, options);
  return {
    client: new GraphQLTestClient(proxygraph.url),
    webshare,
    proxygraph,
    baseUrl: proxygraph.url.replace(/\/graphql$/, ''),
    async stop() {
      await proxygraph.stop();
      await webshare.stop();
    },
  };
}
