/**
 * Demo mode: with no configuration, start each provider's simulator in-process with seeded data and
 * configure one account against each. Nothing else in ProxyGraph knows these are simulators: the accounts
 * are ordinary accounts whose baseUrl points at 127.0.0.1.
 */
import type { AccountConfig, ProxyGraphConfig } from '../config/schema';
import type { ProviderSimulator } from '../simulators/kit';
import { DEMO_PROVIDERS } from './simulators';

export interface DemoEnvironment {
  config: ProxyGraphConfig;
  simulators: ProviderSimulator[];
  stop(): Promise<void>;
}

export async function startDemoEnvironment(): Promise<DemoEnvironment> {
  const simulators = await Promise.all(DEMO_PROVIDERS.map((demo) => demo.start()));
  const accounts = DEMO_PROVIDERS.map(
    (demo, index) =>
      ({
        ...demo.account?.(simulators[index]),
        id: demo.accountId,
        provider: simulators[index].provider,
        label: demo.label,
        baseUrl: simulators[index].origin,
        credentials: simulators[index].credentials,
      }) as AccountConfig,
  );
  return {
    config: {
      // Polled often: the simulators cost nothing, and a status flip should show in the dashboard within seconds.
      server: { host: '127.0.0.1', port: 4000, live: { pollIntervalSeconds: { proxies: 5, replacements: 5, usage: 30, expiries: 30, subUsers: 30 } } },
      auth: { mode: 'none' },
      accounts,
    },
    simulators,
    async stop() {
      await Promise.all(simulators.map((simulator) => simulator.stop()));
    },
  };
}

export const DEMO_SAMPLE_QUERY = `{ accounts { id provider capabilities proxies(first: 5) { edges { node { id host ports { http } country } } } } }`;
