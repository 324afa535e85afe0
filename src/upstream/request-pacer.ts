/**
 * A per-account request pacer, as an upstream policy: keeps one account under its provider's rate limit
 * (Ping Proxies: 10 requests/second per customer). Calls are spaced at least `intervalMs` apart by send
 * time: with 125 ms spacing any one-second window on the provider's side holds at most 9 of our calls even
 * with up to 125 ms of network jitter, so bursts from one GraphQL request never earn a 429. A 429 closes
 * the budget until the provider's "try again in N seconds", and calls fail fast with RATE_LIMITED instead
 * of sleeping past the deadline. Every wait is reported to the call log (the rate-limit wait metric).
 *
 * In-process today; a Redis-backed budget shared across replicas can replace it behind the same policy.
 */
import { ProxyGraphError } from './errors';
import type { UpstreamCall, UpstreamPolicy, UpstreamResponse } from './http';
import type { UpstreamCallLog } from './call-log';

export interface PacerOptions {
  /** Minimum gap between two calls' send times. */
  intervalMs: number;
  /** A call that would wait longer than this for its slot fails with RATE_LIMITED instead. */
  maxWaitMs: number;
  nowMs?: () => number;
}

export const DEFAULT_PING_INTERVAL_MS = 125;
export const DEFAULT_PING_MAX_WAIT_MS = 10_000;

export class RequestPacer implements UpstreamPolicy {
  readonly name = 'request-pacer';
  private nextSlotMs = 0;
  private closedUntilMs = 0;
  private readonly nowMs: () => number;

  constructor(
    private readonly options: PacerOptions,
    private readonly context: { provider: 'pingproxies' | 'webshare' | 'proxymesh' | 'wonderproxy'; accountId: string; callLog?: UpstreamCallLog },
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
    const slot = Math.max(now, this.nextSlotMs);
    const waitMs = slot - now;
    if (waitMs > this.options.maxWaitMs) throw this.limited(waitMs);
    this.nextSlotMs = slot + this.options.intervalMs;
    if (waitMs > 0) {
      this.context.callLog?.recordWait({ provider: this.context.provider, accountId: this.context.accountId, waitMs });
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }

  /** Ping answered 429: no call until it said to come back. */
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

/** Spacing from a configured `limits.requestsPerMinute` (providers raise limits per customer on request). */
export function intervalFromLimits(requestsPerMinute: number | undefined): number {
  if (!requestsPerMinute) return DEFAULT_PING_INTERVAL_MS;
  return Math.ceil(60_000 / requestsPerMinute);
}
