/**
 * What demo mode runs, one entry per provider in the README's provider order: its simulator (fixed seeds,
 * so the demo is the same every run) and the account configured against it. A new provider is one more
 * entry here (docs/adding-a-provider.md).
 */
import type { AccountConfig } from '../config/schema';
import type { ProviderSimulator } from '../simulators/kit';
import { startWebshareSimulator } from '../simulators/webshare';
import { startPingProxiesSimulator } from '../simulators/pingproxies';
import { startProxyMeshSimulator, type ProxyMeshSimulator } from '../simulators/proxymesh';
import { startWonderProxySimulator } from '../simulators/wonderproxy';

export interface DemoProvider {
  accountId: string;
  label: string;
  start(): Promise<ProviderSimulator>;
  /**
   * Provider-specific account settings, from the started simulator (ProxyMesh: the seeded sub-accounts, which
   * ProxyMesh cannot list; WonderProxy: the user authorizeIp(ip) puts entries under).
   */
  account?(simulator: ProviderSimulator): Partial<AccountConfig>;
}

export const DEMO_PROVIDERS: readonly DemoProvider[] = [
  { accountId: 'ws-demo', label: 'Webshare (demo)', start: () => startWebshareSimulator({ seed: 1 }) },
  {
    accountId: 'pm-demo',
    label: 'ProxyMesh (demo)',
    start: () => startProxyMeshSimulator({ seed: 1 }),
    // ProxyMesh has no endpoint listing sub-accounts: the demo names the ones its simulator holds.
    account: (simulator) => ({ knownSubAccounts: [...(simulator as ProxyMeshSimulator).state.subs.keys()] }),
  },
  {
    accountId: 'wp-demo',
    label: 'WonderProxy (demo)',
    start: () => startWonderProxySimulator({ seed: 1 }),
    account: () => ({ ipAuthorizations: { defaultUser: 'joe' } }),
  },
  { accountId: 'ping-demo', label: 'Ping Proxies (demo)', start: () => startPingProxiesSimulator({ seed: 1 }) },
];
