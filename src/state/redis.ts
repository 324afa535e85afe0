/**
 * Redis-backed shared state (ioredis): the state store's sets and Apollo's key-value cache (automatic
 * persisted queries), so every replica pointed at one Redis sees the same facts. Keys carry the configured
 * prefix. Cache reads degrade to a miss when Redis is unreachable: a cache must never fail a request.
 *
 * While Redis is down every command fails at once (no offline queue, no per-command retries) and the client
 * keeps reconnecting in the background: a request that needs shared state costs milliseconds, not the
 * seconds of a reconnect backoff. The outage is logged once (without the URL's password) and readiness
 * reports it (`sharedStateHealth`).
 */
import Redis from 'ioredis';
import type { Logger } from 'pino';
import { ProxyGraphError } from '../core/errors';
import type { StateHealth, StateStore } from './store';

export const DEFAULT_REDIS_KEY_PREFIX = 'proxygraph:';

/** Longest a connection attempt or a command may take before it counts as failed. */
const REDIS_TIMEOUT_MS = 1_000;
/** Reconnect backoff: 100 ms more per attempt, at most 2 s apart, for as long as the outage lasts. */
const reconnectDelayMs = (attempt: number) => Math.min(attempt * 100, 2_000);

/** The URL with its password (if any) replaced, for log lines. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = 'redacted';
    return parsed.toString();
  } catch {
    return 'redis://(unparseable URL)';
  }
}

/**
 * Connects and waits for the first answer (ready, or the first failure, or REDIS_TIMEOUT_MS), so the server
 * starts either connected or knowingly degraded; then it keeps reconnecting in the background.
 */
export async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    connectTimeout: REDIS_TIMEOUT_MS,
    commandTimeout: REDIS_TIMEOUT_MS,
    retryStrategy: reconnectDelayMs,
  });
  const where = redactRedisUrl(url);
  let down = false;
  const markDown = (reason: string) => {
    if (down) return;
    down = true;
    logger.warn(
      { redis: where, reason },
      'shared state (Redis) is unreachable: shared locks and ProxyMesh probes are refused, rate budgets are per replica, state writes warn the client; reconnecting',
    );
  };
  // Without an 'error' listener ioredis prints "Unhandled error event" on every failed reconnect attempt.
  redis.on('error', (error: Error) => markDown(error.message));
  // A lost connection (not our own quit): reported at once, before the first reconnect attempt fails.
  redis.on('reconnecting', () => markDown('connection lost'));
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    logger.info({ redis: where }, 'shared state (Redis) is reachable again');
  });
  await new Promise<void>((resolve) => {
    const settle = () => {
      clearTimeout(timer);
      redis.off('ready', settle);
      redis.off('error', settle);
      resolve();
    };
    const timer = setTimeout(settle, REDIS_TIMEOUT_MS);
    redis.once('ready', settle);
    redis.once('error', settle);
  });
  return redis;
}

/** Readiness view of a Redis connection (the shared state of every replica). */
export function sharedStateHealth(redis: Redis): StateHealth {
  return { backend: 'redis', ok: redis.status === 'ready' };
}

/** The typed error a request gets when shared state it needs cannot be read or written. */
export function sharedStateUnavailable(): ProxyGraphError {
  return new ProxyGraphError('PROVIDER_UNAVAILABLE', "ProxyGraph's shared state (Redis) is unavailable; try again shortly");
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
    return (await this.typed(this.redis.smembers(this.key(key)))).sort();
  }

  async add(key: string, member: string): Promise<boolean> {
    return (await this.typed(this.redis.sadd(this.key(key), member))) === 1;
  }

  async remove(key: string, member: string): Promise<boolean> {
    return (await this.typed(this.redis.srem(this.key(key), member))) === 1;
  }

  health(): StateHealth {
    return sharedStateHealth(this.redis);
  }

  async close(): Promise<void> {}

  /** Redis's own errors (connection refused, timeouts) become the typed error a client can act on. */
  private async typed<T>(command: Promise<T>): Promise<T> {
    try {
      return await command;
    } catch {
      throw sharedStateUnavailable();
    }
  }
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
      this.failed(error, 'redis cache read failed; treating as a miss');
      return undefined;
    }
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    try {
      const ttlSeconds = options?.ttl ?? null;
      if (ttlSeconds) await this.redis.set(`${this.prefix}cache:${key}`, value, 'EX', Math.ceil(ttlSeconds));
      else await this.redis.set(`${this.prefix}cache:${key}`, value);
    } catch (error) {
      this.failed(error, 'redis cache write failed');
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      return (await this.redis.del(`${this.prefix}cache:${key}`)) === 1;
    } catch {
      return false;
    }
  }

  /** An outage is logged once by the connection; per-command failures during it would only repeat that. */
  private failed(error: unknown, message: string): void {
    const level = this.redis.status === 'ready' ? 'warn' : 'debug';
    this.logger[level]({ err: { message: (error as Error).message } }, message);
  }
}
