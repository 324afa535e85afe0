/**
 * The read cache (src/upstream/read-cache.ts), through GraphQL over HTTP against the Webshare simulator:
 * repeated reads cost one upstream call per TTL, a write is never followed by a stale read, mutations decide
 * on what the provider holds now, `Cache-Control: no-cache` reads fresh, stale entries are refreshed once in
 * the background, and responses and /metrics say what was served.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../support/harness';
import { webshareGet } from '../support/webshare-api';

const PROFILE = 'GET /api/v2/profile/';
const PROFILE_QUERY = '{ account(id: "ws") { profile { email } } }';
const IPS_QUERY = '{ account(id: "ws") { ipAuthorizations { ip } } }';
const AUTHORIZE = 'mutation($ip: String!) { authorizeIp(input: { ip: $ip, accountIds: ["ws"] }) { ok alreadyDone error { code } } }';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let harness: Harness;
const ipsNow = async () =>
  (await harness.client.data<{ account: { ipAuthorizations: Array<{ ip: string }> } }, unknown>(IPS_QUERY)).account.ipAuthorizations.map((entry) => entry.ip);

before(async () => {
  harness = await startHarness({
    server: { cache: { enabled: true } },
    extraAccounts: (webshare) => [
      // The same Webshare account, configured with its cache off and with a one-second profile TTL.
      { id: 'ws-uncached', provider: 'webshare', baseUrl: webshare.origin, credentials: { token: webshare.credentials.token }, cache: { enabled: false } },
      {
        id: 'ws-short',
        provider: 'webshare',
        baseUrl: webshare.origin,
        credentials: { token: webshare.credentials.token },
        cache: { ttlSecondsByGroup: { profile: 1 } },
      },
    ],
  });
});
after(() => harness?.stop());
beforeEach(() => harness.webshare.server.resetCalls());

describe('reads are kept for their TTL', () => {
  test('the same read asked again within its TTL costs no second upstream call, and the response says it was a hit', async () => {
    await harness.client.data(PROFILE_QUERY);
    const again = await harness.client.request(PROFILE_QUERY);
    assert.deepEqual(again.errors, []);
    assert.equal(harness.webshare.server.callCount(PROFILE), 1);
    assert.match(again.headers.get('x-proxygraph-cache') ?? '', /hit=1/);
    assert.ok(Number(again.headers.get('age')) >= 0);
  });

  test('an account with its cache turned off reaches the provider every time', async () => {
    const query = '{ account(id: "ws-uncached") { profile { email } } }';
    await harness.client.data(query);
    const again = await harness.client.request(query);
    assert.equal(harness.webshare.server.callCount(PROFILE), 2);
    assert.equal(again.headers.get('x-proxygraph-cache'), null);
  });

  test('Cache-Control: no-cache on a request reads fresh and refills the entry for the next one', async () => {
    await harness.client.data(PROFILE_QUERY);
    const fresh = await harness.client.withHeaders({ 'cache-control': 'no-cache' }).request(PROFILE_QUERY);
    assert.match(fresh.headers.get('x-proxygraph-cache') ?? '', /bypass=1/);
    assert.equal(fresh.headers.get('age'), null);
    await harness.client.data(PROFILE_QUERY);
    assert.equal(harness.webshare.server.callCount(PROFILE), 1);
  });

  test('past its TTL an entry is served stale while exactly one background call refreshes it', async () => {
    const query = '{ account(id: "ws-short") { profile { email } } }';
    await harness.client.data(query);
    await sleep(1_200);
    harness.webshare.server.resetCalls();
    const results = await Promise.all(Array.from({ length: 10 }, () => harness.client.request(query)));
    // Served from the cache every time: stale until the refresh lands, then fresh; never a miss.
    const served = results.map((result) => result.headers.get('x-proxygraph-cache') ?? '');
    for (const result of results) assert.deepEqual(result.errors, []);
    for (const header of served) assert.match(header, /miss=0/);
    assert.ok(served.some((header) => /stale=1/.test(header)));
    // The refresh runs after the answers; wait for it, then the entry is fresh again.
    for (let waited = 0; harness.webshare.server.callCount(PROFILE) === 0 && waited < 2_000; waited += 20) await sleep(20);
    const next = await harness.client.request(query);
    assert.match(next.headers.get('x-proxygraph-cache') ?? '', /hit=1/);
    assert.equal(harness.webshare.server.callCount(PROFILE), 1);
  });
});

describe("answers served from the cache are the provider's", () => {
  const PAGE_QUERY = `{ account(id: "ws") { proxies(first: 20) { edges { node {
    id host username password ports { http socks5 } country city status providerStatus lastCheckedAt createdAt
  } } } } }`;

  test('every hit on a kept page answers exactly what the first read mapped, however many requests share it', async () => {
    // Read fresh (and kept), so the count below does not depend on what earlier tests left in the cache.
    const first = await harness.client.withHeaders({ 'cache-control': 'no-cache' }).request(PAGE_QUERY);
    assert.deepEqual(first.errors, []);
    // Concurrent and repeated hits read the one kept answer; none may see another's changes to it.
    const hits = await Promise.all(Array.from({ length: 8 }, () => harness.client.request(PAGE_QUERY)));
    const later = await harness.client.request(PAGE_QUERY);
    for (const hit of [...hits, later]) {
      assert.deepEqual(hit.errors, []);
      assert.match(hit.headers.get('x-proxygraph-cache') ?? '', /hit=1/);
      assert.deepEqual(hit.data, first.data);
    }
    assert.equal(harness.webshare.server.callCount('GET /api/v2/proxy/list/'), 1);
    const edges = (first.data as { account: { proxies: { edges: unknown[] } } }).account.proxies.edges;
    assert.equal(edges.length, 20);
  });

  test('a kept page read with another selection maps the same proxies', async () => {
    const full = await harness.client.request(PAGE_QUERY);
    const narrow = await harness.client.request('{ account(id: "ws") { proxies(first: 20) { edges { node { id status } } } } }');
    assert.match(narrow.headers.get('x-proxygraph-cache') ?? '', /hit=1/);
    type Page = { account: { proxies: { edges: Array<{ node: { id: string; status: string } }> } } };
    assert.deepEqual(
      (narrow.data as Page).account.proxies.edges.map((edge) => edge.node),
      (full.data as Page).account.proxies.edges.map((edge) => ({ id: edge.node.id, status: edge.node.status })),
    );
  });
});

describe('writes and the cache', () => {
  test('a write invalidates what it changes: the list read right after shows it, and other groups stay kept', async () => {
    await harness.client.data(PROFILE_QUERY);
    const before = await ipsNow();
    const authorized = await harness.client.data<{ authorizeIp: Array<{ ok: boolean }> }, unknown>(AUTHORIZE, { ip: '31.14.15.77' });
    assert.equal(authorized.authorizeIp[0].ok, true);
    const after = await ipsNow();
    assert.deepEqual(
      after.filter((ip) => !before.includes(ip)),
      ['31.14.15.77'],
    );
    harness.webshare.server.resetCalls();
    await harness.client.data(PROFILE_QUERY);
    assert.equal(harness.webshare.server.callCount(PROFILE), 0);
  });

  test('a mutation decides on what the provider holds now: an IP removed outside ProxyGraph is authorized again, not reported already done', async () => {
    await harness.client.data(AUTHORIZE, { ip: '31.14.15.78' });
    assert.ok((await ipsNow()).includes('31.14.15.78'));
    // Someone removes it in Webshare's dashboard; ProxyGraph's kept list still has it.
    const upstream = await webshareGet<{ results: Array<{ id: number; ip_address: string }> }>(harness.webshare, '/api/v2/proxy/ipauthorization/');
    const entry = upstream.results.find((candidate) => candidate.ip_address === '31.14.15.78')!;
    const removed = await fetch(`${harness.webshare.origin}/api/v2/proxy/ipauthorization/${entry.id}/`, {
      method: 'DELETE',
      headers: { authorization: `Token ${harness.webshare.credentials.token}` },
    });
    assert.equal(removed.status, 204);
    assert.ok((await ipsNow()).includes('31.14.15.78'), 'the kept list is served within its TTL');
    harness.webshare.server.resetCalls();
    const again = await harness.client.data<{ authorizeIp: Array<{ ok: boolean; alreadyDone: boolean }> }, unknown>(AUTHORIZE, { ip: '31.14.15.78' });
    assert.deepEqual(again.authorizeIp[0], { ok: true, alreadyDone: false, error: null });
    assert.equal(harness.webshare.server.callCount('POST /api/v2/proxy/ipauthorization/'), 1);
    assert.ok((await ipsNow()).includes('31.14.15.78'));
  });
});

describe('what the cache did shows in /metrics', () => {
  test('hits, misses and invalidations are counted per provider and account', async () => {
    await harness.client.data(PROFILE_QUERY);
    await harness.client.data(PROFILE_QUERY);
    const metrics = await (await fetch(`${harness.proxygraph.opsUrl}/metrics`)).text();
    const count = (result: string) =>
      Number(new RegExp(`proxygraph_upstream_cache_total\\{provider="webshare",account_id="ws",result="${result}"\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
    assert.ok(count('hit') >= 1);
    assert.ok(count('miss') >= 1);
    assert.ok(count('invalidated') >= 1);
    assert.match(metrics, /proxygraph_cache_bytes\{cache="upstream"\} [1-9]/);
  });
});
