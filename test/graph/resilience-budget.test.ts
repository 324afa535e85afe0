/**
 * Webshare's rate budgets in one ProxyGraph (in-process): calls past the account's budget fail fast with
 * RATE_LIMITED instead of earning a 429; the proxy-list class has its own budget; a provider 429 closes the
 * account's budget until Retry-After (60 s when absent); a budget wait that would pass the call's deadline
 * fails fast.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestProxyGraph } from '../support/proxygraph';
import { GraphQLTestClient, errorCodes, type GraphQLResult } from '../support/graphql-client';
import type { AccountConfig } from '../../src/config/schema';
import type { RunningProxyGraph } from '../../src/app';
import { encodeGlobalId } from '../../src/domain/ids';
import { startWebshareSimulator, type WebshareSimulator } from '../../src/simulators/webshare';
import { InProcessBudgetStore } from '../../src/upstream/budget-store';
import { underLimit } from '../../src/upstream/rate-budget';
import { webshareBudgetClasses } from '../../src/providers/webshare/limits';

const COUNTRIES = ['US', 'DE', 'FR', 'GB', 'NL', 'JP', 'CA', 'IT'];

/** A distinct read per sub-user id (unknown ids read as null after one GET each). */
const subUserRead = (client: GraphQLTestClient, accountId: string, nativeId: string) =>
  client.request(`query($id: ID!) { subUser(id: $id) { id label } }`, { id: encodeGlobalId('SubUser', accountId, nativeId) });

const proxyListRead = (client: GraphQLTestClient, country: string) =>
  client.request(`{ account(id: "ws") { proxies(first: 5, filter: { countries: ["${country}"] }) { totalCount } } }`);

const limitedCount = (results: GraphQLResult<unknown>[]) => results.filter((result) => errorCodes(result).includes('RATE_LIMITED')).length;

let webshare: WebshareSimulator;
let proxygraph: RunningProxyGraph;
let client: GraphQLTestClient;

before(async () => {
  // The simulator enforces exactly the configured limits; the budgets keep 5 % under them.
  webshare = await startWebshareSimulator({ seed: 3, rateLimits: { generalPerMinute: 20, proxyListPerMinute: 5 } });
  const account = (id: string, limits?: AccountConfig['limits']): AccountConfig => ({
    id,
    provider: 'webshare',
    baseUrl: webshare.origin,
    credentials: { token: webshare.credentials.token },
    limits,
  });
  proxygraph = await startTestProxyGraph([account('ws', { requestsPerMinute: 20, proxyListRequestsPerMinute: 5 })]);
  client = new GraphQLTestClient(proxygraph.url);
});
after(async () => {
  await proxygraph?.stop();
  await webshare?.stop();
});

describe('Webshare budgets', () => {
  test("the default budgets keep under Webshare's limits: 228 general and 57 proxy-list per minute", () => {
    const classes = webshareBudgetClasses();
    assert.deepEqual(
      classes.slice(0, 2).map((budget) => [budget.name, budget.limit, budget.windowMs]),
      [
        ['general', 228, 60_000],
        ['proxy-list', 57, 60_000],
      ],
    );
    assert.equal(underLimit(20), 19);
  });

  test('past the configured general budget, reads fail fast with RATE_LIMITED and Webshare never answers 429', async () => {
    const results = await Promise.all(Array.from({ length: 25 }, (_, index) => subUserRead(client, 'ws', String(9_000 + index))));
    assert.equal(webshare.server.calls.length, 19);
    assert.equal(webshare.server.calls.filter((call) => call.status === 429).length, 0);
    assert.equal(limitedCount(results), 6);
    for (const result of results.filter((entry) => errorCodes(entry).length > 0)) {
      assert.deepEqual(errorCodes(result), ['RATE_LIMITED']);
      assert.ok(Number(result.errors[0].extensions?.retryAfterSeconds) >= 1);
    }
  });

  test('the in-process store hands out slots in order and refuses those too far away', async () => {
    let now = 0;
    const store = new InProcessBudgetStore(() => now);
    const window = [{ key: 'w', limit: 2, windowMs: 1_000 }];
    assert.deepEqual(await store.reserve('c', window, 5_000), { granted: true, waitMs: 0 });
    assert.deepEqual(await store.reserve('c', window, 5_000), { granted: true, waitMs: 0 });
    assert.deepEqual(await store.reserve('c', window, 5_000), { granted: true, waitMs: 1_000 });
    assert.deepEqual(await store.reserve('c', window, 500), { granted: false, retryAfterMs: 1_000, closed: false });
    now = 1_500;
    await store.close('c', 2_000);
    assert.deepEqual(await store.reserve('c', window, 5_000), { granted: false, retryAfterMs: 2_000, closed: true });
  });
});

