/**
 * The usage snapshotter's clock (the rule is in usage-history.ts): one round at start, then one at the
 * start of every interval slot, aligned to the epoch so that replicas agree on which slot is current and
 * race for the same claims. Rounds never overlap (a round still running when the next slot starts lets
 * that slot go). stop() clears the timer, tells the round in flight to start no further upstream call, and
 * waits for it, so shutdown and tests never hang on a timer or a half-written round.
 */
import type { Logger } from 'pino';
import { Principal } from './principal';
import { RequestScope } from './request-scope';
import type { AccountRegistry } from './registry';
import { failureCode, slotOf, snapshotAccount, snapshotsAccount, type UsageHistoryStore } from './usage-history';

export interface UsageHistorySchedulerOptions {
  registry: AccountRegistry;
  store: UsageHistoryStore;
  intervalMs: number;
  retentionDays: number;
  logger: Logger;
  /** Every upstream call of one account's round must be over by then (the request deadline, as for a query). */
  roundTimeoutMs: number;
  /** Upstream calls one account's round may make (the per-request allowance, as for a query). */
  maxUpstreamCalls: number;
}

/** The snapshotter reads every account, whoever may see it, and writes nothing upstream. */
export const USAGE_HISTORY_PRINCIPAL = Principal.backgroundReader('usage-history (system)');

export class UsageHistoryScheduler {
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private stopped = false;
  private readonly stopping = new AbortController();

  constructor(private readonly options: UsageHistorySchedulerOptions) {}

  /** Takes the first round now and schedules the next at the next slot's start. */
  start(): void {
    this.run(Date.now());
  }

  /** Resolves when no round is running (tests wait on it before counting upstream calls). */
  async settled(): Promise<void> {
    while (this.round) await this.round;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.stopping.abort();
    await this.settled();
  }

  private run(nowMs: number): void {
    if (this.stopped) return;
    if (!this.round) {
      this.round = this.takeRound(nowMs).finally(() => {
        this.round = null;
      });
    }
    this.scheduleNext();
  }

  private scheduleNext(): void {
    const { intervalMs } = this.options;
    const nextSlotStartMs = (slotOf(Date.now(), intervalMs) + 1) * intervalMs;
    // The round is taken "at" the slot's start even when the timer fires a moment early or late, so its
    // snapshots fall in the slot every replica names the same way.
    this.timer = setTimeout(() => this.run(Math.max(Date.now(), nextSlotStartMs)), nextSlotStartMs - Date.now());
    // The server keeps the process alive; the snapshotter alone should not.
    this.timer.unref();
  }

  private async takeRound(nowMs: number): Promise<void> {
    const { registry, store, intervalMs, retentionDays, logger } = this.options;
    const round = { store, intervalMs, retentionDays, nowMs };
    await Promise.all(
      registry
        .all()
        .filter(snapshotsAccount)
        .map(async (account) => {
          // One scope per account: its own deadline and call allowance, as one query would have.
          const scope = new RequestScope(USAGE_HISTORY_PRINCIPAL, registry, {
            deadlineAtMs: Date.now() + this.options.roundTimeoutMs,
            maxUpstreamCalls: this.options.maxUpstreamCalls,
            clientGone: this.stopping.signal,
            requestId: `usage-history-${account.id}-${slotOf(nowMs, intervalMs)}`,
          });
          try {
            await snapshotAccount(scope.reads, account, round);
          } catch (error) {
            // A round cut short by shutdown is not an account failing.
            if (this.stopped) return;
            // Skipped for this round only; the code says why, never the message (it may carry provider text).
            logger.warn({ accountId: account.id, provider: account.provider, code: failureCode(error) }, 'usage snapshot skipped this round');
          }
        }),
    );
  }
}
