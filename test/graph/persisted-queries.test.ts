/**
 * Automatic persisted queries: a client sends only the query's sha256 once the query is registered. With
 * Redis configured, the registry is shared: a query registered through one replica runs by hash on another.
 * Uses the local Redis at 127.0.0.1:6379 (started by CI), under a key prefix unique to this run.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { startHarness, type Harness } from '../support/harness';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const QUERY = '{ accounts { id provider } }';
const HASH = createHash('sha256').update(QUERY).digest('hex');

async function post(url: string, body: unknown): Promise<{ data?: unknown; errors?: Array<{ extensions?: { code?: string } }> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return response.json() as Promise<{ data?: unknown; errors?: Array<{ extensions?: { code?: string } }> }>;
}

const byHash = { extensions: { persistedQuery: { version: 1, sha256Hash: HASH } } };
const withQuery = { query: QUERY, ...byHash };

async function cacheHits(harness: Harness): Promise<number> {
  const text = await (await fetch(`${harness.proxygraph.opsUrl}/metrics`)).text();
  return Number(/proxygraph_cache_requests_total\{cache="apq",result="hit"\} (\d+)/.exec(text)?.[1] ?? 0);
}

describe('automatic persisted queries in memory', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(() => harness?.stop());

  test('an unknown hash is PERSISTED_QUERY_NOT_FOUND; after registering, the hash alone runs the query and counts a cache hit', async () => {
    const unknown = await post(harness.proxygraph.url, byHash);
    assert.equal(unknown.errors?.[0].extensions?.code, 'PERSISTED_QUERY_NOT_FOUND');
    const registered = await post(harness.proxygraph.url, withQuery);
    assert.equal(registered.errors, undefined);
    const hitsBefore = await cacheHits(harness);
    const again = await post(harness.proxygraph.url, byHash);
    assert.deepEqual(again.data, registered.data);
    assert.equal(await cacheHits(harness), hitsBefore + 1);
  });
});

describe('automatic persisted queries shared through Redis', () => {
  const keyPrefix = `pgtest:${randomUUID().slice(0, 8)}:`;
  let first: Harness;
  let second: Harness;
  let redis: Redis;
  before(async () => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    first = await startHarness({ redis: { url: REDIS_URL, keyPrefix } });
    second = await startHarness({ redis: { url: REDIS_URL, keyPrefix } });
  });
  after(async () => {
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await first?.stop();
    await second?.stop();
  });

  test('a query registered on one server runs by hash on another server sharing the Redis', async () => {
    assert.equal((await post(second.proxygraph.url, byHash)).errors?.[0].extensions?.code, 'PERSISTED_QUERY_NOT_FOUND');
    const registered = await post(first.proxygraph.url, withQuery);
    assert.equal(registered.errors, undefined);
    const onSecond = await post(second.proxygraph.url, byHash);
    assert.equal(onSecond.errors, undefined);
    assert.ok(Array.isArray((onSecond.data as { accounts: unknown[] }).accounts));
    assert.ok((await redis.keys(`${keyPrefix}cache:apq:*`)).length >= 1);
  });
});
