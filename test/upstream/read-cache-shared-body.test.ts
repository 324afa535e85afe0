/**
 * An answer kept in this process's read cache is parsed once and shared by every later hit (issue 14: the
 * re-parse was a quarter of a warm page's CPU). Shared objects must never change under another request, so
 * the shared body is frozen; answers that are not kept (a miss, a read the cache does not keep) are parsed
 * afresh for each caller. With Redis each replica keeps the entries it opened, parsed, by their seal.
 * Through the gateway, against the Webshare simulator and the local Redis.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { UpstreamGateway, type AccountChannel } from '../../src/upstream/http';
import { MemoryReadCacheStore } from '../../src/upstream/read-cache-store';
import { RedisReadCacheStore } from '../../src/upstream/redis-read-cache-store';
import { WEBSHARE_CACHE_RULES } from '../../src/providers/webshare/cache';
import { webshareTarget } from '../../src/providers/webshare/client';
import { startWebshareSimulator, type WebshareSimulator } from '../../src/simulators/webshare';

interface ProxyPage {
  results: Array<{ id: string; username: string; valid: boolean }>;
}

const PROXY_LIST = { path: '/api/v2/proxy/list/', endpoint: 'GET /api/v2/proxy/list/', query: { mode: 'direct', page: 1, page_size: 25 } };
const ACTIVITY = { path: '/api/v2/proxy/activity/', endpoint: 'GET /api/v2/proxy/activity/' };

let simulator: WebshareSimulator;
let gateway: UpstreamGateway;
let channel: AccountChannel;

before(async () => {
  simulator = await startWebshareSimulator({ seed: 5, proxyCount: 50, rateLimits: false });
  gateway = new UpstreamGateway({ readCache: { store: new MemoryReadCacheStore(16 * 1024 * 1024), rules: { webshare: WEBSHARE_CACHE_RULES } } });
  channel = gateway.channel(webshareTarget('ws', simulator.credentials.token, simulator.origin));
});
after(async () => {
  await gateway?.close();
  await simulator?.stop();
});

describe('a kept answer is parsed once and frozen', () => {
  test('every hit reads the same parsed body, and nothing can change it', async () => {
    const missed = await channel.getJson<ProxyPage>(PROXY_LIST);
    const firstHit = await channel.getJson<ProxyPage>(PROXY_LIST);
    const secondHit = await channel.getJson<ProxyPage>(PROXY_LIST);
    assert.equal(simulator.server.callCount('GET /api/v2/proxy/list/'), 1);
    assert.deepEqual(firstHit, missed);
    assert.equal(secondHit, firstHit, 'the hits share one parsed body');
    assert.ok(Object.isFrozen(firstHit) && Object.isFrozen(firstHit.results) && Object.isFrozen(firstHit.results[0]));
    assert.throws(() => {
      firstHit.results[0].username = 'changed';
    }, TypeError);
    assert.throws(() => firstHit.results.pop(), TypeError);
    assert.deepEqual(await channel.getJson<ProxyPage>(PROXY_LIST), missed);
  });

  test('the answer of a miss belongs to its caller: it is neither shared nor frozen', async () => {
    const query = { ...PROXY_LIST, query: { ...PROXY_LIST.query, page: 2 } };
    const missed = await channel.getJson<ProxyPage>(query);
    assert.equal(Object.isFrozen(missed), false);
    missed.results[0].username = 'the caller may change its own copy';
    const hit = await channel.getJson<ProxyPage>(query);
    assert.notEqual(hit.results[0].username, 'the caller may change its own copy');
  });

  test('a read the cache does not keep is parsed afresh for each caller', async () => {
    const first = await channel.getJson<unknown>(ACTIVITY);
    const second = await channel.getJson<unknown>(ACTIVITY);
    assert.notEqual(second, first);
    assert.equal(Object.isFrozen(first), false);
  });
});

describe('with Redis, each replica keeps the entries it opened', () => {
  const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const keyPrefix = `pgtest:opened:${randomUUID().slice(0, 8)}:`;
  const IP_LIST = { path: '/api/v2/proxy/ipauthorization/', endpoint: 'GET /api/v2/proxy/ipauthorization/' };
  let redis: Redis;
  let replicas: UpstreamGateway[];
  let channels: AccountChannel[];

  before(() => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    replicas = [0, 1].map(
      () =>
        new UpstreamGateway({
          readCache: { store: new RedisReadCacheStore(redis, keyPrefix), rules: { webshare: WEBSHARE_CACHE_RULES }, openedEntriesMaxBytes: 8 * 1024 * 1024 },
        }),
    );
    channels = replicas.map((replica) => replica.channel(webshareTarget('ws', simulator.credentials.token, simulator.origin)));
  });
  after(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  test('later hits on an entry share its parsed body, and a write through the other replica still reaches them', async () => {
    const [writer, reader] = channels;
    type IpList = { results: Array<{ ip_address: string }> };
    await writer.getJson<IpList>(IP_LIST);
    const firstHit = await reader.getJson<IpList>(IP_LIST);
    const secondHit = await reader.getJson<IpList>(IP_LIST);
    assert.equal(simulator.server.callCount('GET /api/v2/proxy/ipauthorization/'), 1);
    assert.equal(secondHit, firstHit, 'the entry was opened and parsed once');
    assert.ok(Object.isFrozen(firstHit.results));
    assert.ok(replicas[1].readCache!.bytes() > 0, 'the opened entry counts in this replica');

    await writer.send({ method: 'POST', ...IP_LIST, endpoint: 'POST /api/v2/proxy/ipauthorization/', json: { ip_address: '203.0.113.77' } });
    const afterWrite = await reader.getJson<IpList>(IP_LIST);
    assert.equal(simulator.server.callCount('GET /api/v2/proxy/ipauthorization/'), 2);
    assert.ok(afterWrite.results.some((entry) => entry.ip_address === '203.0.113.77'));
    // The writer held the entry it kept before its write; Redis now holds the reader's refill, which it reads.
    const writerAfter = await writer.getJson<IpList>(IP_LIST);
    assert.equal(simulator.server.callCount('GET /api/v2/proxy/ipauthorization/'), 2);
    assert.deepEqual(writerAfter, afterWrite);
  });
});
