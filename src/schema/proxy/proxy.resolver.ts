/** Proxy queries, fields and the proxy-list mutations (Webshare refresh, replacement, credentials). */
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context';
import { CallsUpstream } from '../common/upstream-calls';
import { Proxy, ProxyConnection, ProxyPorts } from './proxy.type';
import { ProxyFilter } from './proxy.input';
import { Account, ProxyCredentials } from '../account/account.type';
import { Provider, ProxyProtocol, ProxyType, providerEnum } from '../common/enums';
import { accountNode, AccountNode, ProxyNode, ProxyReplacementNode, toNode } from '../common/nodes';
import { PageArgs, windowFrom } from '../common/pagination';
import { proxiesAcrossAccountsConnection } from './proxy-listing';
import { decodeGlobalId } from '../../domain/ids';
import { ProxyReplacement } from '../replacement/replacement.type';
import { ProxyCredentialsInput, ReplaceProxiesInput, replaceProxiesParams } from '../replacement/replacement.input';
import type { ProxyCredentialsRecord } from '../../providers/contract/records';
import type { SelectedDetails } from '../../providers/contract/params';
import { proxyDetails } from '../common/selection';
import { nullWhenNotFound } from '../common/not-found';
import { proxyType, proxyUrl } from '../../domain/proxy-details';

export async function loadProxy(ctx: Context, id: string, details?: SelectedDetails): Promise<ProxyNode | null> {
  const { accountId, nativeId } = decodeGlobalId(id, 'Proxy');
  const account = nullWhenNotFound(() => ctx.scope.reads.account(accountId));
  if (!account) return null;
  const record = await ctx.scope.reads.facet(accountId, 'proxies').get(nativeId, details);
  return record ? toNode('Proxy', account, record) : null;
}

@Resolver(() => Proxy)
export class ProxyResolver {
  @CallsUpstream()
  @Query(() => ProxyConnection, { description: "Proxies across every visible account: accounts in configuration order, each in its provider's order." })
  proxies(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Args() page: PageArgs,
    @Arg('filter', () => ProxyFilter, { nullable: true }) filter?: ProxyFilter | null,
  ) {
    const window = windowFrom(page.first, null);
    return proxiesAcrossAccountsConnection(ctx, info, window.limit, page.after, filter, proxyDetails(info, 'edges.node'));
  }

  @CallsUpstream()
  @Query(() => Proxy, { nullable: true })
  proxy(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Info() info: GraphQLResolveInfo) {
    return loadProxy(ctx, id, proxyDetails(info));
  }

  @FieldResolver(() => Account)
  account(@Root() proxy: ProxyNode, @Ctx() ctx: Context): AccountNode {
    return accountNode(ctx.scope.accountOf(proxy.accountId));
  }

  @FieldResolver(() => Provider)
  provider(@Root() proxy: ProxyNode): Provider {
    return providerEnum(proxy.provider);
  }

  @CallsUpstream()
  @FieldResolver(() => ProxyType, { nullable: true })
  async type(@Root() proxy: ProxyNode, @Ctx() ctx: Context): Promise<ProxyType | null> {
    return (await proxyType(ctx.scope.reads, proxy.accountId, proxy)) as ProxyType | null;
  }

  @FieldResolver(() => ProxyPorts)
  ports(@Root() proxy: ProxyNode): ProxyPorts {
    return { http: proxy.httpPort ?? null, socks5: proxy.socks5Port ?? null };
  }

  @FieldResolver(() => String, { nullable: true, description: 'Needs the `credentials` scope.' })
  password(@Root() proxy: ProxyNode, @Ctx() ctx: Context): string | null {
    ctx.scope.principal.require('credentials');
    return proxy.password ?? null;
  }

  @CallsUpstream()
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Ready-to-use URL, e.g. http://user:pass@host:port. The password is in it only under the `credentials` scope; without that scope the URL has the username and no password.',
  })
  async url(
    @Root() proxy: ProxyNode,
    @Ctx() ctx: Context,
    @Arg('protocol', () => ProxyProtocol, { defaultValue: ProxyProtocol.HTTP }) protocol: ProxyProtocol,
  ): Promise<string | null> {
    return proxyUrl(ctx.scope.reads, proxy.accountId, proxy, protocol, ctx.scope.principal.has('credentials'));
  }

  @CallsUpstream()
  @Mutation(() => Account, { description: 'Webshare: use one on-demand refresh to renew the proxy list.' })
  async refreshProxyList(@Ctx() ctx: Context, @Arg('accountId', () => ID) accountId: string): Promise<AccountNode> {
    await ctx.scope.writes.facet(accountId, 'proxyListRefresh').refresh();
    return accountNode(ctx.scope.writes.account(accountId));
  }

  @CallsUpstream()
  @Mutation(() => ProxyReplacement, { description: 'Webshare: start a proxy replacement (or a dry run). Poll proxyReplacement(id) for its state.' })
  async replaceProxies(@Ctx() ctx: Context, @Arg('input', () => ReplaceProxiesInput) input: ReplaceProxiesInput): Promise<ProxyReplacementNode> {
    const account = ctx.scope.writes.account(input.accountId);
    const record = await ctx.scope.writes.facet(input.accountId, 'proxyReplacement').create(replaceProxiesParams(input));
    return toNode('ProxyReplacement', account, record);
  }

  @CallsUpstream()
  @Query(() => ProxyReplacement, { nullable: true })
  async proxyReplacement(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<ProxyReplacementNode | null> {
    const { accountId, nativeId } = decodeGlobalId(id, 'ProxyReplacement');
    const account = ctx.scope.reads.account(accountId);
    const record = await ctx.scope.reads.facet(accountId, 'proxyReplacement').get(nativeId);
    return record ? toNode('ProxyReplacement', account, record) : null;
  }

  @CallsUpstream()
  @Mutation(() => Account, { description: 'Webshare: change the proxy username/password or timeouts.' })
  async updateProxyCredentials(
    @Ctx() ctx: Context,
    @Arg('accountId', () => ID) accountId: string,
    @Arg('input', () => ProxyCredentialsInput) input: ProxyCredentialsInput,
  ): Promise<AccountNode> {
    if (input.password != null) ctx.scope.principal.require('credentials');
    await ctx.scope.writes.facet(accountId, 'proxyCredentials').update(input);
    return accountNode(ctx.scope.writes.account(accountId));
  }
}

@Resolver(() => ProxyCredentials)
export class ProxyCredentialsResolver {
  @FieldResolver(() => String, { nullable: true })
  password(@Root() credentials: ProxyCredentialsRecord, @Ctx() ctx: Context): string | null {
    ctx.scope.principal.require('credentials');
    return credentials.password ?? null;
  }
}

@Resolver(() => ProxyReplacement)
export class ProxyReplacementResolver {
  @FieldResolver(() => Account)
  account(@Root() replacement: ProxyReplacementNode, @Ctx() ctx: Context): AccountNode {
    return accountNode(ctx.scope.accountOf(replacement.accountId));
  }
}
