/** The Webshare account itself: profile, the managed plan, and usage from the aggregate stats. */
import type { UsageRange } from '../contract/params';
import type { UsageRecord } from '../contract/records';
import type { PlanFacet, ProfileFacet, UsageFacet } from '../contract/session';
import { perKeyLoader, sessionMemo } from '../shared/loaders';
import type { WebshareClient } from './client';
import { bandwidthLimitBytes, toPlan, toProfile, toUsage } from './mapping';
import type { WebshareAccountReads } from './session-reads';
import type { WebshareAggregateStats } from './wire';
import { checkUsageRange, statsRetentionStart } from './validate';

export class WebshareProfile implements ProfileFacet {
  private readonly profile = sessionMemo(() => this.client.profile());

  constructor(private readonly client: WebshareClient) {}

  async get() {
    return toProfile(await this.profile.get());
  }
}

export class WebsharePlan implements PlanFacet {
  constructor(private readonly account: WebshareAccountReads) {}

  async get() {
    const [subscription, plan] = await Promise.all([this.account.subscription(), this.account.plan()]);
    return toPlan(plan, subscription);
  }
}

/**
 * Usage from the aggregate stats. With no window: the current billing period (the subscription's start to
 * end, used so far). With a window: exactly that window (Webshare's stats are hourly: a window counts the
 * hours that start inside it), and remaining from a second read of the billing period when it is shown.
 */
const HOUR_MS = 3_600_000;

export class WebshareUsage implements UsageFacet {
  /** One instant per session, so the billing period is read once however often usage is asked in a request. */
  private readonly nowMs = Date.now();
  private readonly stats = perKeyLoader(
    (key: string) => {
      const [from, to] = key.split('|');
      return this.client.aggregateStats({ timestamp__gte: from, timestamp__lte: to });
    },
    { absentMeansNull: () => false },
  );

  constructor(
    private readonly client: WebshareClient,
    private readonly account: WebshareAccountReads,
  ) {}

  async get(range: UsageRange): Promise<UsageRecord> {
    checkUsageRange(range, this.nowMs);
    const [subscription, plan] = await Promise.all([this.account.subscription(), this.account.plan()]);
    const billing = { period: 'BILLING_PERIOD' as const, periodStart: new Date(subscription.start_date), periodEnd: new Date(subscription.end_date) };
    const limitBytes = bandwidthLimitBytes(plan);
    if (!range.from) {
      const stats = await this.billingPeriodStats(billing.periodStart, billing.periodEnd);
      return toUsage(stats, billing, limitBytes, stats?.bandwidth_total ?? null);
    }
    const to = range.to ?? new Date(this.nowMs);
    const [stats, planPeriod] = await Promise.all([
      this.read(range.from, to),
      range.remaining === false ? null : this.billingPeriodStats(billing.periodStart, billing.periodEnd),
    ]);
    return toUsage(stats, { period: 'REQUESTED_WINDOW', periodStart: range.from, periodEnd: to }, limitBytes, planPeriod?.bandwidth_total ?? null);
  }

  /**
   * The billing period so far (Webshare refuses a `timestamp__lte` past the subscription's end). Null when
   * the period began before the 90-day retention: part of its usage no longer exists, so no figure of the
   * whole period (nor remaining) can be given.
   */
  private async billingPeriodStats(start: Date, end: Date): Promise<WebshareAggregateStats | null> {
    if (start < statsRetentionStart(this.nowMs)) return null;
    // Hourly rows are stamped with their hour's start, so asking up to the current hour's start covers the
    // same rows as asking up to now, with a query that stays the same for the hour: the read cache keeps it.
    const currentHourStartMs = Math.floor(this.nowMs / HOUR_MS) * HOUR_MS;
    return this.read(start, new Date(Math.min(end.getTime(), Math.max(currentHourStartMs, start.getTime()))));
  }

  private async read(from: Date, to: Date): Promise<WebshareAggregateStats> {
    return (await this.stats.load(`${from.toISOString()}|${to.toISOString()}`))!;
  }
}
