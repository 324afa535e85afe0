/**
 * A KeyedLock shared by every replica pointed at one Redis (docs/architecture.md §5): `SET key token NX PX ttl` to take
 * it, a compare-and-delete script to release it (only the holder's token deletes it, so a holder whose lease
 * expired never releases someone else's lock), and a compare-and-extend heartbeat while the work runs so a
 * long read-modify-write keeps its lease. The TTL bounds how long a crashed replica can block the key.
 *
 * Holders on one replica first queue in-process (InProcessKeyedLock), so at most one of them polls Redis.
 * If Redis cannot answer, the work does not run: a replica-local lock would let two replicas overwrite each
 * other's read-modify-write while both report success (their verify reads come before the other's write),
 * so the caller gets PROVIDER_UNAVAILABLE and nothing is changed upstream.
 */
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { ProxyGraphError } from '../core/errors';
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
      await this.acquire(redisKey, token);
      const heartbeat = setInterval(
        () => {
          this.redis.eval(EXTEND, 1, redisKey, token, this.ttlMs).catch(() => undefined);
        },
        Math.max(10, Math.floor(this.ttlMs / 3)),
      );
      heartbeat.unref();
      try {
        return await work();
      } finally {
        clearInterval(heartbeat);
        await this.redis.eval(RELEASE, 1, redisKey, token).catch(() => undefined);
      }
    });
  }

  /** Resolves once held; PROVIDER_UNAVAILABLE when Redis cannot answer or another holder outlasts the wait. */
  private async acquire(redisKey: string, token: string): Promise<void> {
    const giveUpAt = Date.now() + this.acquireTimeoutMs;
    for (;;) {
      let answer: string | null;
      try {
        answer = await this.redis.set(redisKey, token, 'PX', this.ttlMs, 'NX');
      } catch {
        throw new ProxyGraphError(
          'PROVIDER_UNAVAILABLE',
          'the lock ProxyGraph replicas share (Redis) is unavailable, so the change was not made; try again shortly',
        );
      }
      if (answer === 'OK') return;
      if (Date.now() >= giveUpAt) {
        throw new ProxyGraphError('PROVIDER_UNAVAILABLE', 'another ProxyGraph replica is still changing this resource; try again shortly');
      }
      await new Promise((resolve) => setTimeout(resolve, this.pollMs * (0.5 + Math.random())));
    }
  }
}
