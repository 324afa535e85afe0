/** Upstream call counts across an estate's four simulators: what "no upstream call" assertions read. */
import assert from 'node:assert/strict';
import type { EstateHarness } from './estate-harness';
import { errorCodes, type GraphQLResult } from './graphql-client';

export function estateUpstreamCalls(estate: EstateHarness): number {
  return Object.values(estate.simulators).reduce((sum, simulator) => sum + simulator.server.calls.length, 0);
}

export function resetEstateCalls(estate: EstateHarness): void {
  for (const simulator of Object.values(estate.simulators)) simulator.server.resetCalls();
}

/** The field names of the first error's `extensions.fields`. */
export function errorFields(result: GraphQLResult<unknown>): string[] {
  return Object.keys((result.errors[0]?.extensions?.fields ?? {}) as Record<string, unknown>);
}

/** BAD_USER_INPUT naming `field`, and not one upstream call to any provider of the estate. */
export function assertRefusedBeforeUpstream(estate: EstateHarness, result: GraphQLResult<unknown>, field: string, what: string): void {
  assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT'], `${what}: ${JSON.stringify(result.errors).slice(0, 400)}`);
  assert.ok(errorFields(result).includes(field), `${what}: fields ${JSON.stringify(errorFields(result))}, expected ${field}`);
  assert.equal(estateUpstreamCalls(estate), 0, `${what} made an upstream call`);
}
