/**
 * Proxy listing for one account and across accounts. Filters on providers/accountIds pick accounts; the
 * rest (countries, statuses, types) go to the adapter, which pushes down what its provider can filter.
 *
 * Across accounts the order is: accounts in configuration order, each account's proxies in its provider's
 * order. The cursor records (account, offset), so a page continues exactly where the last one stopped and
 * only the upstream pages covering it are read.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { ListWindow, ProxyListFilter, SelectedDetails } from '../../providers/contract/params';
import type { ProxyStatus, ProxyType } from '../../providers/contract/records';
import { proxyDetails, selectedPaths } from '../common/selection';
import { badUserInput } from '../../core/errors';
import type { Context } from '../context';
import type { RegisteredAccount } from '../../domain/registry';
import { fanOut } from '../../domain/fan-out';
import { providerName } from '../common/enums';
import { Connection, connectionFrom } from '../common/pagination';
import { ProxyNode, toNode } from '../common/nodes';
import { reportAccountFailure } from '../common/partial';
import type { ProxyFilter } from './proxy.input';

function adapterFilter(filter: ProxyFilter | null): ProxyListFilter {
  return {
    countries: filter?.countries?.map((country) => country.toUpperCase()),
    statuses: filter?.statuses as ProxyStatus[] | undefined,
    types: filter?.types as ProxyType[] | undefined,
  };
}

function accountMatches(ctx: Context, accountId: string, filter: ProxyFilter | null): boolean {
  const account = ctx.scope.reads.account(accountId);
  if (filter?.accountIds && !filter.accountIds.includes(accountId)) return false;
  if (filter?.providers && !filter.providers.map(providerName).includes(account.provider)) return false;
  return true;
}

export async function listAccountProxies(
  ctx: Context,
  accountId: string,
  window: ListWindow,
  filter: ProxyFilter | null,
  details?: SelectedDetails,
): Promise<Connection<ProxyNode>> {
  const account = ctx.scope.reads.account(accountId);
  const list = ctx.scope.reads.facet(accountId, 'proxies').list;
  if (!accountMatches(ctx, accountId, filter) || window.limit === 0) {
    return connectionFrom(window, [], false, accountMatches(ctx, accountId, filter) ? null : 0);
  }
  const page = await list(window, adapterFilter(filter), details);
  const nodes = page.items.map((record) => toNode('Proxy', account, record));
  return connectionFrom(window, nodes, page.hasMore, page.totalCount);
}

interface CrossAccountCursor {
  accountId: string;
  offset: number;
}

function encodeCrossCursor(cursor: CrossAccountCursor): string {
  return Buffer.from(`acct:${cursor.offset}:${cursor.accountId}`, 'utf8').toString('base64url');
}

function decodeCrossCursor(value: string): CrossAccountCursor {
  const match = /^acct:(\d{1,9}):(.+)$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  if (!match) throw badUserInput(`"${value.slice(0, 80)}" is not a valid cursor`, { after: ['not a cursor from this list'] });
  return { offset: Number(match[1]), accountId: match[2] };
}

export async function listProxiesAcrossAccounts(
  ctx: Context,
  info: GraphQLResolveInfo,
  first: number,
  after: string | null | undefined,
  filter: ProxyFilter | null,
): Promise<Connection<ProxyNode>> {
  const accounts = ctx.scope.reads
    .accounts({
      provider: null,
      accountIds: filter?.accountIds ?? null,
    })
    .filter((account) => account.capabilities.has('PROXIES'))
    .filter((account) => !filter?.providers || filter.providers.map(providerName).includes(account.provider));

  const start = after ? decodeCrossCursor(after) : null;
  let index = start ? accounts.findIndex((account) => account.id === start.accountId) : 0;
  if (start && index < 0) throw badUserInput('the cursor points at an account that is not in this list', { after: ['stale cursor'] });
  let offset = start ? start.offset + 1 : 0;

  const details = proxyDetails(info, 'edges.node');
  const edges: Array<{ cursor: string; node: ProxyNode }> = [];
  // Totals per account id as providers report them (null = this provider cannot count).
  const counts = new Map<string, number | null>();
  let hasNextPage = false;
  while (index < accounts.length) {
    const account = accounts[index];
    const need = first - edges.length;
    if (need <= 0) {
      hasNextPage = true;
      break;
    }
    try {
      const page = await ctx.scope.reads.facet(account.id, 'proxies').list({ offset, limit: need }, adapterFilter(filter), details);
      page.items.forEach((record, position) => {
        edges.push({ cursor: encodeCrossCursor({ accountId: account.id, offset: offset + position }), node: toNode('Proxy', account, record) });
      });
      counts.set(account.id, page.totalCount);
      if (page.hasMore) {
        hasNextPage = true;
        break;
      }
    } catch (error) {
      reportAccountFailure(ctx, info, error, account.id);
      counts.set(account.id, null);
    }
    index += 1;
    offset = 0;
  }
  const totalCount = selectedPaths(info).has('totalCount') ? await countAcrossAccounts(ctx, accounts, counts, filter, details) : null;
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: Boolean(start),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/**
 * The total across accounts, asked only when `totalCount` is selected: accounts the walk did not reach (or
 * passed on an earlier page) are counted with a one-item window each, in parallel. Null as soon as one
 * account cannot count or fails; that failure is already reported beside the data.
 */
async function countAcrossAccounts(
  ctx: Context,
  accounts: readonly RegisteredAccount[],
  known: ReadonlyMap<string, number | null>,
  filter: ProxyFilter | null,
  details: SelectedDetails,
): Promise<number | null> {
  const missing = accounts.filter((account) => !known.has(account.id));
  const outcomes = await fanOut(missing, async (account) => {
    const page = await ctx.scope.reads.facet(account.id, 'proxies').list({ offset: 0, limit: 1 }, adapterFilter(filter), details);
    return page.totalCount;
  });
  const totals = [...known.values(), ...outcomes.map((outcome) => (outcome.ok ? outcome.value : null))];
  return totals.every((value): value is number => value !== null) ? totals.reduce((sum, value) => sum + value, 0) : null;
}
