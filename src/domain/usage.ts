/**
 * Usage of one account and across accounts (docs/architecture.md §4a). Providers report different
 * periods (Webshare any window of its last 90 days, WonderProxy its current billing period, Ping the
 * account's whole life), so every figure says which period it covers and whether that is the window asked,
 * and totals add only figures of one period: adding a lifetime to a month is a number that means nothing.
 */
import { badUserInput } from '../core/errors';
import type { UsagePeriod, UsageRecord } from '../providers/contract/records';
import { fanOut } from './fan-out';
import type { RegisteredAccount } from './registry';
import type { AccessView } from './request-scope';

export interface UsageWindow {
  from: Date;
  to: Date;
}

export interface UsageRequest {
  from?: Date | null;
  to?: Date | null;
  /** Whether bandwidthRemainingBytes is shown (providers/contract/params.ts UsageRange.remaining). */
  remaining?: boolean;
}

/** Usage figures as the graph shows them: the record's, plus whether they cover the window asked. */
export interface UsageFigures extends Omit<UsageRecord, 'period'> {
  /** Null only on totals that add nothing (no window asked and the accounts' periods differ). */
  period: UsagePeriod | null;
  /** True: exactly the window asked; false: a window was asked and these cover another period; null: none was asked. */
  coversRequestedWindow: boolean | null;
}

/** Why an account's figures are not in `totals`. */
export type UsageExclusion = 'UNSUPPORTED' | 'FAILED' | 'NO_FIGURES' | 'WINDOW_NOT_COVERED' | 'PERIOD_DIFFERS';

export interface AccountUsage {
  account: RegisteredAccount;
  supported: boolean;
  figures: UsageFigures | null;
  error: unknown;
  /** Null when the account's figures are added into `totals`. */
  notInTotalsBecause: UsageExclusion | null;
}

/** The sum of the figures of the accounts that share one period. */
export interface UsageTotal {
  figures: UsageFigures;
  accounts: RegisteredAccount[];
}

export interface UsageSummary {
  /** The window's totals when one is asked; with none, the one period every reporting account shares, if any. */
  totals: UsageFigures;
  /** One total per distinct period (kind and bounds), in account order of first appearance. */
  totalsByPeriod: UsageTotal[];
  accounts: AccountUsage[];
}

/**
 * The window asked, resolved once per request so that every account is asked the same one and their
 * figures can be added: `to` defaults to now. `to` alone names no window (it would start wherever each
 * provider's period starts), so it is refused, as is a window that ends before it starts.
 */
export function requestedWindow(request: UsageRequest, nowMs = Date.now()): UsageWindow | null {
  if (!request.from) {
    if (request.to) throw badUserInput("a usage window needs from; omit to as well for each provider's own period", { from: ['required with to'] });
    return null;
  }
  const to = request.to ?? new Date(nowMs);
  if (request.from > to) throw badUserInput('from must not be after to (now when to is omitted)', { from: ['after to'] });
  return { from: request.from, to };
}

/** One account's usage: its figures for the window asked, or for its own period marked as not covering it. */
export async function accountUsage(view: AccessView<'read'>, accountId: string, request: UsageRequest): Promise<UsageFigures | null> {
  const window = requestedWindow(request);
  const record = await view.facet(accountId, 'usage').get({ from: window?.from, to: window?.to, remaining: request.remaining });
  return record ? figuresOf(record, window) : null;
}

/** Every visible account's usage, and totals that add only like with like. */
export async function summariseUsage(view: AccessView<'read'>, request: UsageRequest): Promise<UsageSummary> {
  const window = requestedWindow(request);
  const range = { from: window?.from, to: window?.to, remaining: request.remaining };
  const outcomes = await fanOut(
    view.accounts().map((account) => ({ account })),
    async ({ account }) => (account.capabilities.has('USAGE') ? view.facet(account.id, 'usage').get(range) : null),
  );
  return summarise(
    outcomes.map((outcome) => ({
      account: outcome.account,
      supported: outcome.account.capabilities.has('USAGE'),
      figures: outcome.ok && outcome.value ? figuresOf(outcome.value, window) : null,
      error: outcome.ok ? null : outcome.error,
    })),
    window,
  );
}

/** A record as the graph shows it: whether it covers the window, and request counts that add up. */
export function figuresOf(record: UsageRecord, window: UsageWindow | null): UsageFigures {
  return {
    ...record,
    ...requestCounts(record),
    coversRequestedWindow: covers(record, window),
  };
}

/**
 * The summary rule, given each account's figures: accounts grouped by the period their figures cover; the
 * window's group is `totals` when a window is asked; with none, `totals` is the one group when every
 * reporting account shares its period, and adds nothing otherwise (totalsByPeriod has each period).
 */
