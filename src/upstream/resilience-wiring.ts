/**
 * What the composition root needs for upstream resilience: where rate budgets and the read cache live (Redis
 * when configured, so replicas share one budget and one cache per account), the per-account call deadlines
 * from `limits.timeoutMs`, and the lock for read-modify-write shared by replicas.
 */
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import type { ProxyGraphConfig } from '../config/schema';
import type { KeyedLock } from '../state/keyed-lock';
import { RedisKeyedLock } from '../state/redis-keyed-lock';
import { RedisBudgetStore } from './redis-budget-store';
import type { UpstreamGatewayOptions } from './http';
import { PROVIDER_CACHE_RULES } from '../providers/cache-rules';
import type { AccountCacheSettings, ReadCacheOptions } from './read-cache';
import { MemoryReadCacheStore } from './read-cache-store';
import { RedisReadCacheStore } from './redis-read-cache-store';

/** In-process read cache bound when `server.cache.maxBytes` is not set. */
export const DEFAULT_READ_CACHE_MAX_BYTES = 64 * 1_048_576;

export interface ResilienceWiring {
  gateway: UpstreamGatewayOptions;
  /** Absent without Redis: adapters then lock in-process. */
  lock?: KeyedLock;
}

export function resilienceWiring(config: ProxyGraphConfig, redis: Redis | null, keyPrefix: string, logger: Logger): ResilienceWiring {
  const accountCallDeadlinesMs: Record<string, number> = {};
  for (const account of config.accounts) {
    if (account.limits?.timeoutMs) accountCallDeadlinesMs[account.id] = account.limits.timeoutMs;
  }
  const readCache = readCacheOptions(config, redis, keyPrefix, logger);
  if (!redis) return { gateway: { accountCallDeadlinesMs, readCache } };
  const onFallback = (error: Error) => logger.warn({ err: { message: error.message } }, 'redis unavailable; rate budgets fall back to this replica only');
  return {
    gateway: { accountCallDeadlinesMs, readCache, budgets: new RedisBudgetStore(redis, keyPrefix, { onFallback }) },
    // No fallback for the lock: without Redis it refuses (PROVIDER_UNAVAILABLE) rather than lock per replica.
    lock: new RedisKeyedLock(redis, keyPrefix),
  };
}

function readCacheOptions(config: ProxyGraphConfig, redis: Redis | null, keyPrefix: string, logger: Logger): ReadCacheOptions | undefined {
  if (config.server?.cache?.enabled === false) return undefined;
  const accounts: Record<string, AccountCacheSettings> = {};
  for (const account of config.accounts) if (account.cache) accounts[account.id] = account.cache;
  const maxBytes = config.server?.cache?.maxBytes ?? DEFAULT_READ_CACHE_MAX_BYTES;
  return {
    store: redis ? new RedisReadCacheStore(redis, keyPrefix) : new MemoryReadCacheStore(maxBytes),
    // With Redis the same bound holds the entries this replica opened, parsed (read-cache.ts).
    openedEntriesMaxBytes: redis ? maxBytes : undefined,
    rules: PROVIDER_CACHE_RULES,
    accounts,
    onStoreError: (error) => logger.warn({ err: { message: error.message } }, 'read cache store unavailable; reads go to providers until it is back'),
  };
}