describe('the Webshare proxy-list budget', () => {
  let list: WebshareSimulator;
  let server: RunningProxyGraph;
  let listClient: GraphQLTestClient;
  before(async () => {
    list = await startWebshareSimulator({ seed: 4, rateLimits: { generalPerMinute: 240, proxyListPerMinute: 5 } });
    server = await startTestProxyGraph([
      { id: 'ws', provider: 'webshare', baseUrl: list.origin, credentials: { token: list.credentials.token }, limits: { proxyListRequestsPerMinute: 5 } },
    ]);
    listClient = new GraphQLTestClient(server.url);
  });
  after(async () => {
    await server?.stop();
    await list?.stop();
  });

  test('proxy-list reads past their own budget fail fast while other reads still go out', async () => {
    const results = await Promise.all(COUNTRIES.slice(0, 6).map((country) => proxyListRead(listClient, country)));
    assert.equal(list.server.callCount('GET /api/v2/proxy/list/'), 4);
    assert.equal(limitedCount(results), 2);
    const profile = await listClient.request('{ account(id: "ws") { profile { email } } }');
    assert.deepEqual(profile.errors, []);
    assert.equal(list.server.calls.filter((call) => call.status === 429).length, 0);
  });
});

describe('a provider 429 closes the budget of its API key', () => {
  let keyA: WebshareSimulator;
  let keyB: WebshareSimulator;
  let server: RunningProxyGraph;
  let closingClient: GraphQLTestClient;
  before(async () => {
    keyA = await startWebshareSimulator({ seed: 6, rateLimits: false, token: 'api-key-a-0123456789' });
    keyB = await startWebshareSimulator({ seed: 7, rateLimits: false, token: 'api-key-b-0123456789' });
    const entry = (id: string, simulator: WebshareSimulator): AccountConfig => ({
      id,
      provider: 'webshare',
      baseUrl: simulator.origin,
      credentials: { token: simulator.credentials.token },
    });
    // a and a-plan2 are two entries (plans) of one API key; b is another key.
    server = await startTestProxyGraph([entry('a', keyA), entry('a-plan2', keyA), entry('b', keyB)]);
    closingClient = new GraphQLTestClient(server.url);
  });
  after(async () => {
    await server?.stop();
    await keyA?.stop();
    await keyB?.stop();
  });

  test('without Retry-After the budget closes for 60 s: the next calls on that key fail fast with no upstream call', async () => {
    keyA.server.injectFault({ endpoint: 'GET /api/v2/subuser/:id/', status: 429, body: { detail: 'Request was throttled.' }, times: 1 });
    const limited = await subUserRead(closingClient, 'a', '77');
    assert.deepEqual(errorCodes(limited), ['RATE_LIMITED']);
    assert.equal(limited.errors[0].extensions?.retryAfterSeconds, 60);
    keyA.server.resetCalls();
    for (const accountId of ['a', 'a-plan2']) {
      const next = await closingClient.request(`{ account(id: "${accountId}") { profile { email } } }`);
      assert.deepEqual(errorCodes(next), ['RATE_LIMITED']);
      assert.equal(next.errors[0].extensions?.accountId, accountId);
      assert.ok(Number(next.errors[0].extensions?.retryAfterSeconds) > 50);
    }
    assert.equal(keyA.server.calls.length, 0);
    const other = await closingClient.request('{ account(id: "b") { profile { email } } }');
    assert.deepEqual(other.errors, []);
  });
});

describe('budget waits respect the call deadline', () => {
  let slow: WebshareSimulator;
  let server: RunningProxyGraph;
  let slowClient: GraphQLTestClient;
  before(async () => {
    slow = await startWebshareSimulator({ seed: 5, rateLimits: false });
    server = await startTestProxyGraph([
      // Budget of 1/min; a call may wait up to 25 s for a slot, but its deadline is 2 s.
      {
        id: 'ws',
        provider: 'webshare',
        baseUrl: slow.origin,
        credentials: { token: slow.credentials.token },
        limits: { requestsPerMinute: 2, maxRateLimitWaitMs: 25_000, timeoutMs: 2_000 },
      },
    ]);
    slowClient = new GraphQLTestClient(server.url);
  });
  after(async () => {
    await server?.stop();
    await slow?.stop();
  });

  test('a call whose slot is past its deadline fails fast with RATE_LIMITED instead of waiting', async () => {
    assert.deepEqual((await subUserRead(slowClient, 'ws', '1')).errors, []);
    const second = await subUserRead(slowClient, 'ws', '2');
    assert.deepEqual(errorCodes(second), ['RATE_LIMITED']);
    assert.ok(Number(second.errors[0].extensions?.retryAfterSeconds) > 50);
    assert.equal(slow.server.calls.length, 1);
  });
});
