/** Account.usageSeries: hourly usage for charts (domain/usage-series.ts). */
import { Args, ArgsType, Ctx, Field, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { CallsUpstream } from '../common/upstream-calls';
import { DateTime } from '../common/scalars';
import { Account } from '../account/account.type';
import type { AccountNode } from '../common/nodes';
import { UsagePoint } from './usage-series.type';
import { accountUsageSeries } from '../../domain/usage-series';

@ArgsType()
export class UsageSeriesArgs {
  @Field(() => DateTime, { description: 'Start of the window (Webshare: at most 90 days ago).' })
  from!: Date;

  @Field(() => DateTime, {
    nullable: true,
    description: 'End of the window, default now; later than now gives projected hours (Webshare: not after the subscription ends).',
  })
  to?: Date | null;
}

@Resolver(() => Account)
export class UsageSeriesResolver {
  @CallsUpstream()
  @FieldResolver(() => [UsagePoint], {
    nullable: true,
    description: 'Traffic hour by hour, oldest first: every hour that starts in the window and had traffic, and projected hours after now.',
  })
  usageSeries(@Root() account: AccountNode, @Ctx() ctx: Context, @Args() range: UsageSeriesArgs) {
    return accountUsageSeries(ctx.scope.reads, account.id, { from: range.from, to: range.to });
  }
}
