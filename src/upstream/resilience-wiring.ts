/**
 * What the composition root needs for upstream resilience: where rate budgets live (Redis when configured,
 * so replicas share one budget per account), the per-account call deadlines from `limits.timeoutMs`, and the
 * lock for read-modify-write shared by replicas.
 */
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import type { ProxyGraphConfig } from '../config/schema';
import type { KeyedLock } from '../state/keyed-lock';
import { RedisKeyedLock } from '../state/redis-keyed-lock';
import { RedisBudgetStore } from './redis-budget-store';
import type { UpstreamGatewayOptions } from './http';

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
  if (!redis) return { gateway: { accountCallDeadlinesMs } };
  const onFallback = (error: Error) =>
    logger.warn({ err: { message: error.message } }, 'redis unavailable; rate budgets fall back to this replica only');
  return {
    gateway: { accountCallDeadlinesMs, budgets: new RedisBudgetStore(redis, keyPrefix, { onFallback }) },
    // No fallback for the lock: without Redis it refuses (PROVIDER_UNAVAILABLE) rather than lock per replica.
    lock: new RedisKeyedLock(redis, keyPrefix),
  };
}
