/**
 * The Redis building blocks on their own, against the local Redis (unique key prefix, keys deleted after):
 * the shared lock admits one holder at a time across instances and always releases; the shared budget
 * hands out slots in order, refuses those too far away, and honours a closure.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { RedisKeyedLock } from '../../src/state/redis-keyed-lock';
import { RedisBudgetStore } from '../../src/upstream/redis-budget-store';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const keyPrefix = `pgtest:resilience-units:${randomUUID().slice(0, 8)}:`;

let first: Redis;
let second: Redis;

before(() => {
  first = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  second = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
});
after(async () => {
  const keys = await first.keys(`${keyPrefix}*`);
  if (keys.length) await first.del(...keys);
  first.disconnect();
  second.disconnect();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RedisKeyedLock', () => {
  test('holders on two instances (two replicas) of one key never overlap, and the key is gone afterwards', async () => {
    const locks = [new RedisKeyedLock(first, keyPrefix, { pollMs: 5 }), new RedisKeyedLock(second, keyPrefix, { pollMs: 5 })];
    let active = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        locks[index % 2].withLock('proxy_user:1', async () => {
          active += 1;
          most = Math.max(most, active);
          await sleep(3);
          order.push(index);
          active -= 1;
        }),
      ),
    );
    assert.equal(most, 1);
    assert.equal(order.length, 12);
    assert.equal(await first.exists(`${keyPrefix}lock:proxy_user:1`), 0);
  });

  test('a holder that throws releases the key for the next one', async () => {
    const lock = new RedisKeyedLock(first, keyPrefix);
    await assert.rejects(
      lock.withLock('k', async () => Promise.reject(new Error('boom'))),
      /boom/,
    );
    assert.equal(await lock.withLock('k', async () => 'next'), 'next');
  });

  test('a key held elsewhere past the acquire timeout fails the waiter, and different keys never wait', async () => {
    await first.set(`${keyPrefix}lock:held`, 'someone-else', 'PX', 5_000);
    const lock = new RedisKeyedLock(second, keyPrefix, { acquireTimeoutMs: 100, pollMs: 10 });
    await assert.rejects(
      lock.withLock('held', async () => 'never'),
      (error: { code?: string }) => error.code === 'PROVIDER_UNAVAILABLE',
    );
    assert.equal(await lock.withLock('other', async () => 'free'), 'free');
  });
});

describe('RedisBudgetStore', () => {
  test('slots are shared by two stores: the third reservation in a window of two waits, and a far slot is refused', async () => {
    const stores = [new RedisBudgetStore(first, keyPrefix), new RedisBudgetStore(second, keyPrefix)];
    const window = [{ key: 'acct:general', limit: 2, windowMs: 60_000 }];
    assert.deepEqual(await stores[0].reserve('acct:closed', window, 120_000), { granted: true, waitMs: 0 });
    assert.deepEqual(await stores[1].reserve('acct:closed', window, 120_000), { granted: true, waitMs: 0 });
    const third = await stores[0].reserve('acct:closed', window, 120_000);
    assert.ok(third.granted && third.waitMs > 0);
    const fourth = await stores[1].reserve('acct:closed', window, 1_000);
    assert.ok(!fourth.granted && !fourth.closed && fourth.retryAfterMs > 1_000);
  });

  test('a closure from one store refuses reservations on the other until it ends', async () => {
    const stores = [new RedisBudgetStore(first, keyPrefix), new RedisBudgetStore(second, keyPrefix)];
    const window = [{ key: 'closing:general', limit: 100, windowMs: 60_000 }];
    await stores[0].close('closing:closed', 30_000);
    const refused = await stores[1].reserve('closing:closed', window, 10_000);
    assert.ok(!refused.granted && refused.closed && refused.retryAfterMs <= 30_000);
    // A shorter closure never shortens a longer one.
    await stores[1].close('closing:closed', 1_000);
    assert.ok(Number(await first.pttl(`${keyPrefix}budget:closing:closed`)) > 1_000);
  });

  test("when Redis cannot answer, the store falls back to this replica's own budget", async () => {
    const broken = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, lazyConnect: true, enableOfflineQueue: false, retryStrategy: () => null });
    let fellBack = 0;
    const store = new RedisBudgetStore(broken, keyPrefix, { onFallback: () => (fellBack += 1) });
    const window = [{ key: 'down:general', limit: 1, windowMs: 60_000 }];
    assert.deepEqual(await store.reserve('down:closed', window, 0), { granted: true, waitMs: 0 });
    assert.equal((await store.reserve('down:closed', window, 0)).granted, false);
    assert.equal(fellBack, 1);
    broken.disconnect();
  });
});
