/**
 * Ping Proxies' request budget [C] (docs/providers/reference.md §2.4): 10 requests/second per customer. The
 * default leaves a margin on both sides (9 per 1.1 s against 10 per 1 s), so network jitter that bunches
 * arrivals never pushes the provider's own count over its limit; bursts of up to 9 go out at once.
 */
import type { BudgetClass } from '../../upstream/rate-budget';

export const PING_BUDGET = { limit: 9, windowMs: 1_100 } as const;
export const DEFAULT_PING_MAX_WAIT_MS = 10_000;
/** After a 429 Ping names the seconds to wait in its message; without them, one second. */
export const PING_DEFAULT_RETRY_AFTER_SECONDS = 1;

/** The budget for a configured `limits.requestsPerMinute` (providers raise limits per customer on request). */
export function pingBudgetClasses(requestsPerMinute: number | undefined): BudgetClass[] {
  // Per second, with the same 10 % margin as the default.
  const budget = requestsPerMinute ? { limit: Math.max(1, Math.floor((requestsPerMinute / 60) * 0.9)), windowMs: 1_100 } : PING_BUDGET;
  return [{ name: 'general', ...budget }];
}
