/**
 * Demo mode: with no configuration, start each provider's simulator in-process with seeded data and
 * configure one account against each. Nothing else in ProxyGraph knows these are simulators: the accounts
 * are ordinary accounts whose baseUrl points at 127.0.0.1.
 */
import type { AccountConfig, ProxyGraphConfig } from '../config/schema';
import type { ProviderSimulator } from '../simulators/kit';
import { demoSimulators } from './simulators';

export interface DemoEnvironment {
  config: ProxyGraphConfig;
  simulators: ProviderSimulator[];
  stop(): Promise<void>;
}

const DEMO_LABELS: Record<ProviderSimulator['provider'], string> = {
  webshare: 'Webshare (demo)',
  proxymesh: 'ProxyMesh (demo)',
  wonderproxy: 'WonderProxy (demo)',
  pingproxies: 'Ping Proxies (demo)',
};

const DEMO_IDS: Record<ProviderSimulator['provider'], string> = {
  webshare: 'ws-demo',
  proxymesh: 'pm-demo',
  wonderproxy: 'wp-demo',
  pingproxies: 'ping-demo',
};

export async function startDemoEnvironment(): Promise<DemoEnvironment> {
  const simulators = await Promise.all(demoSimulators.map((start) => start()));
  const accounts = simulators.map(
    (simulator) =>
      ({
        id: DEMO_IDS[simulator.provider],
        provider: simulator.provider,
        label: DEMO_LABELS[simulator.provider],
        baseUrl: simulator.origin,
        credentials: simulator.credentials,
      }) as AccountConfig,
  );
  return {
    config: { server: { host: '127.0.0.1', port: 4000 }, auth: { mode: 'none' }, accounts },
    simulators,
    async stop() {
      await Promise.all(simulators.map((simulator) => simulator.stop()));
    },
  };
}

export const DEMO_SAMPLE_QUERY = `{ accounts { id provider capabilities proxies(first: 5) { edges { node { id host ports { http } country } } } } }`;
