/**
 * A KeyedLock shared by every replica pointed at one Redis (DESIGN §5): `SET key token NX PX ttl` to take
 * it, a compare-and-delete script to release it (only the holder's token deletes it, so a holder whose lease
 * expired never releases someone else's lock), and a compare-and-extend heartbeat while the work runs so a
 * long read-modify-write keeps its lease. The TTL bounds how long a crashed replica can block the key.
 *
 * Holders on one replica first queue in-process (InProcessKeyedLock), so at most one of them polls Redis.
 * If Redis cannot answer, the lock degrades to the in-process one: writers on this replica stay serialised,
 * and the read-modify-write's verify step catches an overwrite from another replica.
 */
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { ProxyGraphError } from '../upstream/errors';
import { InProcessKeyedLock, type KeyedLock } from './keyed-lock';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;

export interface RedisKeyedLockOptions {
  /** Lease length; renewed every third of it while the work runs. */
  ttlMs?: number;
  /** How long to wait for another replica's holder before failing. */
  acquireTimeoutMs?: number;
  /** Polling interval while another replica holds the key (jittered ±50 %). */
  pollMs?: number;
  /** Told when Redis failed and the in-process lock was used instead. */
  onFallback?: (error: Error) => void;
}

export class RedisKeyedLock implements KeyedLock {
  private readonly local = new InProcessKeyedLock();
  private readonly ttlMs: number;
  private readonly acquireTimeoutMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly options: RedisKeyedLockOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 15_000;
    this.acquireTimeoutMs = options.acquireTimeoutMs ?? 20_000;
    this.pollMs = options.pollMs ?? 30;
  }

  withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.local.withLock(key, async () => {
      const redisKey = `${this.prefix}lock:${key}`;
      const token = randomUUID();
      const held = await this.acquire(redisKey, token);
      if (!held) return work();
      const heartbeat = setInterval(() => {
        this.redis.eval(EXTEND, 1, redisKey, token, this.ttlMs).catch(() => undefined);
      }, Math.max(10, Math.floor(this.ttlMs / 3)));
      heartbeat.unref();
      try {
        return await work();
      } finally {
        clearInterval(heartbeat);
        await this.redis.eval(RELEASE, 1, redisKey, token).catch(() => undefined);
      }
    });
  }

  /** True once held; false when Redis failed (run under the in-process lock only); throws on timeout. */
  private async acquire(redisKey: string, token: string): Promise<boolean> {
    const giveUpAt = Date.now() + this.acquireTimeoutMs;
    for (;;) {
      try {
        if ((await this.redis.set(redisKey, token, 'PX', this.ttlMs, 'NX')) === 'OK') return true;
      } catch (error) {
        this.options.onFallback?.(error as Error);
        return false;
      }
      if (Date.now() >= giveUpAt) {
        throw new ProxyGraphError('PROVIDER_UNAVAILABLE', 'another ProxyGraph replica is still changing this resource; try again shortly');
      }
      await new Promise((resolve) => setTimeout(resolve, this.pollMs * (0.5 + Math.random())));
    }
  }
}
