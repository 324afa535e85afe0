/**
 * Keeps one Ping Proxies account under its rate limit (10 requests/second per customer [C on Byteful's copy
 * of the docs; I for Ping]). Calls are spaced at least `intervalMs` apart by send time: with 125 ms spacing
 * any one-second window on Ping's side holds at most 9 of our calls even with up to 125 ms of network
 * jitter, so bursts from one GraphQL request never earn a 429. A 429 closes the budget until Ping's "try
 * again in N seconds", and calls fail fast with RATE_LIMITED instead of sleeping past the deadline.
 *
 * This lives with the provider until the shared per-account budget policy (upstream/, Redis-backed across
 * replicas) exists; it then becomes that policy's configuration.
 */
import { ProxyGraphError } from '../../upstream/errors';

export interface PacerOptions {
  /** Minimum gap between two calls' send times. */
  intervalMs: number;
  /** A call that would wait longer than this for its slot fails with RATE_LIMITED instead. */
  maxWaitMs: number;
  nowMs?: () => number;
}

export const DEFAULT_PING_INTERVAL_MS = 125;
export const DEFAULT_PING_MAX_WAIT_MS = 10_000;

export class RequestPacer {
  private nextSlotMs = 0;
  private closedUntilMs = 0;
  private readonly nowMs: () => number;

  constructor(
    private readonly options: PacerOptions,
    private readonly context: { accountId: string },
  ) {
    this.nowMs = options.nowMs ?? (() => Date.now());
  }

  /** Waits for this call's slot, or throws RATE_LIMITED when the budget is closed or the wait is too long. */
  async acquire(): Promise<void> {
    const now = this.nowMs();
    if (this.closedUntilMs > now) throw this.limited(this.closedUntilMs - now);
    const slot = Math.max(now, this.nextSlotMs);
    const waitMs = slot - now;
    if (waitMs > this.options.maxWaitMs) throw this.limited(waitMs);
    this.nextSlotMs = slot + this.options.intervalMs;
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
  }

  /** Ping answered 429: no call until it said to come back. */
  closeFor(seconds: number): void {
    this.closedUntilMs = Math.max(this.closedUntilMs, this.nowMs() + seconds * 1000);
  }

  private limited(waitMs: number): ProxyGraphError {
    return new ProxyGraphError('RATE_LIMITED', 'the Ping Proxies request budget for this account is used up; try again shortly', {
      provider: 'pingproxies',
      accountId: this.context.accountId,
      retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
    });
  }
}

/** Spacing from a configured `limits.requestsPerMinute` (Ping raises limits per customer on request). */
export function intervalFromLimits(requestsPerMinute: number | undefined): number {
  if (!requestsPerMinute) return DEFAULT_PING_INTERVAL_MS;
  return Math.ceil(60_000 / requestsPerMinute);
}
