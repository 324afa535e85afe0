/**
 * Bounded requests (issue 11, items 3 and 8): a request's upstream calls are bounded before execution (the
 * estimate) and during it (the allowance); an account's rate budget is shared fairly between principals;
 * one deadline covers the whole request; a request whose client has gone makes no new upstream call.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { startPingHarness, PING, PING_ACCOUNT_ID, type PingHarness } from '../support/pingproxies-harness';
import { startProxyMeshHarness, PROXYMESH_ACCOUNT_ID, type ProxyMeshHarness } from '../support/proxymesh-harness';
import { startEstateHarness, type EstateHarness } from '../support/estate-harness';
import { errorCodes, GraphQLTestClient } from '../support/graphql-client';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** `count` aliases of an account's sub-user count, each with its own window so no two calls are alike. */
function subUserCounts(count: number, firstOffset = 0): string {
  return `{ ${Array.from({ length: count }, (_, index) => `a${index}: account(id: "${PING_ACCOUNT_ID}") { subUsers(first: ${firstOffset + index + 1}) { totalCount } }`).join(' ')} }`;
}

describe('the upstream-call estimate refuses an operation before execution', () => {
  let harness: PingHarness;
  before(async () => {
    harness = await startPingHarness({ simulator: { rateLimit: false }, server: { server: { limits: { maxUpstreamCallsPerRequest: 10 } } } });
  });
  after(() => harness?.stop());

  test('eleven aliased sub-user counts are over an allowance of ten: refused as a validation error, no call made', async () => {
    harness.ping.server.resetCalls();
    const result = await harness.client.request(subUserCounts(11));
    assert.equal(result.data, undefined);
    assert.deepEqual(errorCodes(result), ['GRAPHQL_VALIDATION_FAILED']);
    assert.equal(harness.ping.server.calls.length, 0);
  });

  test('ten fit, and answer', async () => {
    const result = await harness.client.request(subUserCounts(10));
    assert.deepEqual(result.errors, []);
  });

  test('fields reached through named and inline fragments count too', async () => {
    harness.ping.server.resetCalls();
    const fields = Array.from({ length: 11 }, (_, index) => `s${index}: subUsers(first: ${index + 1}) { totalCount }`).join(' ');
    const result = await harness.client.request(
      `{ account(id: "${PING_ACCOUNT_ID}") { ...Counts } } fragment Counts on Account { ... on Account { ${fields} } }`,
    );
    assert.deepEqual(errorCodes(result), ['GRAPHQL_VALIDATION_FAILED']);
    assert.equal(harness.ping.server.calls.length, 0);
  });

  test('a field that fans out over accounts counts once, so usage across accounts fits', async () => {
    const result = await harness.client.request('{ usage { accounts { account { id } } } accounts { plan { name } usage { bandwidthUsedBytes } } }');
    assert.deepEqual(result.errors, []);
  });
});

describe('the per-request allowance stops what the estimate cannot see', () => {
  let harness: ProxyMeshHarness;
  before(async () => {
    harness = await startProxyMeshHarness({ server: { limits: { maxUpstreamCallsPerRequest: 3 } } });
    // Four sub-accounts: ProxyMesh reads each with its own call when they are listed.
    for (const username of ['bound1', 'bound2', 'bound3', 'bound4']) {
      await harness.client.data(
        `mutation { createSubUser(input: { accountId: "${PROXYMESH_ACCOUNT_ID}", username: "${username}", password: "pw-${username}" }) { id } }`,
      );
    }
  });
  after(() => harness?.stop());

  test('listing four sub-accounts with an allowance of three makes three calls and answers BAD_USER_INPUT', async () => {
    harness.proxymesh.server.resetCalls();
    const result = await harness.client.request(`{ account(id: "${PROXYMESH_ACCOUNT_ID}") { subUsers(first: 10) { edges { node { username } } } } }`);
    assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT']);
    assert.equal(harness.proxymesh.server.calls.length, 3);
  });
});

