/** The Webshare account itself: profile, the managed plan, and usage from the aggregate stats. */
import type { UsageRange } from '../contract/params';
import type { PlanFacet, ProfileFacet, UsageFacet } from '../contract/session';
import { sessionMemo } from '../shared/loaders';
import type { WebshareClient } from './client';
import { toPlan, toProfile, toUsage } from './mapping';
import type { WebshareAccountReads } from './session-reads';
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

export class WebshareUsage implements UsageFacet {
  constructor(
    private readonly client: WebshareClient,
    private readonly account: WebshareAccountReads,
  ) {}

  /** From the period start by default, but never before the retention: older figures no longer exist. */
  async get(range: UsageRange) {
    const now = Date.now();
    checkUsageRange(range, now);
    const [subscription, plan] = await Promise.all([this.account.subscription(), this.account.plan()]);
    const to = range.to ?? new Date(now);
    const periodStart = new Date(subscription.start_date);
    const earliest = statsRetentionStart(now);
    const from = range.from ?? (periodStart > earliest ? periodStart : earliest);
    const stats = await this.client.aggregateStats({ timestamp__gte: from.toISOString(), timestamp__lte: to.toISOString() });
    return toUsage(stats, plan, from, to);
  }
}
