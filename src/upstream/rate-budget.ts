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
 * - Fair between principals: slots are handed out in order, so one caller with a burst of calls could
 *   reserve the whole budget for seconds ahead and every other caller would wait behind it (or be refused).
 *   Each principal may hold at most half a window's worth of waiting reservations on the budget; its further
 *   calls wait in their own line on this replica until one of its reservations goes. Another principal's
 *   call therefore finds at most that many of the first one's reservations ahead of it.
 */
import { ProxyGraphError } from './errors';
import type { UpstreamCall, UpstreamPolicy, UpstreamRequest, UpstreamResponse } from './http';
import type { UpstreamCallLog } from './call-log';
import type { BudgetStore, BudgetWindow, Reservation } from './budget-store';
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
/** Calls made for no GraphQL request (check-config, background work) share this principal. */
const NO_PRINCIPAL = 'proxygraph';
/** A budget wait must leave at least this much of the call's deadline for the call itself. */
const MIN_SEND_MS = 250;

export class RateBudget implements UpstreamPolicy {
  readonly name: string = 'rate-budget';
  private readonly scope: string;
  private readonly closedKey: string;
  private readonly principals: PrincipalLines;

  constructor(protected readonly options: RateBudgetOptions) {
    this.scope = `${options.provider}:${options.limitKey ?? options.accountId}`;
    this.closedKey = `${this.scope}:closed`;
    const smallestLimit = Math.min(...options.classes.map((budgetClass) => budgetClass.limit));
    this.principals = new PrincipalLines(Math.max(1, Math.floor(smallestLimit / 2)));
  }

  async execute(call: UpstreamCall, next: () => Promise<UpstreamResponse>): Promise<UpstreamResponse> {
    // A request whose client has gone, or whose deadline passed, takes no slot from anyone.
    call.request.context?.ensureOpen(call.target);
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
    const startedAtMs = Date.now();
    const giveUpAtMs = Math.min(startedAtMs + maxWaitMs, deadlineAtMs - MIN_SEND_MS);
    const principal = request?.context?.principal ?? NO_PRINCIPAL;
    if (!(await this.principals.turn(principal, giveUpAtMs))) throw this.limited(1_000);
    const lineWaitMs = Date.now() - startedAtMs;
    let reservation: Reservation | undefined;
    try {
      reservation = await store.reserve(this.closedKey, this.windowsFor(request), Math.max(0, giveUpAtMs - Date.now()));
    } finally {
      // Whatever came of it, the next of this principal's calls in line may try now if there is room.
      this.principals.settle(principal, reservation?.granted === true && reservation.waitMs > 0);
    }
    if (!reservation.granted) throw this.limited(reservation.retryAfterMs);
    if (reservation.waitMs > 0 || lineWaitMs > 0) callLog?.recordWait({ provider, accountId, waitMs: reservation.waitMs + lineWaitMs });
    if (reservation.waitMs > 0) {
      try {
        await new Promise((resolve) => setTimeout(resolve, reservation.waitMs));
      } finally {
        this.principals.leave(principal);
      }
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

/**
 * How many reservations each principal has waiting on one budget, and the line of its further calls.
 * One replica's view: with replicas sharing a Redis budget, each replica bounds a principal separately.
 */
class PrincipalLines {
  private readonly waiting = new Map<string, number>();
  private readonly lines = new Map<string, Array<() => void>>();

  constructor(private readonly maxWaitingPerPrincipal: number) {}

  /** Resolves true when `principal` may reserve a slot; false if its turn has not come by `giveUpAtMs`. */
  turn(principal: string, giveUpAtMs: number): Promise<boolean> {
    if ((this.waiting.get(principal) ?? 0) < this.maxWaitingPerPrincipal && !this.lines.get(principal)?.length) return Promise.resolve(true);
    const waitMs = giveUpAtMs - Date.now();
    if (waitMs <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const line = this.lines.get(principal) ?? [];
      this.lines.set(principal, line);
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        const index = line.indexOf(wake);
        if (index >= 0) line.splice(index, 1);
        if (line.length === 0) this.lines.delete(principal);
        resolve(false);
      }, waitMs);
      line.push(wake);
    });
  }

  /** After a reservation attempt: counts it if it waits for its slot, then lets the next in line try if there is room. */
  settle(principal: string, waitsForSlot: boolean): void {
    if (waitsForSlot) this.waiting.set(principal, (this.waiting.get(principal) ?? 0) + 1);
    this.wakeNext(principal);
  }

  /** A waiting reservation went (its call is being sent, or failed). */
  leave(principal: string): void {
    const left = (this.waiting.get(principal) ?? 1) - 1;
    if (left > 0) this.waiting.set(principal, left);
    else this.waiting.delete(principal);
    this.wakeNext(principal);
  }

  private wakeNext(principal: string): void {
    if ((this.waiting.get(principal) ?? 0) >= this.maxWaitingPerPrincipal) return;
    const line = this.lines.get(principal);
    const next = line?.shift();
    if (line && line.length === 0) this.lines.delete(principal);
    next?.();
  }
}
