/** Account queries and the fields that hang off an account. Thin: each field asks the account's session. */
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { proxyDetails, serverDetails, showsRemaining } from '../common/selection';
import { IsOptional, Max, Min } from 'class-validator';
import type { Context } from '../context';
import { CallsUpstream } from '../common/upstream-calls';
import { Account, AccountProfile, Plan, ProxyCredentials, Usage } from './account.type';
import { Capability, Provider, providerEnum, providerName } from '../common/enums';
import { DateTime } from '../common/scalars';
import { accountNode, AccountNode, toNode } from '../common/nodes';
import { connectionFrom, windowFrom } from '../common/pagination';
import { ProxyConnection } from '../proxy/proxy.type';
import { ProxyFilter } from '../proxy/proxy.input';
import { SubUserConnection } from '../sub-user/sub-user.type';
import { HostnameAuthorization, IpAuthorization } from '../ip-authorization/ip-authorization.type';
import { DnsOverride } from '../dns-override/dns-override.type';
import { DnsOverrideFilter } from '../dns-override/dns-override.input';
import { ProxyServer } from '../server/server.type';
import { Service } from '../service/service.type';
import { ProxyReplacementConnection } from '../replacement/replacement.type';
import { accountProxiesConnection } from '../proxy/proxy-listing';
import { listSubUsers } from '../../domain/sub-users';
import { listProxyReplacements } from '../../domain/proxies';
import { accountUsage } from '../../domain/usage';
import { nullWhenNotFound } from '../common/not-found';

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'At most 100; default 25.' })
  @IsOptional()
  @Min(0)
  @Max(100)
  first?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  after?: string | null;
}

@ArgsType()
export class UsageArgs {
  @Field(() => DateTime, { nullable: true, description: 'Start of the window; without it, each provider\'s own period.' })
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

  @Query(() => Account, { nullable: true })
  account(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): AccountNode | null {
    return nullWhenNotFound(() => accountNode(ctx.scope.reads.account(id)));
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

  @CallsUpstream()
  @FieldResolver(() => ProxyConnection, { nullable: true })
  async proxies(
    @Root() account: AccountNode,
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => ProxyFilter, { nullable: true }) filter?: ProxyFilter | null,
  ) {
    const window = windowFrom(page.first, page.after);
    return accountProxiesConnection(ctx, account.id, window, filter, proxyDetails(info, 'edges.node'));
  }

  @CallsUpstream()
  @FieldResolver(() => SubUserConnection, { nullable: true })
  async subUsers(@Root() account: AccountNode, @Ctx() ctx: Context, @Args() page: PageArgs) {
    const window = windowFrom(page.first, page.after);
    const result = await listSubUsers(ctx.scope.reads, account.id, window);
    const registered = ctx.scope.accountOf(account.id);
    return connectionFrom(window, result.items.map((record) => toNode('SubUser', registered, record)), result.hasMore, result.totalCount);
  }

  @CallsUpstream()
  @FieldResolver(() => [IpAuthorization], { nullable: true })
  async ipAuthorizations(@Root() account: AccountNode, @Ctx() ctx: Context) {
    const registered = ctx.scope.reads.account(account.id);
    const records = await ctx.scope.reads.facet(account.id, 'ipAuthorizations').list();
    return records.map((record) => toNode('IpAuthorization', registered, record));
  }

  @CallsUpstream()
  @FieldResolver(() => [HostnameAuthorization], { nullable: true })
  async hostnameAuthorizations(@Root() account: AccountNode, @Ctx() ctx: Context) {
    const registered = ctx.scope.reads.account(account.id);
    const records = await ctx.scope.reads.facet(account.id, 'hostnameAuthorizations').list();
    return records.map((record) => toNode('HostnameAuthorization', registered, record));
  }

  @CallsUpstream()
  @FieldResolver(() => [DnsOverride], { nullable: true })
  async dnsOverrides(
    @Root() account: AccountNode,
    @Ctx() ctx: Context,
    @Arg('filter', () => DnsOverrideFilter, { nullable: true }) filter?: DnsOverrideFilter | null,
  ) {
    const registered = ctx.scope.reads.account(account.id);
    const records = await ctx.scope.reads.facet(account.id, 'dnsOverrides').list({
      ip: filter?.ip,
      server: filter?.server,
    });
    return records.map((record) => toNode('DnsOverride', registered, record));
  }

  @CallsUpstream()
  @FieldResolver(() => [ProxyServer], { nullable: true, description: 'Servers on the account (WonderProxy contract servers, ProxyMesh proxy hosts).' })
  servers(@Root() account: AccountNode, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ctx.scope.reads.facet(account.id, 'servers').list(serverDetails(info));
  }

  @CallsUpstream()
  @FieldResolver(() => [Service], { nullable: true, description: 'Ping Proxies services.' })
  async services(@Root() account: AccountNode, @Ctx() ctx: Context) {
    const registered = ctx.scope.reads.account(account.id);
    const records = await ctx.scope.reads.facet(account.id, 'services').list();
    return records.map((record) => toNode('Service', registered, record));
  }

  @CallsUpstream()
  @FieldResolver(() => ProxyCredentials, { nullable: true, description: 'Proxy username/password and timeouts (Webshare proxy config).' })
  proxyCredentials(@Root() account: AccountNode, @Ctx() ctx: Context) {
    return ctx.scope.reads.facet(account.id, 'proxyCredentials').get();
  }

  @CallsUpstream()
  @FieldResolver(() => ProxyReplacementConnection, { nullable: true, description: 'Webshare proxy replacements, newest last.' })
  async proxyReplacements(@Root() account: AccountNode, @Ctx() ctx: Context, @Args() page: PageArgs) {
    const window = windowFrom(page.first, page.after);
    const result = await listProxyReplacements(ctx.scope.reads, account.id, window);
    const registered = ctx.scope.accountOf(account.id);
    return connectionFrom(window, result.items.map((record) => toNode('ProxyReplacement', registered, record)), result.hasMore, result.totalCount);
  }
}

