/**
 * Where rate budgets keep their state: sliding windows of reserved send times, and the "closed until"
 * mark a provider 429 leaves. In-process here (one replica's view); redis-budget-store.ts implements the same
 * contract in Redis so every replica draws from one budget.
 *
 * A reservation hands out the earliest send time at which every window the call counts against has room:
 * up to `limit` sends in any `windowMs`. Slots are handed out in order, so a burst goes out at once and only
 * calls past the budget wait. A call whose slot is further away than `maxWaitMs` gets no slot at all.
 */

export interface BudgetWindow {
  /** Identifies the window (account + endpoint class), e.g. `webshare:ws:proxy-list`. */
  key: string;
  limit: number;
  windowMs: number;
}

export type Reservation =
  /** Send after `waitMs` (0 = now). */
  | { granted: true; waitMs: number }
  /** No slot: the budget is closed, or the slot is further than allowed; `retryAfterMs` says when to come back. */
  | { granted: false; retryAfterMs: number; closed: boolean };

export interface BudgetStore {
  /** Atomically: refuse if `closedKey` is closed; else reserve one slot in every window, unless too far away. */
  reserve(closedKey: string, windows: readonly BudgetWindow[], maxWaitMs: number): Promise<Reservation>;
  /** Closes `closedKey` for `durationMs` (never shortens a longer closure). */
  close(closedKey: string, durationMs: number): Promise<void>;
}

export class InProcessBudgetStore implements BudgetStore {
  /** Reserved send times per window, non-decreasing; entries older than the window are pruned. */
  private readonly slots = new Map<string, number[]>();
  private readonly closedUntil = new Map<string, number>();

  constructor(private readonly nowMs: () => number = () => Date.now()) {}

  async reserve(closedKey: string, windows: readonly BudgetWindow[], maxWaitMs: number): Promise<Reservation> {
    return this.reserveNow(closedKey, windows, maxWaitMs);
  }

  /** Synchronous core (the Redis store falls back on it when Redis cannot answer). */
  reserveNow(closedKey: string, windows: readonly BudgetWindow[], maxWaitMs: number): Reservation {
    const now = this.nowMs();
    const until = this.closedUntil.get(closedKey) ?? 0;
    if (until > now) return { granted: false, retryAfterMs: until - now, closed: true };
    if (until) this.closedUntil.delete(closedKey);
    let slot = now;
    for (const window of windows) {
      const list = this.prune(window, now);
      // The window ending at the new slot holds every earlier reservation, as slots only move forward.
      const last = list[list.length - 1] ?? now;
      const full = list.length >= window.limit ? list[list.length - window.limit] + window.windowMs : now;
      slot = Math.max(slot, last, full);
    }
    const waitMs = slot - now;
    if (waitMs > maxWaitMs) return { granted: false, retryAfterMs: waitMs, closed: false };
    for (const window of windows) this.slots.get(window.key)!.push(slot);
    return { granted: true, waitMs };
  }

  async close(closedKey: string, durationMs: number): Promise<void> {
    this.closeNow(closedKey, durationMs);
  }

  closeNow(closedKey: string, durationMs: number): void {
    const until = this.nowMs() + durationMs;
    this.closedUntil.set(closedKey, Math.max(this.closedUntil.get(closedKey) ?? 0, until));
  }

  private prune(window: BudgetWindow, now: number): number[] {
    let list = this.slots.get(window.key);
    if (!list) {
      list = [];
      this.slots.set(window.key, list);
    }
    let stale = 0;
    while (stale < list.length && list[stale] <= now - window.windowMs) stale++;
    if (stale > 0) list.splice(0, stale);
    return list;
  }
}
