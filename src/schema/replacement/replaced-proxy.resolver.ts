/** Replaced proxies: every one of the account's, or those one replacement removed (domain/replaced-proxies.ts). */
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { CallsUpstream } from '../common/upstream-calls';
import { Account } from '../account/account.type';
import type { AccountNode, ProxyReplacementNode } from '../common/nodes';
import { connectionOf, PageArgs, windowFrom } from '../common/pagination';
import { ProxyReplacement } from './replacement.type';
import { ReplacedProxyConnection } from './replaced-proxy.type';
import { listReplacedProxies } from '../../domain/replaced-proxies';

const asIs = <T>(record: T) => record;

@Resolver(() => Account)
export class AccountReplacedProxiesResolver {
  @CallsUpstream()
  @FieldResolver(() => ReplacedProxyConnection, {
    nullable: true,
    description: "Proxies that left the list (manual replacements and automatic ones), in the provider's order.",
  })
  async replacedProxies(@Root() account: AccountNode, @Ctx() ctx: Context, @Args() page: PageArgs) {
    const window = windowFrom(page.first, page.after);
    return connectionOf(window, await listReplacedProxies(ctx.scope.reads, account.id, window), asIs);
  }
}

@Resolver(() => ProxyReplacement)
export class ProxyReplacementReplacedProxiesResolver {
  @CallsUpstream()
  @FieldResolver(() => ReplacedProxyConnection, {
    nullable: true,
    description: 'The proxies this replacement removed and what replaced each; empty until it completes.',
  })
  async replacedProxies(@Root() replacement: ProxyReplacementNode, @Ctx() ctx: Context, @Args() page: PageArgs) {
    const window = windowFrom(page.first, page.after);
    return connectionOf(window, await listReplacedProxies(ctx.scope.reads, replacement.accountId, window, replacement.nativeId), asIs);
  }
}
