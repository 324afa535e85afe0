/**
 * The read cache shared by two ProxyGraph replicas through Redis (the local Redis at REDIS_URL, a unique key
 * prefix per run, keys deleted after): a hot read costs one upstream call for both, a write through one
 * replica is seen at once through the other, a stale entry is refreshed once for both, and what Redis holds
 * is sealed (no token, password or plain provider answer in it).
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { startTestProxyGraph } from '../support/proxygraph';
import { GraphQLTestClient } from '../support/graphql-client';
import { webshareGet } from '../support/webshare-api';
import type { RunningProxyGraph } from '../../src/app';
import { startWebshareSimulator, type WebshareSimulator } from '../../src/simulators/webshare';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const keyPrefix = `pgtest:read-cache:${randomUUID().slice(0, 8)}:`;
const PROFILE = 'GET /api/v2/profile/';
const PROXY_LIST = 'GET /api/v2/proxy/list/';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let redis: Redis;
let webshare: WebshareSimulator;
const servers: RunningProxyGraph[] = [];
let clients: GraphQLTestClient[];

before(async () => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  webshare = await startWebshareSimulator({ seed: 11, rateLimits: false });
  const accounts = [
    { id: 'ws', provider: 'webshare' as const, baseUrl: webshare.origin, credentials: { token: webshare.credentials.token } },
    {
      id: 'ws-short',
      provider: 'webshare' as const,
      baseUrl: webshare.origin,
      credentials: { token: webshare.credentials.token },
      cache: { ttlSecondsByGroup: { profile: 1 } },
    },
  ];
  servers.push(
    ...(await Promise.all([0, 1].map(() => startTestProxyGraph(accounts, { redis: { url: REDIS_URL, keyPrefix }, server: { cache: { enabled: true } } })))),
  );
  clients = servers.map((server) => new GraphQLTestClient(server.url));
});
after(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await webshare?.stop();
  const keys = await redis.keys(`${keyPrefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});
beforeEach(() => webshare.server.resetCalls());

describe('two replicas, one cache', () => {
  test('a read kept by one replica is served by the other: 20 queries through both cost one upstream call', async () => {
    const query = '{ account(id: "ws") { profile { email } plan { name } } }';
    await clients[0].data(query);
    const results = await Promise.all(Array.from({ length: 20 }, (_, index) => clients[index % 2].request(query)));
    for (const result of results) {
      assert.deepEqual(result.errors, []);
      assert.match(result.headers.get('x-proxygraph-cache') ?? '', /miss=0/);
    }
    assert.equal(webshare.server.callCount(PROFILE), 1);
  });

  test('a write through one replica is seen at once through the other', async () => {
    const ips = async (client: GraphQLTestClient) =>
      (
        await client.data<{ account: { ipAuthorizations: Array<{ ip: string }> } }, unknown>('{ account(id: "ws") { ipAuthorizations { ip } } }')
      ).account.ipAuthorizations.map((entry) => entry.ip);
    assert.ok(!(await ips(clients[0])).includes('31.14.15.90'));
    const written = await clients[1].data<{ authorizeIp: Array<{ ok: boolean }> }, unknown>(
      'mutation { authorizeIp(input: { ip: "31.14.15.90", accountIds: ["ws"] }) { ok } }',
    );
    assert.equal(written.authorizeIp[0].ok, true);
    assert.ok((await ips(clients[0])).includes('31.14.15.90'));
  });

  test('a stale entry is refreshed by one background call for both replicas', async () => {
    const query = '{ account(id: "ws-short") { profile { email } } }';
    await clients[0].data(query);
    await sleep(1_200);
    webshare.server.resetCalls();
    const results = await Promise.all(Array.from({ length: 10 }, (_, index) => clients[index % 2].request(query)));
    // Stale until the refresh lands, then fresh; never a miss, and one refresh for both replicas.
    const served = results.map((result) => result.headers.get('x-proxygraph-cache') ?? '');
    for (const header of served) assert.match(header, /miss=0/);
    assert.ok(served.some((header) => /stale=1/.test(header)));
    await sleep(300);
    assert.equal(webshare.server.callCount(PROFILE), 1);
  });

  test('Redis holds no token, no proxy password and no plain provider answer', async () => {
    await clients[0].data('{ account(id: "ws") { proxies(first: 5) { edges { node { id host } } } } }');
    assert.equal(webshare.server.callCount(PROXY_LIST), 1);
    const page = await webshareGet<{ results: Array<{ password: string; username: string }> }>(webshare, '/api/v2/proxy/list/?mode=direct&page_size=5');
    const keys = await redis.keys(`${keyPrefix}cache:entry:*`);
    assert.ok(keys.length >= 3);
    const values = (await redis.mget(...keys)).filter((value): value is string => value !== null);
    for (const value of values) {
      assert.ok(!value.includes(webshare.credentials.token));
      assert.ok(!value.includes(page.results[0].password));
      assert.ok(!value.includes(page.results[0].username));
      assert.ok(!value.includes('"results"'));
    }
    // Key names carry account and group, never the path or query of the read.
    for (const key of keys) assert.ok(!key.includes('/api/'));
  });
});
