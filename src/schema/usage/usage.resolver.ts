/** Usage across accounts: per account and totals in bytes. */
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { CallsUpstream } from '../common/upstream-calls';
import { AccountUsage, UsageSummary } from './usage.type';
import { Account, Usage } from '../account/account.type';
import { checkRange, UsageArgs } from '../account/account.resolver';
import { operationErrorFrom, OperationError } from '../common/payloads';
import { accountNode, AccountNode } from '../common/nodes';
import { fanOut } from '../../domain/fan-out';
import type { UsageRecord } from '../../providers/contract/records';

interface AccountUsageShape {
  account: AccountNode;
  supported: boolean;
  usage: UsageRecord | null;
  error: OperationError | null;
}

const SUMMED = ['bandwidthUsedBytes', 'bandwidthLimitBytes', 'bandwidthRemainingBytes', 'requestsTotal', 'requestsSucceeded', 'requestsFailed'] as const;

function total(usages: UsageRecord[], range: UsageArgs): Usage {
  const totals: Usage = {
    bandwidthUsedBytes: null,
    bandwidthLimitBytes: null,
    bandwidthRemainingBytes: null,
    requestsTotal: null,
    requestsSucceeded: null,
    requestsFailed: null,
    periodStart: range.from ?? null,
    periodEnd: range.to ?? null,
  };
  for (const key of SUMMED) {
    const values = usages.map((usage) => usage[key]).filter((value): value is number => typeof value === 'number');
    totals[key] = values.length ? values.reduce((sum, value) => sum + value, 0) : null;
  }
  return totals;
}

@Resolver(() => UsageSummary)
export class UsageResolver {
  @CallsUpstream()
  @Query(() => UsageSummary, { description: 'Usage per account and totals in bytes; accounts whose provider cannot report usage are listed with supported: false.' })
  async usage(@Ctx() ctx: Context, @Args() range: UsageArgs) {
    checkRange(range);
    const accounts = ctx.scope.reads.accounts().map((account) => ({ account }));
    const outcomes = await fanOut(accounts, async ({ account }) => {
      if (!account.capabilities.has('USAGE')) return undefined;
      return ctx.scope.reads.facet(account.id, 'usage').get({ from: range.from, to: range.to });
    });
    const perAccount: AccountUsageShape[] = outcomes.map((outcome) => ({
      account: accountNode(outcome.account),
      supported: outcome.account.capabilities.has('USAGE'),
      usage: outcome.ok ? outcome.value ?? null : null,
      error: outcome.ok ? null : operationErrorFrom(outcome.error),
    }));
    return { totals: total(perAccount.flatMap((entry) => (entry.usage ? [entry.usage] : [])), range), accounts: perAccount };
  }
}

@Resolver(() => AccountUsage)
export class AccountUsageResolver {
  @FieldResolver(() => Account)
  account(@Root() entry: AccountUsageShape): AccountNode {
    return entry.account;
  }
}
