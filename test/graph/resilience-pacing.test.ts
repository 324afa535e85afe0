/**
 * Ping's 10 requests/second budget with single-flight and retries in the chain: bursts of *distinct* reads
 * (identical ones now share one call) wait for slots instead of earning a 429, and a 5xx that outlasts the
 * retries still surfaces as PROVIDER_UNAVAILABLE with Ping's request id.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PING, PING_ACCOUNT_ID, pingId, startPingHarness, type PingHarness } from '../support/pingproxies-harness';
import { errorCodes } from '../support/graphql-client';
import { PingProxiesDocument } from '../generated/graphql';

let harness: PingHarness;

before(async () => {
  harness = await startPingHarness();
});
after(async () => {
  await harness?.stop();
});
beforeEach(() => {
  harness.ping.server.resetCalls();
  harness.ping.server.clearFaults();
});

async function waitCount(): Promise<number> {
  const text = await (await fetch(`${harness.proxygraph.opsUrl}/metrics`)).text();
  return Number(/proxygraph_upstream_rate_limit_wait_seconds_count\{provider="pingproxies",account_id="ping"\} (\d+)/.exec(text)?.[1] ?? 0);
}

describe('Ping pacing with distinct reads', () => {
  test('20 distinct reads at once all reach Ping, paced under 10 per second: no 429, and the waits show in /metrics', async () => {
    const before = await waitCount();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        harness.client.request(`query($id: ID!) { subUser(id: $id) { id } }`, { id: pingId('SubUser', `nobody_${index}`) }),
      ),
    );
    for (const result of results) assert.deepEqual(result.errors, []);
    assert.equal(harness.ping.server.callCount(PING.userRetrieve), 20);
    assert.ok(harness.ping.server.calls.every((call) => call.status !== 429));
    assert.ok((await waitCount()) > before);
  });

  test("a 5xx that outlasts the retries is PROVIDER_UNAVAILABLE carrying Ping's api_request_id", async () => {
    harness.ping.server.injectFault({
      endpoint: PING.proxySearch,
      status: 500,
      body: { error: 'Internal Server Error', message: 'An unexpected error occurred.', api_request_id: '0a5a76aa-e286-477b-b88f-e5b492a0ba70' },
    });
    const result = await harness.client.request(PingProxiesDocument, { id: PING_ACCOUNT_ID, first: 5 });
    assert.deepEqual(errorCodes(result), ['PROVIDER_UNAVAILABLE']);
    assert.equal(result.errors[0].extensions?.upstreamRequestId, '0a5a76aa-e286-477b-b88f-e5b492a0ba70');
    assert.equal(harness.ping.server.callCount(PING.proxySearch), 3);
  });
});