describe("an account's rate budget is fair between principals", () => {
  const GREEDY = 'greedy-key-0123456789abcdef';
  const OTHER = 'other-key-0123456789abcdef';
  let harness: PingHarness;
  before(async () => {
    harness = await startPingHarness({
      // ProxyGraph's own budget (9 per 1.1 s) paces the calls; the simulator's limit is off so that a stall of
      // this busy test process (simulator and server share it) cannot bunch arrivals into a 429 that would
      // close the budget for everyone and hide what is being tested: the order in which slots go.
      simulator: { rateLimit: false },
      server: {
        auth: {
          mode: 'apiKeys',
          keys: [
            { name: 'greedy', sha256: sha256(GREEDY), scopes: ['read'], accounts: ['*'] },
            { name: 'other', sha256: sha256(OTHER), scopes: ['read'], accounts: ['*'] },
          ],
        },
      },
    });
  });
  after(() => harness?.stop());

  test("one client's burst of 45 calls does not make another client wait behind all of it", async () => {
    harness.ping.server.resetCalls();
    const greedy = new GraphQLTestClient(harness.proxygraph.url, { authorization: `Bearer ${GREEDY}` });
    const other = new GraphQLTestClient(harness.proxygraph.url, { authorization: `Bearer ${OTHER}` });
    const bursts = [0, 15, 30].map((offset) => greedy.request(subUserCounts(15, offset)));
    // Let the burst take the budget first.
    await sleep(300);
    const otherResult = await other.request(`{ account(id: "${PING_ACCOUNT_ID}") { profile { email } } }`);
    await Promise.all(bursts);
    assert.deepEqual(otherResult.errors, []);
    const calls = harness.ping.server.calls;
    const otherIndex = calls.findIndex((call) => call.endpoint === PING.customer);
    const burstCalls = calls.filter((call) => call.endpoint === PING.userSearch).length;
    assert.equal(burstCalls, 45);
    // Without fairness the other client's call went out after all 45 (slots are handed out in order).
    assert.ok(otherIndex >= 0 && otherIndex < 20, `the other client's call was number ${otherIndex + 1} of ${calls.length}`);
  });
});

describe('one deadline per request', () => {
  let estate: EstateHarness;
  before(async () => {
    estate = await startEstateHarness({ server: { server: { limits: { requestTimeoutMs: 800 } } } });
  });
  afterEach(() => {
    for (const simulator of Object.values(estate.simulators)) {
      simulator.server.clearFaults();
      simulator.server.knobs.latencyMs = 0;
    }
  });
  after(() => estate?.stop());

  test('a cross-account page with two hanging providers answers at the request deadline, and the second one is never called', async () => {
    estate.simulators.webshare.server.injectFault({ endpoint: /proxy\/list/, kind: 'hang' });
    estate.simulators.wonderproxy.server.injectFault({ kind: 'hang' });
    estate.simulators.wonderproxy.server.resetCalls();
    const result = await estate.client.request('{ proxies(first: 50) { edges { node { id } } } }');
    assert.ok(errorCodes(result).length >= 1);
    assert.ok(
      errorCodes(result).every((code) => code === 'PROVIDER_UNAVAILABLE'),
      JSON.stringify(result.errors),
    );
    assert.equal(estate.simulators.wonderproxy.server.calls.length, 0);
  });

  test('authorizeIp against a slow provider stops at the request deadline instead of making every call', async () => {
    const ping = estate.simulators.pingproxies.server;
    ping.knobs.latencyMs = 300;
    ping.resetCalls();
    const result = await estate.client.request('mutation { authorizeIp(input: { ip: "198.51.100.230", accountIds: ["ping"] }) { ok error { code } } }');
    const [outcome] = (result.data as { authorizeIp: Array<{ ok: boolean; error: { code: string } | null }> }).authorizeIp;
    assert.equal(outcome.ok, false);
    assert.equal(outcome.error?.code, 'PROVIDER_UNAVAILABLE');
    // Lookup, read, edit and verify take four calls of 300 ms; the 800 ms deadline leaves room for three at most.
    await sleep(400);
    assert.ok(ping.calls.length <= 3, `${ping.calls.length} calls`);
  });
});

describe('a request whose client has gone', () => {
  let harness: PingHarness;
  before(async () => {
    harness = await startPingHarness({ simulator: { rateLimit: false, latencyMs: 300 } });
  });
  after(() => harness?.stop());

  test('makes no new upstream call once the client disconnects', async () => {
    harness.ping.server.resetCalls();
    const abort = new AbortController();
    const pending = fetch(harness.proxygraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { authorizeIp(input: { ip: "198.51.100.231", accountIds: ["ping"] }) { ok } }' }),
      signal: abort.signal,
    }).catch(() => undefined);
    // The client leaves while the first call (the default proxy user lookup) is in flight.
    await sleep(150);
    abort.abort();
    await pending;
    // Long enough for the lookup, read, edit and verify (4 × 300 ms) had the request gone on.
    await sleep(1_500);
    assert.equal(harness.ping.server.calls.length, 1);
    assert.equal(harness.ping.server.callCount(PING.userEdit), 0);
  });
});
