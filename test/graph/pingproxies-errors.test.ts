/**
 * Ping Proxies errors as a client sees them: Ping's `{error, message, api_request_id}` bodies mapped to
 * typed codes with `upstreamRequestId`, no key in any error, and the 10 requests/second budget (paced
 * under it; a 429 closes the account's budget and later calls fail fast with RATE_LIMITED).
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PING, PING_ACCOUNT_ID, pingId, startPingHarness, type PingHarness } from '../support/pingproxies-harness';
import { errorCodes } from '../support/graphql-client';
import { PingAccountOverviewDocument, PingProxiesDocument, PingUpdateSubUserDocument } from '../generated/graphql';

const WRONG_PRIVATE_KEY = 'wrong-private-key-0123456789abcdef';
const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let harness: PingHarness;

before(async () => {
  harness = await startPingHarness({
    extraAccounts: (ping) => [
      { id: 'ping-bad', provider: 'pingproxies', baseUrl: ping.origin, credentials: { publicKey: ping.credentials.publicKey, privateKey: WRONG_PRIVATE_KEY } },
    ],
  });
});
after(async () => {
  await harness?.stop();
});
beforeEach(() => {
  harness.ping.server.resetCalls();
  harness.ping.server.clearFaults();
});

function assertNoSecrets(payload: unknown): void {
  const text = JSON.stringify(payload);
  assert.ok(!text.includes(WRONG_PRIVATE_KEY));
  assert.ok(!text.includes(harness.ping.credentials.privateKey));
  assert.ok(!text.includes(harness.ping.credentials.publicKey));
}

describe('Ping Proxies error mapping', () => {
  test("wrong API keys are PROVIDER_AUTH_FAILED with Ping's request id, and no key appears in the error", async () => {
    const result = await harness.client.request(PingAccountOverviewDocument, { id: 'ping-bad' });
    assert.ok(errorCodes(result).length > 0);
    for (const error of result.errors) {
      assert.equal(error.extensions?.code, 'PROVIDER_AUTH_FAILED');
      assert.equal(error.extensions?.provider, 'PINGPROXIES');
      assert.equal(error.extensions?.accountId, 'ping-bad');
      assert.match(String(error.extensions?.upstreamRequestId), REQUEST_ID);
    }
    assertNoSecrets(result);
  });

  test('a persistent 5xx from Ping is PROVIDER_UNAVAILABLE after the read was retried, carrying the api_request_id of its error body', async () => {
    harness.ping.server.injectFault({
      endpoint: PING.proxySearch,
      status: 500,
      body: { error: 'Internal Server Error', message: 'An unexpected error occurred.', api_request_id: '0a5a76aa-e286-477b-b88f-e5b492a0ba70' },
    });
    harness.ping.server.resetCalls();
    const result = await harness.client.request(PingProxiesDocument, { id: PING_ACCOUNT_ID, first: 5 });
    assert.deepEqual(errorCodes(result), ['PROVIDER_UNAVAILABLE']);
    // One call and two bounded retries of the GET.
    assert.equal(harness.ping.server.callCount(PING.proxySearch), 3);
    assert.equal(result.errors[0].extensions?.upstreamRequestId, '0a5a76aa-e286-477b-b88f-e5b492a0ba70');
  });

  test('a proxy user Ping does not know is NOT_FOUND with its request id', async () => {
    const result = await harness.client.request(PingUpdateSubUserDocument, { id: pingId('SubUser', 'nobody_here_01'), input: { strictSecurity: true } });
    assert.deepEqual(errorCodes(result), ['NOT_FOUND']);
    assert.match(String(result.errors[0].extensions?.upstreamRequestId), REQUEST_ID);
  });

  test('a burst of requests stays under 10 per second: identical reads share calls and Ping never answers 429', async () => {
    harness.ping.server.resetCalls();
    const results = await Promise.all(Array.from({ length: 10 }, () => harness.client.request(PingAccountOverviewDocument, { id: PING_ACCOUNT_ID })));
    for (const result of results) assert.deepEqual(result.errors, []);
    // Ten overviews need three reads each; concurrent identical reads are shared (single-flight).
    assert.ok(harness.ping.server.calls.length >= 3 && harness.ping.server.calls.length <= 30);
    assert.ok(harness.ping.server.calls.every((call) => call.status === 200));
  });

  test('a 429 is RATE_LIMITED with Ping\'s "try again in N seconds", and closes the budget: the next call fails fast', async () => {
    harness.ping.server.injectFault({
      endpoint: PING.proxySearch,
      status: 429,
      body: {
        error: 'Too Many Requests',
        message: 'Rate limit exceeded. Please try again in 45 seconds.',
        api_request_id: '1b5a76aa-e286-477b-b88f-e5b492a0ba71',
      },
      times: 1,
    });
    const limited = await harness.client.request(PingProxiesDocument, { id: PING_ACCOUNT_ID, first: 5 });
    assert.deepEqual(errorCodes(limited), ['RATE_LIMITED']);
    assert.equal(limited.errors[0].extensions?.retryAfterSeconds, 45);
    harness.ping.server.resetCalls();
    const next = await harness.client.request(PingAccountOverviewDocument, { id: PING_ACCOUNT_ID });
    assert.ok(errorCodes(next).every((code) => code === 'RATE_LIMITED'));
    assert.ok(Number(next.errors[0].extensions?.retryAfterSeconds) > 0);
    assert.equal(harness.ping.server.calls.length, 0);
    // Another account of the same provider keeps its own budget.
    const other = await harness.client.request(PingAccountOverviewDocument, { id: 'ping-bad' });
    assert.ok(errorCodes(other).every((code) => code === 'PROVIDER_AUTH_FAILED'));
  });
});

describe('Ping Proxies rate limit answered by Ping itself', () => {
  let strict: PingHarness;
  before(async () => {
    strict = await startPingHarness({ simulator: { rateLimit: { perSecond: 2 } } });
  });
  after(async () => {
    await strict?.stop();
  });

  test("past Ping's own limit the 429 becomes RATE_LIMITED with a retry hint, never a generic error", async () => {
    const results = await Promise.all(Array.from({ length: 4 }, () => strict.client.request(PingAccountOverviewDocument, { id: PING_ACCOUNT_ID })));
    const codes = results.flatMap(errorCodes);
    assert.ok(codes.length > 0);
    assert.ok(codes.every((code) => code === 'RATE_LIMITED'));
    assert.ok(strict.ping.server.calls.some((call) => call.status === 429));
    for (const result of results) {
      for (const error of result.errors) assert.ok(Number(error.extensions?.retryAfterSeconds) >= 1);
    }
  });
});
