/**
 * Ping Proxies' request budget (10 requests/second per customer), as a RateBudget with one class: sends are
 * reserved in a sliding window, up to `limit` in any `windowMs`, so a GraphQL request's burst of calls goes
 * out at once and only calls past the budget wait for their slot. The default leaves a margin on both sides
 * (9 per 1.1 s against 10 per 1 s), so network jitter that bunches arrivals never pushes the provider's own
 * count over its limit.
 *
 * A 429 closes the budget until the provider's "try again in N seconds"; calls then fail fast with
 * RATE_LIMITED instead of sleeping past the deadline, as do calls whose slot is further than `maxWaitMs`.
 * The windows live in the gateway's BudgetStore when one is given (Redis: shared by replicas).
 */
import type { UpstreamCallLog } from './call-log';
import type { ProviderName } from '../core/providers';
import { InProcessBudgetStore, type BudgetStore } from './budget-store';
import { RateBudget } from './rate-budget';

export interface PacerOptions {
  /** Sends allowed in any window. */
  limit: number;
  windowMs: number;
  /** A call that would wait longer than this for its slot fails with RATE_LIMITED instead. */
  maxWaitMs: number;
  /** Clock of the in-process store made when no store is given. */
  nowMs?: () => number;
}

/** Ping's 10 requests/second with a margin on count and window. */
export const PING_BUDGET = { limit: 9, windowMs: 1_100 } as const;
export const DEFAULT_PING_MAX_WAIT_MS = 10_000;

export class RequestPacer extends RateBudget {
  override readonly name = 'request-pacer';

  constructor(
    options: PacerOptions,
    context: { provider: ProviderName; accountId: string; callLog?: UpstreamCallLog; store?: BudgetStore },
  ) {
    super({
      provider: context.provider,
      accountId: context.accountId,
      classes: [{ name: 'general', limit: options.limit, windowMs: options.windowMs }],
      store: context.store ?? new InProcessBudgetStore(options.nowMs),
      maxWaitMs: options.maxWaitMs,
      callLog: context.callLog,
      defaultRetryAfterSeconds: 1,
    });
  }
}

/** The budget for a configured `limits.requestsPerMinute` (providers raise limits per customer on request). */
export function budgetFromLimits(requestsPerMinute: number | undefined): { limit: number; windowMs: number } {
  if (!requestsPerMinute) return PING_BUDGET;
  // Per second, with the same 10 % margin as the default.
  return { limit: Math.max(1, Math.floor((requestsPerMinute / 60) * 0.9)), windowMs: 1_100 };
}
