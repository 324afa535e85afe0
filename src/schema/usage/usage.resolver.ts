/** Usage across accounts: each account's figures with their period, and totals of like with like (domain/usage.ts). */
import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { CallsUpstream } from '../common/upstream-calls';
import { AccountUsage, UsageSummary } from './usage.type';
import { Account } from '../account/account.type';
import { UsageArgs } from '../account/account.resolver';
import { operationErrorFrom, type OperationError } from '../common/payloads';
import { accountNode, type AccountNode } from '../common/nodes';
import type { UsageTotalsExclusion } from '../common/enums';
import { showsRemaining } from '../common/selection';
import { summariseUsage, type UsageFigures } from '../../domain/usage';

interface AccountUsageShape {
  account: AccountNode;
  supported: boolean;
  usage: UsageFigures | null;
  error: OperationError | null;
  inTotals: boolean;
  notInTotalsBecause: UsageTotalsExclusion | null;
}

@Resolver(() => UsageSummary)
export class UsageResolver {
  @CallsUpstream()
  @Query(() => UsageSummary, {
    description:
      'Usage of every account you may see, each with the period it covers, and totals that add only figures of the same period; accounts whose provider cannot report usage are listed with supported: false.',
  })
  async usage(@Ctx() ctx: Context, @Args() range: UsageArgs, @Info() info: GraphQLResolveInfo) {
    const summary = await summariseUsage(ctx.scope.reads, { from: range.from, to: range.to, remaining: showsRemaining(info) });
    const accounts: AccountUsageShape[] = summary.accounts.map((entry) => ({
      account: accountNode(entry.account),
      supported: entry.supported,
      usage: entry.figures,
      error: entry.error ? operationErrorFrom(entry.error) : null,
      inTotals: entry.notInTotalsBecause === null,
      notInTotalsBecause: entry.notInTotalsBecause as UsageTotalsExclusion | null,
    }));
    const totalsByPeriod = summary.totalsByPeriod.map((total) => ({ usage: total.figures, accounts: total.accounts.map(accountNode) }));
    return { totals: summary.totals, totalsByPeriod, accounts };
  }
}

@Resolver(() => AccountUsage)
export class AccountUsageResolver {
  @FieldResolver(() => Account)
  account(@Root() entry: AccountUsageShape): AccountNode {
    return entry.account;
  }
}
