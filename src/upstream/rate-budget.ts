/**
 * A per-account rate budget, as an upstream policy (docs/architecture.md §5): keeps one provider account under its
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
 *   Each principal may hold at most half a window's worth of reservations on the budget (being made or
 *   waiting for their slot); its further calls wait in their own line on this replica until one goes. Another principal's
 *   call therefore finds at most that many of the first one's reservations ahead of it.
 * - Paced at send time too: a reservation plans a send, but a busy event loop can wake a waiting call late,
 *   next to calls planned for the following window, and the provider counts arrivals. So right before the
 *   HTTP send, this replica's actual sends of the last window are counted again, and a call that would
 *   exceed the limit waits for room.
 */
import { ProxyGraphError } from '../core/errors';
import type { UpstreamCall, UpstreamPolicy, UpstreamRequest, UpstreamResponse } from './http';
import type { UpstreamCallLog } from './call-log';
import type { BudgetStore, BudgetWindow, Reservation } from './budget-store';
import type { ProviderName } from '../core/providers';

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
/** Budgets keep 5 % under a provider's limit. */
const MARGIN = 0.95;

/** Applies the margin to a provider limit (at least one call per window). */
export function underLimit(perWindow: number): number {
  return Math.max(1, Math.floor(perWindow * MARGIN));
}
/** Calls made for no GraphQL request (check-config, background work) share this principal. */
const NO_PRINCIPAL = 'proxygraph';
/** A budget wait must leave at least this much of the call's deadline for the call itself. */
const MIN_SEND_MS = 250;

export class RateBudget implements UpstreamPolicy {
  readonly name: string = 'rate-budget';
  private readonly scope: string;
  private readonly closedKey: string;
  private readonly principals: PrincipalLines;
  /** This replica's actual send times per window key (the reservations plan them; these are what happened). */
  private readonly sent = new Map<string, number[]>();

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
    await this.paceSend(call.request, call.deadlineAtMs);
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

  /** Waits until this replica's actual sends leave room in every window, then counts this send. */
  private async paceSend(request: UpstreamRequest, deadlineAtMs: number): Promise<void> {
    const windows = this.windowsFor(request);
    for (;;) {
      const now = Date.now();
      let waitMs = 0;
      for (const window of windows) {
        const list = this.sent.get(window.key) ?? [];
        while (list.length > 0 && list[0] <= now - window.windowMs) list.shift();
        this.sent.set(window.key, list);
        if (list.length >= window.limit) waitMs = Math.max(waitMs, list[list.length - window.limit] + window.windowMs - now + 1);
      }
      if (waitMs <= 0) break;
      if (now + waitMs > deadlineAtMs - MIN_SEND_MS) throw this.limited(waitMs);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
    const sentAt = Date.now();
    for (const window of windows) this.sent.get(window.key)!.push(sentAt);
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
 * How many reservations each principal holds on one budget (being made, or made and waiting for their slot),
 * and the line of its further calls. A call counts from the moment it may reserve, so a burst that arrives
 * in one tick cannot all slip past the bound before the first reservation is counted. One replica's view:
 * with replicas sharing a Redis budget, each replica bounds a principal separately.
 */
class PrincipalLines {
  private readonly held = new Map<string, number>();
  private readonly lines = new Map<string, Array<() => void>>();

  constructor(private readonly maxHeldPerPrincipal: number) {}

  /** Resolves true when `principal` may reserve a slot (it then holds one place); false if not by `giveUpAtMs`. */
  turn(principal: string, giveUpAtMs: number): Promise<boolean> {
    if (this.heldBy(principal) < this.maxHeldPerPrincipal && !this.lines.get(principal)?.length) {
      this.held.set(principal, this.heldBy(principal) + 1);
      return Promise.resolve(true);
    }
    const waitMs = giveUpAtMs - Date.now();
    if (waitMs <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const line = this.lines.get(principal) ?? [];
      this.lines.set(principal, line);
      // Called by wakeNext, which has already counted the place this call now holds.
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

  /** After the reservation: a call that waits for its slot keeps its place until it goes; one that goes now frees it. */
  settle(principal: string, waitsForSlot: boolean): void {
    if (!waitsForSlot) this.release(principal);
  }

  /** A waiting reservation went (its call is being sent, or failed). */
  leave(principal: string): void {
    this.release(principal);
  }

  private heldBy(principal: string): number {
    return this.held.get(principal) ?? 0;
  }

  private release(principal: string): void {
    const left = this.heldBy(principal) - 1;
    if (left > 0) this.held.set(principal, left);
    else this.held.delete(principal);
    const line = this.lines.get(principal);
    while (line?.length && this.heldBy(principal) < this.maxHeldPerPrincipal) {
      const next = line.shift()!;
      this.held.set(principal, this.heldBy(principal) + 1);
      next();
    }
    if (line && line.length === 0) this.lines.delete(principal);
  }
}
