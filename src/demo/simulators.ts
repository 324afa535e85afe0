/** The simulators demo mode starts: one per provider that has one. Seeds are fixed so the demo is the same every run. */
import type { ProviderSimulator } from '../providers/shared/simulator-kit';
import { startWebshareSimulator } from '../providers/webshare/simulator';

export const demoSimulators: Array<() => Promise<ProviderSimulator>> = [
  () => startWebshareSimulator({ seed: 1 }),
];
