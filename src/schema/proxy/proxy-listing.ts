/**
 * From GraphQL to the domain's proxy listing and back (the rules live in domain/proxies.ts): the filter
 * input becomes a ProxyQuery, records become nodes, the cross-account walk becomes a connection whose
 * failed accounts are reported beside the data.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { ListWindow, SelectedDetails } from '../../providers/contract/params';
import type { ProxyStatus, ProxyType } from '../../providers/contract/records';
import { listAccountProxies, walkProxies, type ProxyQuery } from '../../domain/proxies';
import { selectedPaths } from '../common/selection';
import type { Context } from '../context';
import { providerName } from '../common/enums';
import { Connection, connectionFrom } from '../common/pagination';
import { ProxyNode, toNode } from '../common/nodes';
import { reportAccountFailure } from '../common/partial';
import type { ProxyFilter } from './proxy.input';

export function proxyQuery(filter: ProxyFilter | null | undefined): ProxyQuery {
  return {
    providers: filter?.providers?.map(providerName),
    accountIds: filter?.accountIds,
    countries: filter?.countries,
    statuses: filter?.statuses as ProxyStatus[] | undefined,
    types: filter?.types as ProxyType[] | undefined,
  };
}

export async function accountProxiesConnection(
  ctx: Context,
  accountId: string,
  window: ListWindow,
  filter: ProxyFilter | null | undefined,
  details?: SelectedDetails,
): Promise<Connection<ProxyNode>> {
  const page = await listAccountProxies(ctx.scope.reads, accountId, window, proxyQuery(filter), details);
  const account = ctx.scope.accountOf(accountId);
  return connectionFrom(
    window,
    page.items.map((record) => toNode('Proxy', account, record)),
    page.hasMore,
    page.totalCount,
  );
}

export async function proxiesAcrossAccountsConnection(
  ctx: Context,
  info: GraphQLResolveInfo,
  first: number,
  after: string | null | undefined,
  filter: ProxyFilter | null | undefined,
  details: SelectedDetails,
): Promise<Connection<ProxyNode>> {
  const walk = await walkProxies(ctx.scope.reads, {
    first,
    after,
    query: proxyQuery(filter),
    details,
    withTotal: selectedPaths(info).has('totalCount'),
  });
  for (const failure of walk.failures) reportAccountFailure(ctx, info, failure.error, failure.account.id);
  const edges = walk.items.map((item) => ({ cursor: item.cursor, node: toNode('Proxy', item.account, item.record) }));
  return {
    edges,
    totalCount: walk.totalCount,
    pageInfo: {
      hasNextPage: walk.hasNextPage,
      hasPreviousPage: walk.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: walk.endCursor,
    },
  };
}
