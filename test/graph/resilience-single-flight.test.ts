/**
 * Single-flight: identical reads in flight at the same time, from different GraphQL requests, share one
 * upstream call; different accounts, later reads and writes never share.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../support/harness';
import { errorCodes } from '../support/graphql-client';

const OVERVIEW = (accountId: string) => `{ account(id: "${accountId}") { profile { email } plan { name } } }`;
const OVERVIEW_ENDPOINTS = ['GET /api/v2/profile/', 'GET /api/v2/subscription/', 'GET /api/v2/subscription/plan/:id/'];

let harness: Harness;

before(async () => {
  harness = await startHarness({
    // Long enough that all concurrent requests of a test reach the server while the first read is in flight, even on a loaded machine.
    webshare: { latencyMs: 500 },
    extraAccounts: (webshare) => [{ id: 'ws-twin', provider: 'webshare', baseUrl: webshare.origin, credentials: { token: webshare.credentials.token } }],
  });
});
after(async () => {
  await harness?.stop();
});
beforeEach(() => {
  harness.webshare.server.resetCalls();
  harness.webshare.server.clearFaults();
});

const countsByEndpoint = () => {
  const counts: Record<string, number> = {};
  for (const call of harness.webshare.server.calls) counts[call.endpoint] = (counts[call.endpoint] ?? 0) + 1;
  return counts;
};

describe('identical concurrent reads share one upstream call', () => {
  test('10 concurrent identical queries from different HTTP requests make one call per distinct read', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => harness.client.request(OVERVIEW('ws'))));
    for (const result of results) assert.deepEqual(result.errors, []);
    const emails = new Set(results.map((result) => JSON.stringify(result.data)));
    assert.equal(emails.size, 1);
    assert.deepEqual(countsByEndpoint(), Object.fromEntries(OVERVIEW_ENDPOINTS.map((endpoint) => [endpoint, 1])));
  });

  test('every caller sharing a failed read gets the error, and the read was tried (with retries) once', async () => {
    harness.webshare.server.injectFault({ endpoint: 'GET /api/v2/profile/', status: 503, body: { detail: 'Service unavailable.' } });
    const results = await Promise.all(Array.from({ length: 5 }, () => harness.client.request('{ account(id: "ws") { profile { email } } }')));
    for (const result of results) assert.deepEqual(errorCodes(result), ['PROVIDER_UNAVAILABLE']);
    assert.equal(harness.webshare.server.callCount('GET /api/v2/profile/'), 3);
  });

  test('the same read on two accounts is not shared', async () => {
    await Promise.all([harness.client.request(OVERVIEW('ws')), harness.client.request(OVERVIEW('ws-twin'))]);
    assert.deepEqual(countsByEndpoint(), Object.fromEntries(OVERVIEW_ENDPOINTS.map((endpoint) => [endpoint, 2])));
  });

  test('a read made after the previous one finished makes its own call (no caching)', async () => {
    await harness.client.data(OVERVIEW('ws'));
    await harness.client.data(OVERVIEW('ws'));
    assert.deepEqual(countsByEndpoint(), Object.fromEntries(OVERVIEW_ENDPOINTS.map((endpoint) => [endpoint, 2])));
  });

  test('identical concurrent writes each make their own call', async () => {
    const mutation = 'mutation { updateProxyCredentials(accountId: "ws", input: { password: "singleflight99" }) { id } }';
    const results = await Promise.all(Array.from({ length: 3 }, () => harness.client.request(mutation)));
    for (const result of results) assert.deepEqual(result.errors, []);
    assert.equal(harness.webshare.server.callCount('PATCH /api/v2/proxy/config/'), 3);
  });
});
