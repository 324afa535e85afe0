/** Account.usageHistory: a read of what ProxyGraph kept, never of the provider (domain/usage-history.ts). */
import { Args, ArgsType, Ctx, Field, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { DateTime } from '../common/scalars';
import { Account } from '../account/account.type';
import type { AccountNode } from '../common/nodes';
import { UsageHistory } from './usage-history.type';
import { readUsageHistory } from '../../domain/usage-history';

@ArgsType()
export class UsageHistoryArgs {
  @Field(() => DateTime, { nullable: true, description: 'Start of the window; default: retentionDays before to.' })
  from?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'End of the window; default now. The window may not be wider than retentionDays.' })
  to?: Date | null;
}

@Resolver(() => Account)
export class UsageHistoryResolver {
  // No @CallsUpstream: the history is read from ProxyGraph's own store.
  @FieldResolver(() => UsageHistory, {
    nullable: true,
    description:
      'Usage snapshots ProxyGraph took of this account, oldest first, within [from, to] (default: the whole retention); null where the provider cannot report usage.',
  })
  usageHistory(@Root() account: AccountNode, @Ctx() ctx: Context, @Args() range: UsageHistoryArgs) {
    return readUsageHistory(ctx.scope.reads, ctx.scope.usageHistory, account.id, { from: range.from, to: range.to });
  }
}
