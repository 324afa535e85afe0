/** Upstream call counts across an estate's four simulators: what "no upstream call" assertions read. */
import type { EstateHarness } from './estate-harness';

export function estateUpstreamCalls(estate: EstateHarness): number {
  return Object.values(estate.simulators).reduce((sum, simulator) => sum + simulator.server.calls.length, 0);
}

export function resetEstateCalls(estate: EstateHarness): void {
  for (const simulator of Object.values(estate.simulators)) simulator.server.resetCalls();
}
