/** The simulators demo mode starts, one per provider, in the README's provider order. Seeds are fixed so the demo is the same every run. */
import type { ProviderSimulator } from '../simulators/kit';
import { startWebshareSimulator } from '../simulators/webshare';
import { startPingProxiesSimulator } from '../simulators/pingproxies';
import { startProxyMeshSimulator } from '../simulators/proxymesh';
import { startWonderProxySimulator } from '../simulators/wonderproxy';

export const demoSimulators: Array<() => Promise<ProviderSimulator>> = [
  () => startWebshareSimulator({ seed: 1 }),
  () => startProxyMeshSimulator({ seed: 1 }),
  () => startWonderProxySimulator({ seed: 1 }),
  () => startPingProxiesSimulator({ seed: 1 }),
];