export function summarise(entries: ReadonlyArray<Omit<AccountUsage, 'notInTotalsBecause'>>, window: UsageWindow | null): UsageSummary {
  const groups = new Map<string, Array<{ account: RegisteredAccount; figures: UsageFigures }>>();
  for (const entry of entries) {
    if (!entry.figures) continue;
    const key = periodKey(entry.figures);
    groups.set(key, [...(groups.get(key) ?? []), { account: entry.account, figures: entry.figures }]);
  }
  const totalsByPeriod = [...groups.values()].map((members) => ({
    figures: sum(members.map((member) => member.figures)),
    accounts: members.map((member) => member.account),
  }));
  const windowKey = window ? periodKey({ period: 'REQUESTED_WINDOW', periodStart: window.from, periodEnd: window.to }) : null;
  const added = windowKey ? groups.get(windowKey) : groups.size === 1 ? [...groups.values()][0] : undefined;
  const addedIds = new Set(added?.map((member) => member.account.id));
  const accounts = entries.map((entry) => ({ ...entry, notInTotalsBecause: addedIds.has(entry.account.id) ? null : exclusion(entry, window) }));
  const totals = added ? sum(added.map((member) => member.figures)) : nothingAdded(window);
  return { totals, totalsByPeriod, accounts };
}

function exclusion(entry: Omit<AccountUsage, 'notInTotalsBecause'>, window: UsageWindow | null): UsageExclusion {
  if (!entry.supported) return 'UNSUPPORTED';
  if (entry.error) return 'FAILED';
  if (!entry.figures) return 'NO_FIGURES';
  return window ? 'WINDOW_NOT_COVERED' : 'PERIOD_DIFFERS';
}

/**
 * A window is covered only by figures of exactly that window: a provider that answers with its billing
 * period or its lifetime instead says so through `period`, and is not added to the window's totals.
 */
function covers(record: Pick<UsageRecord, 'period' | 'periodStart' | 'periodEnd'>, window: UsageWindow | null): boolean | null {
  if (!window) return null;
  return record.period === 'REQUESTED_WINDOW' && sameInstant(record.periodStart, window.from) && sameInstant(record.periodEnd, window.to);
}

/**
 * Request counts add up or are null (docs/architecture.md §4a): `requestsTotal = requestsSucceeded +
 * requestsFailed` whenever the provider splits its requests (the sum is taken, so the three always agree).
 * A provider that reports only a total (Ping's lifetime count) cannot be checked, so all three are null
 * rather than a total that no split accounts for; a half split is no split.
 */
function requestCounts(
  record: Pick<UsageRecord, 'requestsTotal' | 'requestsSucceeded' | 'requestsFailed'>,
): Pick<UsageRecord, 'requestsTotal' | 'requestsSucceeded' | 'requestsFailed'> {
  const { requestsSucceeded: succeeded, requestsFailed: failed } = record;
  if (isCount(succeeded) && isCount(failed)) return { requestsTotal: succeeded + failed, requestsSucceeded: succeeded, requestsFailed: failed };
  return { requestsTotal: null, requestsSucceeded: null, requestsFailed: null };
}

const SUMMED = ['bandwidthUsedBytes', 'bandwidthLimitBytes', 'bandwidthRemainingBytes', 'requestsTotal', 'requestsSucceeded', 'requestsFailed'] as const;

/**
 * Figures of one period added up. A figure is summed only when every member reports it: a sum with a
 * member missing would look complete and be too small (and an unlimited plan's null limit stays null).
 */
function sum(members: UsageFigures[]): UsageFigures {
  const [first] = members;
  const totals: UsageFigures = {
    period: first.period,
    periodStart: first.periodStart,
    periodEnd: first.periodEnd,
    coversRequestedWindow: first.coversRequestedWindow,
  };
  for (const key of SUMMED) {
    const values = members.map((member) => member[key]);
    totals[key] = values.every(isCount) ? (values as number[]).reduce((total, value) => total + value, 0) : null;
  }
  return { ...totals, ...requestCounts(totals) };
}

/** Totals over no account: of the window when one was asked, else of no period at all. */
function nothingAdded(window: UsageWindow | null): UsageFigures {
  const empty = {
    bandwidthUsedBytes: null,
    bandwidthLimitBytes: null,
    bandwidthRemainingBytes: null,
    requestsTotal: null,
    requestsSucceeded: null,
    requestsFailed: null,
  };
  if (window) return { ...empty, period: 'REQUESTED_WINDOW', periodStart: window.from, periodEnd: window.to, coversRequestedWindow: true };
  return { ...empty, period: null, periodStart: null, periodEnd: null, coversRequestedWindow: null };
}

function periodKey(figures: { period: UsagePeriod | null; periodStart?: Date | null; periodEnd?: Date | null }): string {
  return `${figures.period}|${figures.periodStart?.getTime() ?? ''}|${figures.periodEnd?.getTime() ?? ''}`;
}

function sameInstant(a: Date | null | undefined, b: Date): boolean {
  return a instanceof Date && a.getTime() === b.getTime();
}

function isCount(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
