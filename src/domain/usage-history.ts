/**
 * Usage history (issue 16): ProxyGraph's own record of each account's usage over time, so clients can chart
 * what providers report only as a current figure. Every interval the snapshotter reads each account's
 * current usage (the same read as `Account.usage`, through a RequestScope, so through the read cache and the
 * rate budgets) and keeps it as a snapshot; for accounts with an hourly series (Webshare) it also keeps the
 * hours since the last one it holds, so they outlive the provider's own 90 days. Reading the history is a
 * read of the store only: no upstream call, the same read permission as `Account.usage`.
 *
 * Replicas sharing Redis take one snapshot per account per interval slot: each (account, slot) is claimed
 * first (SET NX PX), and only the replica that wins it reads the provider.
 */
import { badUserInput, ProxyGraphError } from '../core/errors';
import type { UsagePeriod, UsagePointRecord } from '../providers/contract/records';
import type { AccessView } from './request-scope';
import type { RegisteredAccount } from './registry';
import { figuresOf } from './usage';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Defaults of the `usageHistory` configuration. */
export const USAGE_HISTORY_DEFAULTS = { enabled: true, intervalSeconds: 900, retentionDays: 90 } as const;

/**
 * How far back a first read of an hourly series reaches: providers keep their series 90 days (Webshare), and
 * a window starting at exactly that edge could be refused by a provider whose clock is a little ahead.
 */
export const SERIES_FIRST_READ_MS = 89 * DAY_MS;

/**
 * A window may exceed the retention by this much, so a client that computes `from = now - retention` on its
 * own clock, a moment before the server does, is not refused.
 */
export const WINDOW_SLACK_MS = HOUR_MS;

/** One snapshot of an account's usage, as stored (times as ISO-8601 strings). */
export interface UsageSnapshotRecord {
  accountId: string;
  takenAt: string;
  bandwidthUsedBytes: number | null;
  bandwidthLimitBytes: number | null;
  bandwidthRemainingBytes: number | null;
  requestsTotal: number | null;
  period: UsagePeriod | null;
  periodStart: string | null;
  periodEnd: string | null;
}

/** One hour of a provider's hourly series, as stored; a later read of the same hour replaces it. */
export interface UsageHourRecord {
  accountId: string;
  hourStart: string;
  bandwidthBytes: number;
  requestsTotal: number | null;
  requestsSucceeded: number | null;
  requestsFailed: number | null;
}

