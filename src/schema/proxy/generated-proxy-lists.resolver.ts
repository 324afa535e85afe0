/**
 * Account fields for lists the provider writes itself (Ping): proxy lines for a search, residential gateway
 * lines, and which sub-users may use a selection of proxies. Lines carry proxy credentials, so they need
 * the `credentials` scope unless they carry none (IP_ADDRESS).
 */
import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { CallsUpstream } from '../common/upstream-calls';
import { Account } from '../account/account.type';
import type { AccountNode } from '../common/nodes';
import {
  IpVersion,
  ProxyListAuthentication,
  GeneratedProxyListFormat,
  ProxyListSearchFilter,
  ProxyUserListOption,
  ResidentialProxyListInput,
} from './generated-proxy-lists.type';
import { ProxyProtocol } from '../common/enums';
import { decodeGlobalId, encodeGlobalId } from '../../domain/ids';
import { badUserInput } from '../../core/errors';
import type { ProxyListFilter, ProxyListLineOptions } from '../../providers/contract/params';
import type { ProxyStatus, ProxyType } from '../../providers/contract/records';

/** A global id of the account's own `kind`, as its native id; another account's is refused. */
function nativeIdOn(accountId: string, id: string, kind: 'Proxy' | 'Service' | 'SubUser', field: string): string {
  const parts = decodeGlobalId(id, kind);
  if (parts.accountId !== accountId) throw badUserInput(`${field} names a ${kind} of another account`, { [field]: ['another account'] });
  return parts.nativeId;
}

function listFilter(accountId: string, filter: ProxyListSearchFilter | null | undefined): ProxyListFilter {
  return {
    countries: filter?.countries?.map((country) => country.toUpperCase()),
    statuses: filter?.statuses as ProxyStatus[] | undefined,
    types: filter?.types as ProxyType[] | undefined,
    serviceIds: filter?.serviceIds?.map((id) => nativeIdOn(accountId, id, 'Service', 'filter.serviceIds')),
  };
}

const lower = <T extends string>(value: string | null | undefined): T | undefined => (value ? (value.toLowerCase() as T) : undefined);

@Resolver(() => Account)
export class ProxyListsResolver {
  @CallsUpstream()
  @FieldResolver(() => [ProxyUserListOption], {
    nullable: true,
    description: 'Ping: every active sub-user, and whether it may use every proxy selected by proxyIds or by filter (exactly one).',
  })
  async proxyUserListOptions(
    @Root() account: AccountNode,
    @Ctx() ctx: Context,
    @Arg('proxyIds', () => [ID], { nullable: true }) proxyIds?: string[] | null,
    @Arg('filter', () => ProxyListSearchFilter, { nullable: true }) filter?: ProxyListSearchFilter | null,
  ): Promise<ProxyUserListOption[]> {
    if ((proxyIds == null) === (filter == null))
      throw badUserInput('give exactly one of proxyIds and filter', {
        proxyIds: ['exactly one of proxyIds and filter'],
        filter: ['exactly one of proxyIds and filter'],
      });
    const lists = ctx.scope.reads.facet(account.id, 'generatedProxyLists');
    const selection = proxyIds
      ? { proxyNativeIds: proxyIds.map((id) => nativeIdOn(account.id, id, 'Proxy', 'proxyIds')) }
      : { filter: listFilter(account.id, filter) };
    const options = await lists.listOptions(selection);
    return options.map((option) => ({
      subUserId: encodeGlobalId('SubUser', account.id, option.subUserNativeId),
      username: option.subUserNativeId,
      hasAccess: option.hasAccess,
      isDefault: option.isDefault,
    }));
  }

  @CallsUpstream()
  @FieldResolver(() => [String], {
    nullable: true,
    description:
      'Ping: one ready-to-use line per proxy the filter selects (proxy/list_by_search). Needs the `credentials` scope unless authentication is IP_ADDRESS.',
  })
  async formattedProxyList(
    @Root() account: AccountNode,
    @Ctx() ctx: Context,
    @Arg('filter', () => ProxyListSearchFilter, { nullable: true }) filter?: ProxyListSearchFilter | null,
    @Arg('format', () => GeneratedProxyListFormat, { nullable: true }) format?: GeneratedProxyListFormat | null,
    @Arg('authentication', () => ProxyListAuthentication, { nullable: true }) authentication?: ProxyListAuthentication | null,
    @Arg('protocol', () => ProxyProtocol, { nullable: true, description: 'For STANDARD lines: which port.' }) protocol?: ProxyProtocol | null,
    @Arg('ipVersion', () => IpVersion, { nullable: true }) ipVersion?: IpVersion | null,
    @Arg('subUserId', () => ID, { nullable: true, description: "Whose credentials the lines carry; default: the provider's default user." })
    subUserId?: string | null,
  ): Promise<string[]> {
    if (authentication !== ProxyListAuthentication.IP_ADDRESS) ctx.scope.principal.require('credentials');
    const lists = ctx.scope.reads.facet(account.id, 'generatedProxyLists');
    const options: ProxyListLineOptions = {
      format: lower(format),
      authentication: lower(authentication),
      protocol: lower(protocol),
      ipVersion: lower(ipVersion),
      subUserNativeId: subUserId ? nativeIdOn(account.id, subUserId, 'SubUser', 'subUserId') : null,
    };
    return lists.bySearch(listFilter(account.id, filter), options);
  }

  @CallsUpstream()
  @FieldResolver(() => [String], {
    nullable: true,
    description: 'Ping: residential gateway lines (residential/list), the session encoded by Ping in each line. Needs the `credentials` scope.',
  })
  async residentialProxyList(
    @Root() account: AccountNode,
    @Ctx() ctx: Context,
    @Arg('input', () => ResidentialProxyListInput, { nullable: true }) input?: ResidentialProxyListInput | null,
  ): Promise<string[]> {
    ctx.scope.principal.require('credentials');
    const lists = ctx.scope.reads.facet(account.id, 'generatedProxyLists');
    return lists.residential({
      subUserNativeId: input?.subUserId ? nativeIdOn(account.id, input.subUserId, 'SubUser', 'subUserId') : null,
      country: input?.country,
      subdivision: input?.subdivision,
      cityId: input?.cityId,
      count: input?.count,
      format: lower(input?.format),
      sessionType: lower<'sticky' | 'rotating'>(input?.sessionType),
      sessionTtlSeconds: input?.sessionTtlSeconds,
    });
  }
}
