/**
 * Redis-backed shared state (ioredis): the state store's sets and Apollo's key-value cache (automatic
 * persisted queries), so every replica pointed at one Redis sees the same facts. Keys carry the configured
 * prefix. Cache reads degrade to a miss when Redis is unreachable: a cache must never fail a request.
 */
import Redis from 'ioredis';
import type { Logger } from 'pino';
import type { StateStore } from './store';

export const DEFAULT_REDIS_KEY_PREFIX = 'proxygraph:';

export function connectRedis(url: string): Redis {
  // Fail fast instead of queueing commands for ever while Redis is down.
  return new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: true, connectTimeout: 2_000, lazyConnect: false });
}

/** StateStore over Redis sets (members come back sorted: Redis sets have no order). */
export class RedisStateStore implements StateStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(key: string): string {
    return `${this.prefix}state:${key}`;
  }

  async members(key: string): Promise<string[]> {
    return (await this.redis.smembers(this.key(key))).sort();
  }

  async add(key: string, member: string): Promise<boolean> {
    return (await this.redis.sadd(this.key(key), member)) === 1;
  }

  async remove(key: string, member: string): Promise<boolean> {
    return (await this.redis.srem(this.key(key), member)) === 1;
  }

  async close(): Promise<void> {}
}

/** The KeyValueCache shape Apollo Server accepts (structural, to avoid depending on its utils package). */
export interface StringCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

export class RedisStringCache implements StringCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {}

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.redis.get(`${this.prefix}cache:${key}`)) ?? undefined;
    } catch (error) {
      this.logger.warn({ err: { message: (error as Error).message } }, 'redis cache read failed; treating as a miss');
      return undefined;
    }
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    try {
      const ttlSeconds = options?.ttl ?? null;
      if (ttlSeconds) await this.redis.set(`${this.prefix}cache:${key}`, value, 'EX', Math.ceil(ttlSeconds));
      else await this.redis.set(`${this.prefix}cache:${key}`, value);
    } catch (error) {
      this.logger.warn({ err: { message: (error as Error).message } }, 'redis cache write failed');
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      return (await this.redis.del(`${this.prefix}cache:${key}`)) === 1;
    } catch {
      return false;
    }
  }
}
