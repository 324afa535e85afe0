/**
 * Cross-account reads fan out in parallel. Every simulator answers after 200 ms; the proof is in the
 * simulators' own received-call timestamps (each account's first call starts before any of them has been
 * answered), not in wall-clock time.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEstateHarness, type EstateHarness } from '../support/estate-harness';
import { EstateIpAuthorizationsDocument, EstateUsageDocument } from '../generated/graphql';

const LATENCY_MS = 200;
let estate: EstateHarness;

before(async () => {
  estate = await startEstateHarness({ latencyMs: LATENCY_MS });
});
after(() => estate?.stop());

function firstCalls(providers = Object.keys(estate.simulators)) {
  return Object.entries(estate.simulators)
    .filter(([provider]) => providers.includes(provider))
    .map(([provider, simulator]) => {
      const call = simulator.server.calls[0];
      assert.ok(call, `${provider} received no call`);
      return { provider, startedAtMs: call.startedAtMs, finishedAtMs: call.finishedAtMs };
    });
}

function resetCalls(): void {
  for (const simulator of Object.values(estate.simulators)) simulator.server.resetCalls();
}

test('Query.ipAuthorizations asks all four providers at once: every first call starts before any is answered', async () => {
  resetCalls();
  const data = await estate.client.data(EstateIpAuthorizationsDocument, {});
  assert.deepEqual([...new Set(data.ipAuthorizations.map((entry) => entry.account.id))].sort(), ['ping', 'pm', 'wp', 'ws']);
  const calls = firstCalls();
  const lastStart = Math.max(...calls.map((call) => call.startedAtMs));
  const firstFinish = Math.min(...calls.map((call) => call.finishedAtMs));
  assert.ok(firstFinish - Math.min(...calls.map((call) => call.startedAtMs)) >= LATENCY_MS - 5, 'latency knob not applied');
  assert.ok(lastStart < firstFinish, `calls did not overlap: ${JSON.stringify(calls)}`);
});

test('Query.usage asks the three providers that report usage at once', async () => {
  resetCalls();
  await estate.client.data(EstateUsageDocument, {});
  const calls = firstCalls(['webshare', 'wonderproxy', 'pingproxies']);
  const lastStart = Math.max(...calls.map((call) => call.startedAtMs));
  const firstFinish = Math.min(...calls.map((call) => call.finishedAtMs));
  assert.ok(lastStart < firstFinish, `calls did not overlap: ${JSON.stringify(calls)}`);
  assert.equal(estate.simulators.proxymesh.server.calls.length, 0);
});