/** Where snapshots and hours are kept: a file in dataDir (one replica) or Redis (shared by replicas). */
export interface UsageHistoryStore {
  addSnapshot(snapshot: UsageSnapshotRecord): Promise<void>;
  /** Keeps these hours; an hour already held is replaced (the current hour grows until it is over). */
  putHours(accountId: string, hours: readonly UsageHourRecord[]): Promise<void>;
  /** Snapshots with takenAt in [fromMs, toMs], oldest first. */
  snapshots(accountId: string, fromMs: number, toMs: number): Promise<UsageSnapshotRecord[]>;
  /** Hours starting in [fromMs, toMs], oldest first. */
  hours(accountId: string, fromMs: number, toMs: number): Promise<UsageHourRecord[]>;
  /** Start (epoch ms) of the newest hour held for the account, or null. */
  lastHourMs(accountId: string): Promise<number | null>;
  /** True for the one caller that may snapshot this account in this slot (replicas sharing the store race for it). */
  claim(accountId: string, slot: number, ttlMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** What reading the history needs besides the caller's view. */
export interface UsageHistorySource {
  store: UsageHistoryStore;
  intervalSeconds: number;
  retentionDays: number;
}

export interface UsageHistoryRequest {
  from?: Date | null;
  to?: Date | null;
}

/** A snapshot as the graph shows it: times as instants. */
export interface UsageSnapshot extends Omit<UsageSnapshotRecord, 'accountId' | 'takenAt' | 'periodStart' | 'periodEnd'> {
  takenAt: Date;
  periodStart: Date | null;
  periodEnd: Date | null;
}

export interface UsageHistory {
  intervalSeconds: number;
  retentionDays: number;
  /** Oldest first. */
  snapshots: UsageSnapshot[];
  /** Null where the provider has no hourly series. */
  hourly: UsagePointRecord[] | null;
}

/**
 * The window a history read covers: [from, to], by default the whole retention up to now. Checked before
 * anything is read: `from` after `to`, or a window wider than the retention (plus WINDOW_SLACK_MS), is
 * BAD_USER_INPUT.
 */
export function historyWindow(request: UsageHistoryRequest, retentionDays: number, nowMs = Date.now()): { fromMs: number; toMs: number } {
  const retentionMs = retentionDays * DAY_MS;
  const toMs = request.to ? request.to.getTime() : nowMs;
  const fromMs = request.from ? request.from.getTime() : toMs - retentionMs;
  if (fromMs > toMs) throw badUserInput('from must not be after to (now when to is omitted)', { from: ['after to'] });
  if (toMs - fromMs > retentionMs + WINDOW_SLACK_MS) {
    throw badUserInput(`the window is wider than the ${retentionDays} days usage history is kept`, { from: [`more than ${retentionDays} days before to`] });
  }
  return { fromMs, toMs };
}

/**
 * An account's usage history as the caller may see it. The account goes through the view (the `read` scope
 * and the caller's account list, exactly like `Account.usage`); null where the provider cannot report usage
 * or history is off. Makes no upstream call.
 */
export async function readUsageHistory(
  view: AccessView<'read'>,
  source: UsageHistorySource | undefined,
  accountId: string,
  request: UsageHistoryRequest,
  nowMs = Date.now(),
): Promise<UsageHistory | null> {
  const retentionDays = source?.retentionDays ?? USAGE_HISTORY_DEFAULTS.retentionDays;
  const window = historyWindow(request, retentionDays, nowMs);
  const account = view.account(accountId);
  if (!source || !account.capabilities.has('USAGE')) return null;
  const [snapshots, hours] = await Promise.all([
    source.store.snapshots(account.id, window.fromMs, window.toMs),
    account.capabilities.has('USAGE_HISTORY') ? source.store.hours(account.id, window.fromMs, window.toMs) : Promise.resolve(null),
  ]);
  return {
    intervalSeconds: source.intervalSeconds,
    retentionDays: source.retentionDays,
    snapshots: snapshots.map(({ accountId: _accountId, ...snapshot }) => ({
      ...snapshot,
      takenAt: new Date(snapshot.takenAt),
      periodStart: snapshot.periodStart === null ? null : new Date(snapshot.periodStart),
      periodEnd: snapshot.periodEnd === null ? null : new Date(snapshot.periodEnd),
    })),
    hourly: hours && hours.map(pointOf),
  };
}

/** Whether the snapshotter reads this account at all. */
export function snapshotsAccount(account: Pick<RegisteredAccount, 'capabilities'>): boolean {
  return account.capabilities.has('USAGE');
}

/** The interval slot an instant falls in: replicas agree on it, so it names "this round" for every one. */
export function slotOf(nowMs: number, intervalMs: number): number {
  return Math.floor(nowMs / intervalMs);
}

export interface SnapshotRound {
  store: UsageHistoryStore;
  intervalMs: number;
  retentionDays: number;
  /** The round's instant: every snapshot of the round is taken "at" it, and it names the slot. */
  nowMs: number;
}

/**
 * One account's part of a round: claim the slot, read the usage, keep it; then keep the hourly series since
 * the last hour held (the last one is read again: it may have been the current, unfinished hour). Returns
 * false when another replica holds the slot. Throws what the read threw (the caller logs and goes on).
 */
export async function snapshotAccount(view: AccessView<'read'>, account: RegisteredAccount, round: SnapshotRound): Promise<boolean> {
  // Twice the interval: long enough that no replica can claim the slot again while it is current.
  if (!(await round.store.claim(account.id, slotOf(round.nowMs, round.intervalMs), 2 * round.intervalMs))) return false;
  const record = await view.facet(account.id, 'usage').get({ remaining: true });
  if (record) await round.store.addSnapshot(snapshotOf(account.id, figuresOf(record, null), round.nowMs));
  if (!account.capabilities.has('USAGE_HISTORY')) return true;
  const lastHourMs = await round.store.lastHourMs(account.id);
  const earliestMs = round.nowMs - Math.min(round.retentionDays * DAY_MS, SERIES_FIRST_READ_MS);
  const fromMs = Math.ceil(Math.max(lastHourMs ?? earliestMs, earliestMs) / HOUR_MS) * HOUR_MS;
  if (fromMs > round.nowMs) return true;
  // Up to now only: hours after now are the provider's forecast, not usage to keep.
  const points = await view.facet(account.id, 'usageHistory').series({ from: new Date(fromMs), to: new Date(round.nowMs) });
  const hours = points.filter((point) => !point.projected).map((point) => hourOf(account.id, point));
  if (hours.length) await round.store.putHours(account.id, hours);
  return true;
}

/** The error code a failed account is logged with (never its message: it may name what the provider said). */
export function failureCode(error: unknown): string {
  return error instanceof ProxyGraphError ? error.code : 'INTERNAL_SERVER_ERROR';
}

function snapshotOf(accountId: string, figures: ReturnType<typeof figuresOf>, nowMs: number): UsageSnapshotRecord {
  return {
    accountId,
    takenAt: new Date(nowMs).toISOString(),
    bandwidthUsedBytes: figures.bandwidthUsedBytes ?? null,
    bandwidthLimitBytes: figures.bandwidthLimitBytes ?? null,
    bandwidthRemainingBytes: figures.bandwidthRemainingBytes ?? null,
    requestsTotal: figures.requestsTotal ?? null,
    period: figures.period,
    periodStart: figures.periodStart?.toISOString() ?? null,
    periodEnd: figures.periodEnd?.toISOString() ?? null,
  };
}

function hourOf(accountId: string, point: UsagePointRecord): UsageHourRecord {
  return {
    accountId,
    hourStart: point.hourStart.toISOString(),
    bandwidthBytes: point.bandwidthBytes,
    requestsTotal: point.requestsTotal,
    requestsSucceeded: point.requestsSucceeded,
    requestsFailed: point.requestsFailed,
  };
}

function pointOf(hour: UsageHourRecord): UsagePointRecord {
  return {
    hourStart: new Date(hour.hourStart),
    bandwidthBytes: hour.bandwidthBytes,
    requestsTotal: hour.requestsTotal,
    requestsSucceeded: hour.requestsSucceeded,
    requestsFailed: hour.requestsFailed,
    projected: false,
  };
}
