/**
 * A per-account request budget, as an upstream policy: keeps one account under its provider's rate limit
 * (Ping Proxies: 10 requests/second per customer). Sends are reserved in a sliding window: up to `limit`
 * sends in any `windowMs`, so a GraphQL request's burst of calls goes out at once, and only calls past the
 * budget wait for their slot. The default leaves a margin on both sides (9 per 1.1 s against 10 per 1 s),
 * so network jitter that bunches arrivals never pushes the provider's own count over its limit.
 *
 * A 429 closes the budget until the provider's "try again in N seconds"; calls then fail fast with
 * RATE_LIMITED instead of sleeping past the deadline, as do calls whose slot is further than `maxWaitMs`.
 * Every wait is reported to the call log (the rate-limit wait metric).
 *
 * In-process today; a Redis-backed budget shared across replicas can replace it behind the same policy.
 */
import { ProxyGraphError } from './errors';
import type { UpstreamCall, UpstreamPolicy, UpstreamResponse } from './http';
import type { UpstreamCallLog } from './call-log';
import type { ProviderName } from '../providers/types';

export interface PacerOptions {
  /** Sends allowed in any window. */
  limit: number;
  windowMs: number;
  /** A call that would wait longer than this for its slot fails with RATE_LIMITED instead. */
  maxWaitMs: number;
  nowMs?: () => number;
}

/** Ping's 10 requests/second with a margin on count and window. */
export const PING_BUDGET = { limit: 9, windowMs: 1_100 } as const;
export const DEFAULT_PING_MAX_WAIT_MS = 10_000;

export class RequestPacer implements UpstreamPolicy {
  readonly name = 'request-pacer';
  /** Reserved send times, non-decreasing; entries older than the window are pruned. */
  private readonly slots: number[] = [];
  private closedUntilMs = 0;
  private readonly nowMs: () => number;

  constructor(
    private readonly options: PacerOptions,
    private readonly context: { provider: ProviderName; accountId: string; callLog?: UpstreamCallLog },
  ) {
    this.nowMs = options.nowMs ?? (() => Date.now());
  }

  async execute(_call: UpstreamCall, next: () => Promise<UpstreamResponse>): Promise<UpstreamResponse> {
    await this.acquire();
    try {
      return await next();
    } catch (error) {
      if (error instanceof ProxyGraphError && error.code === 'RATE_LIMITED') this.closeFor(error.details.retryAfterSeconds ?? 1);
      throw error;
    }
  }

  /** Waits for this call's slot, or throws RATE_LIMITED when the budget is closed or the wait is too long. */
  async acquire(): Promise<void> {
    const now = this.nowMs();
    if (this.closedUntilMs > now) throw this.limited(this.closedUntilMs - now);
    const { limit, windowMs } = this.options;
    while (this.slots.length > 0 && this.slots[0] <= now - windowMs) this.slots.shift();
    // Slots are handed out in order, so the window ending at the new slot holds every earlier reservation.
    const last = this.slots[this.slots.length - 1] ?? now;
    const windowFull = this.slots.length >= limit ? this.slots[this.slots.length - limit] + windowMs : now;
    const slot = Math.max(now, last, windowFull);
    const waitMs = slot - now;
    if (waitMs > this.options.maxWaitMs) throw this.limited(waitMs);
    this.slots.push(slot);
    if (waitMs > 0) {
      this.context.callLog?.recordWait({ provider: this.context.provider, accountId: this.context.accountId, waitMs });
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }

  /** The provider answered 429: no call until it said to come back. */
  closeFor(seconds: number): void {
    this.closedUntilMs = Math.max(this.closedUntilMs, this.nowMs() + seconds * 1000);
  }

  private limited(waitMs: number): ProxyGraphError {
    return new ProxyGraphError('RATE_LIMITED', 'the provider request budget for this account is used up; try again shortly', {
      provider: this.context.provider,
      accountId: this.context.accountId,
      retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
    });
  }
}

/** The budget for a configured `limits.requestsPerMinute` (providers raise limits per customer on request). */
export function budgetFromLimits(requestsPerMinute: number | undefined): { limit: number; windowMs: number } {
  if (!requestsPerMinute) return PING_BUDGET;
  // Per second, with the same 10 % margin as the default.
  return { limit: Math.max(1, Math.floor((requestsPerMinute / 60) * 0.9)), windowMs: 1_100 };
}
