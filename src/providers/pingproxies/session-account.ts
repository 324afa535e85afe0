/** Ping's profile, plan and usage facets: views over the request's shared account reads. */
import type { UsageRange } from '../contract/params';
import type { AccountProfileRecord, PlanRecord, UsageRecord } from '../contract/records';
import type { PlanFacet, ProfileFacet, UsageFacet } from '../contract/session';
import type { PingAccountReads } from './account-reads';
import { toPlan, toProfile, toUsage } from './mapping';

export class PingProfile implements ProfileFacet {
  constructor(private readonly reads: PingAccountReads) {}

  async get(): Promise<AccountProfileRecord> {
    return toProfile(await this.reads.customer());
  }
}

/** The plan is the customer with what they bought. */
export class PingPlan implements PlanFacet {
  constructor(private readonly reads: PingAccountReads) {}

  async get(): Promise<PlanRecord> {
    const [customer, services] = await Promise.all([this.reads.customer(), this.reads.services()]);
    return toPlan(customer, services);
  }
}

export class PingUsage implements UsageFacet {
  constructor(private readonly reads: PingAccountReads) {}

  /**
   * The residential pool's lifetime figures, a window or not: the summary has no period [C]. They say
   * LIFETIME, and the domain marks them as not covering a window asked (domain/usage.ts).
   */
  async get(_range: UsageRange): Promise<UsageRecord> {
    return toUsage(await this.reads.residentialSummary());
  }
}
