/**
 * The account facets of a WonderProxy session: profile, plan (with the contract's expiry) and usage of the
 * current billing period, all from the request's one read of `/v0/contract`.
 */
import type { UsageRange } from '../contract/params';
import type { AccountProfileRecord, PlanRecord, UsageRecord } from '../contract/records';
import type { PlanFacet, ProfileFacet, UsageFacet } from '../contract/session';
import type { ContractReads } from './contract-reads';
import { toPlan, toProfile, toUsage } from './mapping';

export class WonderProxyProfile implements ProfileFacet {
  constructor(private readonly reads: ContractReads) {}

  async get(): Promise<AccountProfileRecord> {
    return toProfile(await this.reads.contract());
  }
}

export class WonderProxyPlan implements PlanFacet {
  constructor(private readonly reads: ContractReads) {}

  async get(): Promise<PlanRecord> {
    return toPlan(await this.reads.contract());
  }
}

/**
 * WonderProxy reports the current billing period only, so that is what every request gets, a window or not:
 * the figures say their period, and the domain marks them as not covering a window asked (domain/usage.ts).
 */
export class WonderProxyUsage implements UsageFacet {
  constructor(private readonly reads: ContractReads) {}

  async get(_range: UsageRange): Promise<UsageRecord> {
    return toUsage(await this.reads.contract());
  }
}
