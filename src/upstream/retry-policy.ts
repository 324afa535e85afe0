/**
 * Retry for reads (docs/architecture.md §5), as a gateway policy. A GET is retried when the provider gave no answer
 * (connection refused or reset, timeout) or answered 5xx, with jittered exponential backoff, a few times at
 * most, and never past the call's deadline. Writes are never retried: a POST/PATCH/PUT/DELETE whose
 * connection dropped may have been applied, and is reported as such (`mayHaveApplied`), never repeated.
 * 4xx answers are never retried (429 is the rate budget's business: it closes the account's budget).
 */
import { ProviderError } from '../core/errors';
import { ProviderTransportError } from './failure';
import type { UpstreamCall, UpstreamPolicy, UpstreamResponse } from './http';
import type { UpstreamCallLog } from './call-log';

export interface RetryOptions {
  /** Attempts after the first. */
  maxRetries: number;
  /** Backoff before retry n (0-based) is drawn from [½, 1] × min(maxDelayMs, baseDelayMs × 2^n). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A retry is only made if at least this much of the deadline is left after its backoff. */
  minAttemptMs: number;
  random?: () => number;
}

export const DEFAULT_RETRY: RetryOptions = { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 1_000, minAttemptMs: 250 };

export class RetryPolicy implements UpstreamPolicy {
  readonly name = 'retry';
  private readonly options: RetryOptions;

  constructor(
    options: Partial<RetryOptions> = {},
    private readonly log?: UpstreamCallLog,
  ) {
    this.options = { ...DEFAULT_RETRY, ...options };
  }

  async execute(call: UpstreamCall, next: () => Promise<UpstreamResponse>): Promise<UpstreamResponse> {
    if (call.request.method !== 'GET') return next();
    for (let retry = 0; ; retry++) {
      try {
        return await next();
      } catch (error) {
        if (retry >= this.options.maxRetries || !isRetryable(error)) throw error;
        const delayMs = this.backoffMs(retry);
        if (Date.now() + delayMs + this.options.minAttemptMs >= call.deadlineAtMs) throw error;
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        this.log?.recordEvent({ provider: call.target.provider, accountId: call.target.accountId, kind: 'retry' });
      }
    }
  }

  /** "Equal jitter": at least half the exponential step, so retries from many callers spread out. */
  backoffMs(retry: number): number {
    const { baseDelayMs, maxDelayMs } = this.options;
    const step = Math.min(maxDelayMs, baseDelayMs * 2 ** retry);
    const random = this.options.random ?? Math.random;
    return Math.round(step / 2 + (random() * step) / 2);
  }
}

/** No answer at all, or a 5xx other than 501 (Not Implemented will not change on a second try). */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ProviderTransportError) return true;
  if (!(error instanceof ProviderError) || error.code !== 'PROVIDER_UNAVAILABLE') return false;
  const status = error.details.upstreamStatus;
  return status !== undefined && status >= 500 && status !== 501;
}
