/** Proxy queries, fields and the proxy-list mutations (Webshare refresh, replacement, credentials). */
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context';
import { CallsUpstream } from '../common/upstream-calls';
import { Proxy, ProxyConnection, ProxyPorts } from './proxy.type';
import { ProxyFilter } from './proxy.input';
import { Account, ProxyCredentials } from '../account/account.type';
import { PageArgs } from '../account/account.resolver';
import { Provider, ProxyProtocol, ProxyType, providerEnum } from '../common/enums';
import { accountNode, AccountNode, ProxyNode, ProxyReplacementNode, toNode } from '../common/nodes';
import { windowFrom } from '../common/pagination';
import { proxiesAcrossAccountsConnection } from './proxy-listing';
import { decodeGlobalId } from '../../domain/ids';
import { ProxyReplacement } from '../replacement/replacement.type';
import { ProxyCredentialsInput, ReplaceProxiesInput } from '../replacement/replacement.input';
import { badUserInput } from '../../core/errors';
import type { ProxyCredentialsRecord, ProxyReplacementSelectorRecord } from '../../providers/contract/records';
import type { SelectedDetails } from '../../providers/contract/params';
import type { ProxySelectorInput } from '../replacement/replacement.input';
import { proxyDetails } from '../common/selection';
import { nullWhenNotFound } from '../common/not-found';

export async function loadProxy(ctx: Context, id: string, details?: SelectedDetails): Promise<ProxyNode | null> {
  const { accountId, nativeId } = decodeGlobalId(id, 'Proxy');
  const account = nullWhenNotFound(() => ctx.scope.reads.account(accountId));
  if (!account) return null;
  const record = await ctx.scope.reads.facet(accountId, 'proxies').get(nativeId, details);
  return record ? toNode('Proxy', account, record) : null;
}

function selectorRecord(input: ProxySelectorInput): ProxyReplacementSelectorRecord {
  return {
    type: input.type,
    ipRanges: input.ipRanges ?? null,
    ipAddresses: input.ipAddresses ?? null,
    asnNumbers: input.asnNumbers ?? null,
    countryCode: input.countryCode?.toUpperCase() ?? null,
    count: input.count ?? null,
  };
}

@Resolver(() => Proxy)
export class ProxyResolver {
  @CallsUpstream()
  @Query(() => ProxyConnection, { description: 'Proxies across every visible account: accounts in configuration order, each in its provider\'s order.' })
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
    if (proxy.type !== undefined) return (proxy.type as ProxyType | null) ?? null;
    const proxies = ctx.scope.reads.facet(proxy.accountId, 'proxies');
    return ((await proxies.defaultType?.()) as ProxyType | null | undefined) ?? null;
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
    description: 'Ready-to-use URL, e.g. http://user:pass@host:port. Includes the password, so it needs the `credentials` scope when the proxy has one.',
  })
  async url(
    @Root() proxy: ProxyNode,
    @Ctx() ctx: Context,
    @Arg('protocol', () => ProxyProtocol, { defaultValue: ProxyProtocol.HTTP }) protocol: ProxyProtocol,
  ): Promise<string | null> {
    if (proxy.password) ctx.scope.principal.require('credentials');
    const port = protocol === ProxyProtocol.HTTP ? proxy.httpPort : proxy.socks5Port;
    if (!port) return null;
    // Providers that format URLs themselves (Ping's list_by_id) batch every proxy of the request into one call.
    const proxies = ctx.scope.reads.facet(proxy.accountId, 'proxies');
    if (proxies.urls) {
      const formatted = (await proxies.urls([proxy.nativeId], protocol)).get(proxy.nativeId);
      if (formatted) return formatted;
    }
    const scheme = protocol === ProxyProtocol.HTTP ? 'http' : 'socks5';
    const auth = proxy.username
      ? `${encodeURIComponent(proxy.username)}${proxy.password ? `:${encodeURIComponent(proxy.password)}` : ''}@`
      : '';
    const host = proxy.host.includes(':') ? `[${proxy.host}]` : proxy.host;
    return `${scheme}://${auth}${host}:${port}`;
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
    validateSelectors(input);
    const account = ctx.scope.writes.account(input.accountId);
    const record = await ctx.scope.writes.facet(input.accountId, 'proxyReplacement').create({
      toReplace: selectorRecord(input.toReplace),
      replaceWith: input.replaceWith.map(selectorRecord),
      dryRun: input.dryRun,
    });
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
    if (input.username == null && input.password == null && input.requestTimeoutSeconds == null && input.requestIdleTimeoutSeconds == null) {
      throw badUserInput('give at least one of username, password, requestTimeoutSeconds, requestIdleTimeoutSeconds');
    }
    if (input.password != null) ctx.scope.principal.require('credentials');
    await ctx.scope.writes.facet(accountId, 'proxyCredentials').update(input);
    return accountNode(ctx.scope.writes.account(accountId));
  }
}

/** Selector rules the provider documents, checked before any upstream call. */
function validateSelectors(input: ReplaceProxiesInput): void {
  const problems: Record<string, string[]> = {};
  const check = (selector: ProxySelectorInput, field: string, side: 'toReplace' | 'replaceWith') => {
    const need = (ok: boolean, message: string) => {
      if (!ok) (problems[field] ??= []).push(message);
    };
    switch (selector.type) {
      case 'IP_RANGE':
        need(Boolean(selector.ipRanges?.length), 'IP_RANGE needs ipRanges');
        for (const range of selector.ipRanges ?? []) need(hostBitsZero(range), `${range} has host bits set`);
        break;
      case 'IP_ADDRESS':
        need(side === 'toReplace', 'IP_ADDRESS can only be used in toReplace');
        need(Boolean(selector.ipAddresses?.length), 'IP_ADDRESS needs ipAddresses');
        break;
      case 'ASN':
        need(Boolean(selector.asnNumbers?.length), 'ASN needs asnNumbers');
        break;
      case 'COUNTRY':
        need(Boolean(selector.countryCode), 'COUNTRY needs countryCode');
        break;
      case 'ANY':
        need(side === 'replaceWith', 'ANY can only be used in replaceWith');
        need(Boolean(selector.count), 'ANY needs count');
        break;
    }
  };
  check(input.toReplace, 'toReplace', 'toReplace');
  input.replaceWith.forEach((selector, index) => check(selector, `replaceWith[${index}]`, 'replaceWith'));
  if (Object.keys(problems).length > 0) throw badUserInput('invalid proxy selectors', problems);
}

function hostBitsZero(cidr: string): boolean {
  const [address, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  const octets = address.split('.').map(Number);
  if (bits < 0 || bits > 32 || octets.some((octet) => octet > 255)) return false;
  const value = octets.reduce((total, octet) => total * 256 + octet, 0);
  const hostSize = 2 ** (32 - bits);
  return value % hostSize === 0;
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
