/**
 * What demo mode runs, one entry per provider in the README's provider order: its simulator (fixed seeds,
 * so the demo is the same every run) and the account configured against it. A new provider is one more
 * entry here (docs/adding-a-provider.md).
 */
import type { AccountConfig } from '../config/schema';
import type { ProviderSimulator } from '../simulators/kit';
import { startWebshareSimulator } from '../simulators/webshare';
import { startPingProxiesSimulator } from '../simulators/pingproxies';
import { startProxyMeshSimulator } from '../simulators/proxymesh';
import { startWonderProxySimulator } from '../simulators/wonderproxy';

export interface DemoProvider {
  accountId: string;
  label: string;
  start(): Promise<ProviderSimulator>;
  /** Provider-specific account settings (WonderProxy: the user authorizeIp(ip) puts entries under). */
  account?: Partial<AccountConfig>;
}

export const DEMO_PROVIDERS: readonly DemoProvider[] = [
  { accountId: 'ws-demo', label: 'Webshare (demo)', start: () => startWebshareSimulator({ seed: 1 }) },
  { accountId: 'pm-demo', label: 'ProxyMesh (demo)', start: () => startProxyMeshSimulator({ seed: 1 }) },
  { accountId: 'wp-demo', label: 'WonderProxy (demo)', start: () => startWonderProxySimulator({ seed: 1 }), account: { ipAuthorizations: { defaultUser: 'joe' } } },
  { accountId: 'ping-demo', label: 'Ping Proxies (demo)', start: () => startPingProxiesSimulator({ seed: 1 }) },
];
