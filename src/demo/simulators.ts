/** The simulators demo mode starts, one per provider, in the README's provider order. Seeds are fixed so the demo is the same every run. */
import type { ProviderSimulator } from '../providers/shared/simulator-kit';
import { startWebshareSimulator } from '../providers/webshare/simulator';
import { startPingProxiesSimulator } from '../providers/pingproxies/simulator';
import { startProxyMeshSimulator } from '../providers/proxymesh/simulator';
import { startWonderProxySimulator } from '../providers/wonderproxy/simulator';

export const demoSimulators: Array<() => Promise<ProviderSimulator>> = [
  () => startWebshareSimulator({ seed: 1 }),
  () => startProxyMeshSimulator({ seed: 1 }),
  () => startWonderProxySimulator({ seed: 1 }),
  () => startPingProxiesSimulator({ seed: 1 }),
];
