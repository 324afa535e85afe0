/**
 * The account facets of a WonderProxy session: profile, plan (with the contract's expiry) and usage of the
 * current billing period, all from the request's one read of `/v0/contract`.
 */
import type { AccountErrors } from '../../core/errors';
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

export class WonderProxyUsage implements UsageFacet {
  constructor(
    private readonly reads: ContractReads,
    private readonly errors: AccountErrors,
  ) {}

  /** WonderProxy reports the current billing period only; a window would be answered with the wrong figures. */
  async get(range: UsageRange): Promise<UsageRecord> {
    if (range.from || range.to) {
      throw this.errors.badInput('WonderProxy reports usage for the current billing period only; omit from/to (periodStart/periodEnd say which period)', {
        from: ['not supported by WonderProxy'],
      });
    }
    return toUsage(await this.reads.contract());
  }
}
