/**
 * Account queries, the admin mutation on an account, and the account's own fields. Thin: each field asks the
 * account's session. What an account holds (proxies, sub-users, ...) is in account-contents.resolver.ts.
 */
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { showsRemaining } from '../common/selection';
import type { Context } from '../context';
import { CallsUpstream } from '../common/upstream-calls';
import { Account, AccountProfile, Plan, Usage } from './account.type';
import { Capability, Provider, providerEnum, providerName } from '../common/enums';
import { DateTime } from '../common/scalars';
import { accountNode, AccountNode } from '../common/nodes';
import { accountUsage } from '../../domain/usage';

@ArgsType()
export class UsageArgs {
  @Field(() => DateTime, { nullable: true, description: "Start of the window; without it, each provider's own period." })
  from?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'End of the window (default now); needs from.' })
  to?: Date | null;
}

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => [Account], { description: 'Every account the caller may see, optionally of one provider.' })
  accounts(@Ctx() ctx: Context, @Arg('provider', () => Provider, { nullable: true }) provider?: Provider | null): AccountNode[] {
    return ctx.scope.reads.accounts({ provider: provider ? providerName(provider) : null }).map(accountNode);
  }

  @Query(() => Account, {
    nullable: true,
    description:
      'An account by its configured id; one that does not exist or is hidden is null with NOT_FOUND, the same answer as everywhere an account id is given.',
  })
  account(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): AccountNode {
    return accountNode(ctx.scope.reads.account(id));
  }

  @Mutation(() => Account, { description: 'Admin: close the credential breaker of an account after fixing its credentials.' })
  async resetProviderCredentials(@Ctx() ctx: Context, @Arg('accountId', () => ID) accountId: string): Promise<AccountNode> {
    const account = ctx.scope.writes.account(accountId);
    ctx.scope.principal.require('credentials');
    await account.adapter.resetCredentials?.();
    return accountNode(account);
  }

  @FieldResolver(() => Provider)
  provider(@Root() account: AccountNode): Provider {
    return providerEnum(account.provider);
  }

  @FieldResolver(() => [Capability])
  capabilities(@Root() account: AccountNode, @Ctx() ctx: Context): Capability[] {
    return [...ctx.scope.accountOf(account.id).capabilities].sort() as Capability[];
  }

  @CallsUpstream()
  @FieldResolver(() => AccountProfile, { nullable: true })
  profile(@Root() account: AccountNode, @Ctx() ctx: Context) {
    return ctx.scope.reads.facet(account.id, 'profile').get();
  }

  @CallsUpstream()
  @FieldResolver(() => Plan, { nullable: true })
  plan(@Root() account: AccountNode, @Ctx() ctx: Context) {
    return ctx.scope.reads.facet(account.id, 'plan').get();
  }

  @CallsUpstream()
  @FieldResolver(() => Usage, { nullable: true, description: 'Usage with the period it covers; see Usage.coversRequestedWindow when from/to are given.' })
  usage(@Root() account: AccountNode, @Ctx() ctx: Context, @Args() range: UsageArgs, @Info() info: GraphQLResolveInfo) {
    return accountUsage(ctx.scope.reads, account.id, { from: range.from, to: range.to, remaining: showsRemaining(info) });
  }
}
