/**
 * What an account holds, each read from the account's session for this request: its proxies, sub-users,
 * authorizations, DNS overrides, servers, services, proxy credentials and replacements.
 */
import { Arg, Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { proxyDetails, serverDetails } from '../common/selection';
import type { Context } from '../context';
import { CallsUpstream } from '../common/upstream-calls';
import { Account, ProxyCredentials } from './account.type';
import { AccountNode, toNode } from '../common/nodes';
import { connectionOf, PageArgs, windowFrom } from '../common/pagination';
import { ProxyConnection } from '../proxy/proxy.type';
import { ProxyFilter } from '../proxy/proxy.input';
import { SubUserConnection } from '../sub-user/sub-user.type';
import { HostnameAuthorization, IpAuthorization, IpAuthorizationUser } from '../ip-authorization/ip-authorization.type';
import { DnsOverride } from '../dns-override/dns-override.type';
import { DnsOverrideFilter } from '../dns-override/dns-override.input';
import { ProxyServer } from '../server/server.type';
import { Service } from '../service/service.type';
import { ProxyReplacementConnection } from '../replacement/replacement.type';
import { accountProxiesConnection } from '../proxy/proxy-listing';
import { listSubUsers } from '../../domain/sub-users';
import { listProxyReplacements } from '../../domain/proxies';

@Resolver(() => Account)
export class AccountContentsResolver {
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
    return connectionOf(window, result, (record) => toNode('SubUser', account, record));
  }

  @CallsUpstream()
  @FieldResolver(() => [IpAuthorization], { nullable: true })
  async ipAuthorizations(@Root() account: AccountNode, @Ctx() ctx: Context) {
    const records = await ctx.scope.reads.facet(account.id, 'ipAuthorizations').list();
    return records.map((record) => toNode('IpAuthorization', account, record));
  }

  @CallsUpstream()
  @FieldResolver(() => [IpAuthorizationUser], {
    nullable: true,
    description:
      "WonderProxy: the users the account's IP authorizations belong to, with whether each is active. Known only from the authlist (WonderProxy lists users nowhere else), so a user with no entry is absent.",
  })
  ipAuthorizationUsers(@Root() account: AccountNode, @Ctx() ctx: Context) {
    return ctx.scope.reads.facet(account.id, 'ipAuthorizationUsers').list();
  }

  @CallsUpstream()
  @FieldResolver(() => [HostnameAuthorization], { nullable: true })
  async hostnameAuthorizations(@Root() account: AccountNode, @Ctx() ctx: Context) {
    const records = await ctx.scope.reads.facet(account.id, 'hostnameAuthorizations').list();
    return records.map((record) => toNode('HostnameAuthorization', account, record));
  }

  @CallsUpstream()
  @FieldResolver(() => [DnsOverride], { nullable: true })
  async dnsOverrides(
    @Root() account: AccountNode,
    @Ctx() ctx: Context,
    @Arg('filter', () => DnsOverrideFilter, { nullable: true }) filter?: DnsOverrideFilter | null,
  ) {
    const records = await ctx.scope.reads.facet(account.id, 'dnsOverrides').list({ ip: filter?.ip, server: filter?.server });
    return records.map((record) => toNode('DnsOverride', account, record));
  }

  @CallsUpstream()
  @FieldResolver(() => [ProxyServer], { nullable: true, description: 'Servers on the account (WonderProxy contract servers, ProxyMesh proxy hosts).' })
  servers(@Root() account: AccountNode, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ctx.scope.reads.facet(account.id, 'servers').list(serverDetails(info));
  }

  @CallsUpstream()
  @FieldResolver(() => [Service], { nullable: true, description: 'Ping Proxies services.' })
  async services(@Root() account: AccountNode, @Ctx() ctx: Context) {
    const records = await ctx.scope.reads.facet(account.id, 'services').list();
    return records.map((record) => toNode('Service', account, record));
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
    return connectionOf(window, result, (record) => toNode('ProxyReplacement', account, record));
  }
}
