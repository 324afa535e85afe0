/**
 * `Query.proxyList` and `Account.proxyList`: the proxy connections' selection and paging, as text to paste.
 * The rules (arguments, the `credentials` scope, the walk across accounts) live in domain/proxy-lists.ts.
 */
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context';
import { CallsUpstream } from '../common/upstream-calls';
import { Account } from '../account/account.type';
import type { AccountNode } from '../common/nodes';
import { encodeOffsetCursor, windowFrom } from '../common/pagination';
import { reportAccountFailure } from '../common/partial';
import { proxyQuery } from '../proxy/proxy-listing';
import { accountProxyList, proxyListAcrossAccounts, type ProxyListRequest } from '../../domain/proxy-lists';
import { ProxyListArgs, ProxyListText } from './proxy-list.type';

function listRequest(args: ProxyListArgs): ProxyListRequest {
  return { format: args.format, protocol: args.protocol, query: proxyQuery(args.filter) };
}

@Resolver()
export class ProxyListResolver {
  @CallsUpstream()
  @Query(() => ProxyListText, {
    description: 'The proxies of every visible account (the selection and order of Query.proxies) as text to paste, one page at a time.',
  })
  async proxyList(@Ctx() ctx: Context, @Info() info: GraphQLResolveInfo, @Args() args: ProxyListArgs): Promise<ProxyListText> {
    const window = windowFrom(args.first, null);
    const page = await proxyListAcrossAccounts(ctx.scope, window.limit, args.after, listRequest(args));
    for (const failure of page.failures) reportAccountFailure(ctx, info, failure.error, failure.account.id);
    return {
      text: page.text,
      lineCount: page.lineCount,
      skippedCount: page.skippedCount,
      pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: Boolean(args.after), startCursor: page.startCursor, endCursor: page.endCursor },
    };
  }
}

@Resolver(() => Account)
export class AccountProxyListResolver {
  @CallsUpstream()
  @FieldResolver(() => ProxyListText, {
    nullable: true,
    description: "This account's proxies (the selection and order of Account.proxies) as text to paste, one page at a time.",
  })
  async proxyList(@Root() account: AccountNode, @Ctx() ctx: Context, @Args() args: ProxyListArgs): Promise<ProxyListText> {
    const window = windowFrom(args.first, args.after);
    const page = await accountProxyList(ctx.scope, account.id, window, listRequest(args));
    // Cursors count proxies covered, rendered or skipped, so the next page starts after the last one.
    const cursorAt = (index: number) => encodeOffsetCursor(window.offset + index);
    return {
      text: page.text,
      lineCount: page.lineCount,
      skippedCount: page.skippedCount,
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: window.offset > 0,
        startCursor: page.proxyCount > 0 ? cursorAt(0) : null,
        endCursor: page.proxyCount > 0 ? cursorAt(page.proxyCount - 1) : null,
      },
    };
  }
}
