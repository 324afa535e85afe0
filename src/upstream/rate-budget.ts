/**
 * A per-account rate budget, as an upstream policy (DESIGN §5): keeps one provider account under its
 * provider's rate limits. A budget has classes (endpoint classes, e.g. Webshare's "general" 240/min and
 * "proxy-list" 60/min); a call counts against every class that applies to it and is sent at the earliest
 * moment all of them have room. Windows live in a BudgetStore: in-process, or Redis so replicas share them.
 *
 * - Calls within the budget go at once; calls past it wait for their slot, and each wait is reported to the
 *   call log (the rate-limit wait metric).
 * - A call whose slot is further away than `maxWaitMs`, or than what is left of its deadline, fails fast
 *   with RATE_LIMITED + retryAfterSeconds and makes no upstream call.
 * - A provider 429 closes the account's budget until the provider's Retry-After (the error's
 *   retryAfterSeconds); until then every call fails fast with RATE_LIMITED.
 */
import { ProxyGraphError } from './errors';
import type { UpstreamCall, UpstreamPolicy, UpstreamRequest, UpstreamResponse } from './http';
import type { UpstreamCallLog } from './call-log';
import type { BudgetStore, BudgetWindow } from './budget-store';
import type { ProviderName } from '../providers/types';

export interface BudgetClass {
  /** Names the class in keys, e.g. `general`, `proxy-list`. */
  name: string;
  /** Sends allowed in any window. */
  limit: number;
  windowMs: number;
  /** Which calls count against this class; absent = every call. */
  appliesTo?: (request: UpstreamRequest) => boolean;
}

export interface RateBudgetOptions {
  provider: ProviderName;
  accountId: string;
  /**
   * Whose limit this is, when not the account's own: account entries that share one API key (Webshare
   * multi-plan entries) share its limit, so they pass the same key. Must hold no secret (use a fingerprint).
   */
  limitKey?: string;
  classes: readonly BudgetClass[];
  store: BudgetStore;
  /** A call that would wait longer than this for its slot fails with RATE_LIMITED instead. */
  maxWaitMs: number;
  callLog?: UpstreamCallLog;
  /** Closure after a 429 that named no time (the error's retryAfterSeconds normally says). */
  defaultRetryAfterSeconds?: number;
}

export const DEFAULT_MAX_BUDGET_WAIT_MS = 10_000;
/** A budget wait must leave at least this much of the call's deadline for the call itself. */
const MIN_SEND_MS = 250;

export class RateBudget implements UpstreamPolicy {
  readonly name: string = 'rate-budget';
  private readonly scope: string;
  private readonly closedKey: string;

  constructor(protected readonly options: RateBudgetOptions) {
    this.scope = `${options.provider}:${options.limitKey ?? options.accountId}`;
    this.closedKey = `${this.scope}:closed`;
  }

  async execute(call: UpstreamCall, next: () => Promise<UpstreamResponse>): Promise<UpstreamResponse> {
    await this.acquire(call.request, call.deadlineAtMs);
    try {
      return await next();
    } catch (error) {
      if (error instanceof ProxyGraphError && error.code === 'RATE_LIMITED') {
        await this.closeFor(error.details.retryAfterSeconds ?? this.options.defaultRetryAfterSeconds ?? 60);
      }
      throw error;
    }
  }

  /** Waits for this call's slot, or throws RATE_LIMITED when the budget is closed or the wait is too long. */
  async acquire(request?: UpstreamRequest, deadlineAtMs = Number.POSITIVE_INFINITY): Promise<void> {
    const { store, maxWaitMs, provider, accountId, callLog } = this.options;
    const leftMs = deadlineAtMs - Date.now() - MIN_SEND_MS;
    const reservation = await store.reserve(this.closedKey, this.windowsFor(request), Math.max(0, Math.min(maxWaitMs, leftMs)));
    if (!reservation.granted) throw this.limited(reservation.retryAfterMs);
    if (reservation.waitMs > 0) {
      callLog?.recordWait({ provider, accountId, waitMs: reservation.waitMs });
      await new Promise((resolve) => setTimeout(resolve, reservation.waitMs));
    }
  }

  /** The provider answered 429: no call until it said to come back. */
  async closeFor(seconds: number): Promise<void> {
    await this.options.store.close(this.closedKey, Math.max(1, seconds) * 1000);
  }

  private windowsFor(request: UpstreamRequest | undefined): BudgetWindow[] {
    return this.options.classes
      .filter((budgetClass) => !budgetClass.appliesTo || (request !== undefined && budgetClass.appliesTo(request)))
      .map((budgetClass) => ({ key: `${this.scope}:${budgetClass.name}`, limit: budgetClass.limit, windowMs: budgetClass.windowMs }));
  }

  private limited(waitMs: number): ProxyGraphError {
    return new ProxyGraphError('RATE_LIMITED', 'the provider request budget for this account is used up; try again shortly', {
      provider: this.options.provider,
      accountId: this.options.accountId,
      retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
    });
  }
}
