/**
 * Retries as a client sees them: a read that meets a transient 5xx or a dropped connection is retried and
 * succeeds; a persistent failure gives up after two retries; 4xx answers and writes are never retried; and
 * no retry runs past the call's deadline.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, WEBSHARE_ACCOUNT_ID, type Harness } from '../support/harness';
import { errorCodes } from '../support/graphql-client';
import { RetryPolicy } from '../../src/upstream/retry-policy';
import { startWebshareSimulator, type WebshareSimulator } from '../../src/simulators/webshare';

const PROFILE = 'GET /api/v2/profile/';
const CREATE_SUB_USER = 'POST /api/v2/subuser/';
const PROFILE_QUERY = (accountId: string) => `{ account(id: "${accountId}") { profile { email } } }`;

let harness: Harness;
/** Another API key: a 429 there closes only that key's budget, not the one `ws` uses. */
let throttling: WebshareSimulator;

before(async () => {
  throttling = await startWebshareSimulator({ seed: 2, rateLimits: false, token: 'second-api-key-0123456789' });
  harness = await startHarness({
    extraAccounts: (webshare) => [
      { id: 'ws-429', provider: 'webshare', baseUrl: throttling.origin, credentials: { token: throttling.credentials.token } },
      // Same simulator and key as `ws`, with a 1-second deadline.
      { id: 'ws-fast', provider: 'webshare', baseUrl: webshare.origin, credentials: { token: webshare.credentials.token }, limits: { timeoutMs: 1_000 } },
    ],
  });
});
after(async () => {
  await harness?.stop();
  await throttling?.stop();
});
beforeEach(() => {
  harness.webshare.server.resetCalls();
  harness.webshare.server.clearFaults();
});

describe('reads are retried on transient failures', () => {
  test('a read that meets one 503 is retried and the query succeeds', async () => {
    harness.webshare.server.injectFault({ endpoint: PROFILE, status: 503, body: { detail: 'Service unavailable.' }, times: 1 });
    const result = await harness.client.request(PROFILE_QUERY(WEBSHARE_ACCOUNT_ID));
    assert.deepEqual(result.errors, []);
    assert.ok((result.data as { account: { profile: { email: string } } }).account.profile.email);
    assert.equal(harness.webshare.server.callCount(PROFILE), 2);
  });

  test('a read whose connection is reset once is retried and the query succeeds', async () => {
    harness.webshare.server.injectFault({ endpoint: PROFILE, kind: 'reset', times: 1 });
    const result = await harness.client.request(PROFILE_QUERY(WEBSHARE_ACCOUNT_ID));
    assert.deepEqual(result.errors, []);
    assert.equal(harness.webshare.server.callCount(PROFILE), 2);
  });

  test('a persistent 503 is PROVIDER_UNAVAILABLE after exactly three calls', async () => {
    harness.webshare.server.injectFault({ endpoint: PROFILE, status: 503, body: { detail: 'Service unavailable.' } });
    const result = await harness.client.request(PROFILE_QUERY(WEBSHARE_ACCOUNT_ID));
    assert.deepEqual(errorCodes(result), ['PROVIDER_UNAVAILABLE']);
    assert.equal(harness.webshare.server.callCount(PROFILE), 3);
  });

  test('a 4xx answer is not retried', async () => {
    harness.webshare.server.injectFault({ endpoint: PROFILE, status: 403, body: { detail: 'You do not have permission to perform this action.' } });
    const result = await harness.client.request(PROFILE_QUERY(WEBSHARE_ACCOUNT_ID));
    assert.deepEqual(errorCodes(result), ['PROVIDER_FORBIDDEN']);
    assert.equal(harness.webshare.server.callCount(PROFILE), 1);
  });

  test('a 429 is not retried: it is RATE_LIMITED after one call', async () => {
    throttling.server.injectFault({ endpoint: PROFILE, status: 429, headers: { 'retry-after': '5' }, body: { detail: 'Request was throttled.' } });
    const result = await harness.client.request(PROFILE_QUERY('ws-429'));
    assert.deepEqual(errorCodes(result), ['RATE_LIMITED']);
    assert.equal(throttling.server.callCount(PROFILE), 1);
  });
});

describe('writes are never retried', () => {
  test('a write that meets a 503 fails after exactly one call', async () => {
    harness.webshare.server.injectFault({ endpoint: CREATE_SUB_USER, status: 503, body: { detail: 'Service unavailable.' }, times: 1 });
    const result = await harness.client.request(`mutation { createSubUser(input: { accountId: "ws", label: "retry-503" }) { id } }`);
    assert.deepEqual(errorCodes(result), ['PROVIDER_UNAVAILABLE']);
    assert.equal(harness.webshare.server.callCount(CREATE_SUB_USER), 1);
  });

  test('a write whose connection dropped after sending is reported as one that may have happened', async () => {
    harness.webshare.server.injectFault({ endpoint: CREATE_SUB_USER, kind: 'reset', times: 1 });
    const result = await harness.client.request(`mutation { createSubUser(input: { accountId: "ws", label: "retry-reset" }) { id } }`);
    assert.deepEqual(errorCodes(result), ['PROVIDER_UNAVAILABLE']);
    assert.equal(result.errors[0].extensions?.mayHaveApplied, true);
    assert.equal(harness.webshare.server.callCount(CREATE_SUB_USER), 1);
  });
});

describe('retries respect the call deadline', () => {
  test('a read that hangs until its deadline is not retried after it', async () => {
    harness.webshare.server.injectFault({ endpoint: PROFILE, kind: 'hang', times: 3 });
    const result = await harness.client.request(PROFILE_QUERY('ws-fast'));
    assert.deepEqual(errorCodes(result), ['PROVIDER_UNAVAILABLE']);
    assert.equal(harness.webshare.server.callCount(PROFILE), 1);
  });

  test('backoff grows exponentially with jitter and is capped', () => {
    const low = new RetryPolicy({ random: () => 0 });
    const high = new RetryPolicy({ random: () => 1 });
    assert.deepEqual(
      [0, 1, 2].map((retry) => low.backoffMs(retry)),
      [50, 100, 200],
    );
    assert.deepEqual(
      [0, 1, 2].map((retry) => high.backoffMs(retry)),
      [100, 200, 400],
    );
    assert.equal(high.backoffMs(10), 1_000);
  });
});
