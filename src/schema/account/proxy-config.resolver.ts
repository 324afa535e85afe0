/**
 * The account's proxy config family (Webshare): the rotating gateway and its usernames, the proxy list's status
 * and composition, the proxy settings, and the mutations that change them. Thin: each field asks one facet.
 */
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { CallsUpstream } from '../common/upstream-calls';
import { accountNode, type AccountNode } from '../common/nodes';
import { Account } from './account.type';
import { PortRange, ProxyGateway, ProxyListStats, ProxyListStatus, ProxySettings } from './proxy-config.type';
import { CountryCountInput } from '../sub-user/sub-user.input';
import { countryCounts, GatewayUsernameInput, gatewayUsernameParams, ProxySettingsInput, proxySettingsChange } from './proxy-config.input';
import type { ProxyGatewayRecord, ProxyListStatusRecord } from '../../providers/contract/records';

type ProxyGatewayNode = ProxyGatewayRecord & { accountId: string };

@Resolver(() => Account)
export class AccountProxyConfigResolver {
  @CallsUpstream()
  @FieldResolver(() => ProxyGateway, {
    nullable: true,
    description: 'Webshare: the backbone gateway (p.webshare.io), which list the proxies come from, and the username grammar.',
  })
  async proxyGateway(@Root() account: AccountNode, @Ctx() ctx: Context): Promise<ProxyGatewayNode> {
    return { ...(await ctx.scope.reads.facet(account.id, 'proxyGateway').get()), accountId: account.id };
  }

  @CallsUpstream()
  @FieldResolver(() => ProxyListStatus, { nullable: true, description: 'Webshare: whether the proxy list is ready, its countries and what is unallocated.' })
  proxyListStatus(@Root() account: AccountNode, @Ctx() ctx: Context) {
    return ctx.scope.reads.facet(account.id, 'proxyAllocation').status();
  }

  @CallsUpstream()
  @FieldResolver(() => ProxyListStats, { nullable: true, description: 'Webshare: the proxy list by IP range and ASN, and what is available.' })
  proxyListStats(@Root() account: AccountNode, @Ctx() ctx: Context) {
    return ctx.scope.reads.facet(account.id, 'proxyAllocation').stats();
  }

  @CallsUpstream()
  @FieldResolver(() => ProxySettings, {
    nullable: true,
    description: 'Webshare: timeouts, where IP-authorized clients may connect from, automatic replacement.',
  })
  proxySettings(@Root() account: AccountNode, @Ctx() ctx: Context) {
    return ctx.scope.reads.facet(account.id, 'proxySettings').get();
  }

  @CallsUpstream()
  @Mutation(() => Account, { description: 'Webshare: change proxy settings; only the fields given change.' })
  async updateProxySettings(
    @Ctx() ctx: Context,
    @Arg('accountId', () => ID) accountId: string,
    @Arg('input', () => ProxySettingsInput) input: ProxySettingsInput,
  ): Promise<AccountNode> {
    await ctx.scope.writes.facet(accountId, 'proxySettings').update(proxySettingsChange(input));
    return accountNode(ctx.scope.writes.account(accountId));
  }

  @CallsUpstream()
  @Mutation(() => Account, {
    description: 'Webshare: place the proxies the plan could not allocate; the counts must add up to proxyListStatus.unallocatedCount.',
  })
  async allocateUnallocatedCountries(
    @Ctx() ctx: Context,
    @Arg('accountId', () => ID) accountId: string,
    @Arg('countries', () => [CountryCountInput]) countries: CountryCountInput[],
  ): Promise<AccountNode> {
    await ctx.scope.writes.facet(accountId, 'proxyAllocation').allocate(countryCounts(countries));
    return accountNode(ctx.scope.writes.account(accountId));
  }
}

@Resolver(() => ProxyGateway)
export class ProxyGatewayResolver {
  @FieldResolver(() => PortRange, { nullable: true })
  portRange(@Root() gateway: ProxyGatewayNode): PortRange | null {
    return gateway.portRangeFrom === null || gateway.portRangeTo === null ? null : { from: gateway.portRangeFrom, to: gateway.portRangeTo };
  }

  @CallsUpstream()
  @FieldResolver(() => String, { description: 'The username with targeting appended, e.g. myuser-us-1234 (sticky US) or myuser-de-rotate.' })
  usernameFor(
    @Root() gateway: ProxyGatewayNode,
    @Ctx() ctx: Context,
    @Arg('targeting', () => GatewayUsernameInput, { nullable: true }) targeting?: GatewayUsernameInput | null,
  ): Promise<string> {
    return ctx.scope.reads.facet(gateway.accountId, 'proxyGateway').username(gatewayUsernameParams(targeting));
  }
}

@Resolver(() => ProxyListStatus)
export class ProxyListStatusResolver {
  @FieldResolver(() => String, { nullable: true })
  password(@Root() status: ProxyListStatusRecord, @Ctx() ctx: Context): string | null {
    ctx.scope.principal.require('credentials');
    return status.password ?? null;
  }
}
