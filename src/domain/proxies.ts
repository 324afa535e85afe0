/**
 * Proxies of one account, and of every account as one list (docs/architecture.md, "Meaning across
 * accounts"). The order across accounts: accounts in configuration order, each account's proxies in its
 * provider's order. A cursor records (account, position), so a page continues exactly where the previous
 * one stopped and only the provider pages that cover it are read.
 *
 * Paging never skips silently: an account that fails while a page is built ends the page there. The page
 * holds what came before it, the failure is reported with the account's id, `hasNextPage` is true, and the
 * cursor to continue from leads to that account again, so the next call retries it. Every proxy is reached
 * once the account answers again; a walk has no duplicates and no gaps. The one exception is an account
 * named in the filter whose provider cannot list proxies at all (UNSUPPORTED_BY_PROVIDER): retrying could
 * never succeed, so it is reported and passed.
 */
import { badUserInput, isCode } from '../core/errors';
import type { ProviderName } from '../core/providers';
import type { ListWindow, ProxyListFilter, SelectedDetails } from '../providers/contract/params';
import type { ProxyListPage, ProxyRecord, ProxyReplacementRecord, ProxyStatus, ProxyType } from '../providers/contract/records';
import { fanOut } from './fan-out';
import type { AccessView } from './request-scope';
import type { RegisteredAccount } from './registry';
import { targets } from './targets';
import { readPage, type Page } from './paging';

export interface ProxyQuery {
  providers?: readonly ProviderName[] | null;
  accountIds?: readonly string[] | null;
  countries?: readonly string[] | null;
  statuses?: readonly ProxyStatus[] | null;
  types?: readonly ProxyType[] | null;
}

export interface AccountFailure {
  account: RegisteredAccount;
  error: unknown;
}

/** What adapters filter on (countries upper-case); accounts and providers are chosen before. */
function providerFilter(query: ProxyQuery): ProxyListFilter {
  return {
    countries: query.countries?.map((country) => country.toUpperCase()),
    statuses: query.statuses ? [...query.statuses] : undefined,
    types: query.types ? [...query.types] : undefined,
  };
}

/** Whether an account is in the query's accounts and providers (a filter on one account's own list). */
function accountMatches(account: RegisteredAccount, query: ProxyQuery): boolean {
  return (!query.accountIds || query.accountIds.includes(account.id)) && (!query.providers?.length || query.providers.includes(account.provider));
}

/** One account's proxies in a window; an account outside the query's accounts or providers has none. */
export async function listAccountProxies(
  view: AccessView<'read'>,
  accountId: string,
  window: ListWindow,
  query: ProxyQuery,
  details?: SelectedDetails,
): Promise<ProxyListPage> {
  const account = view.account(accountId);
  const proxies = view.facet(accountId, 'proxies');
  if (!accountMatches(account, query)) return { items: [], totalCount: 0, hasMore: false };
  return readPage(window, (wanted) => proxies.list(wanted, providerFilter(query), details));
}

/** The proxies one service provides (Ping), in the provider's order. */
export function listServiceProxies(view: AccessView<'read'>, accountId: string, serviceNativeId: string, window: ListWindow): Promise<ProxyListPage> {
  const proxies = view.facet(accountId, 'proxies');
  return readPage(window, (wanted) => proxies.list(wanted, { serviceIds: [serviceNativeId] }));
}

/** Proxy replacements of one account (Webshare), oldest first. */
export async function listProxyReplacements(view: AccessView<'read'>, accountId: string, window: ListWindow): Promise<Page<ProxyReplacementRecord>> {
  const replacements = view.facet(accountId, 'proxyReplacement');
  return readPage(window, async (wanted) => {
    const result = await replacements.list(wanted);
    const hasMore = result.totalCount !== null ? wanted.offset + result.items.length < result.totalCount : result.items.length === wanted.limit;
    return { ...result, hasMore };
  });
}

// ---- across accounts -------------------------------------------------------------------------------------

interface CrossAccountCursor {
  accountId: string;
  /** Position of the last item returned in that account's list. */
  offset: number;
}

function encodeCursor(cursor: CrossAccountCursor): string {
  return Buffer.from(`acct:${cursor.offset}:${cursor.accountId}`, 'utf8').toString('base64url');
}

function decodeCursor(value: string): CrossAccountCursor {
  const match = /^acct:(\d{1,9}):(.+)$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  if (!match) throw badUserInput(`"${value.slice(0, 80)}" is not a valid cursor`, { after: ['not a cursor from this list'] });
  return { offset: Number(match[1]), accountId: match[2] };
}

export interface WalkedProxy {
  account: RegisteredAccount;
  record: ProxyRecord;
  cursor: string;
}

export interface ProxyWalkRequest {
  first: number;
  after?: string | null;
  query: ProxyQuery;
  details?: SelectedDetails;
  /** Count every matching proxy (one small request per account the page did not reach). */
  withTotal: boolean;
}

export interface ProxyWalk {
  items: WalkedProxy[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Where to continue: the last item's cursor; with no item, the cursor given (so a retry repeats the page). */
  endCursor: string | null;
  /** Exact, or null when an account cannot count or failed; absent when not asked for. */
  totalCount: number | null;
  /** Accounts that failed: the one the page stopped at, accounts passed as unsupported, and failed counts. */
  failures: AccountFailure[];
}

export async function walkProxies(view: AccessView<'read'>, request: ProxyWalkRequest): Promise<ProxyWalk> {
  const { first, query } = request;
  const accounts = targets(view, 'proxies', { accountIds: query.accountIds, providers: query.providers });
  const start = request.after ? decodeCursor(request.after) : null;
  let index = start ? accounts.findIndex((target) => target.account.id === start.accountId) : 0;
  if (start && index < 0) throw badUserInput('the cursor points at an account that is not in this list', { after: ['stale cursor'] });
  let offset = start ? start.offset + 1 : 0;

  const items: WalkedProxy[] = [];
  const failures: AccountFailure[] = [];
  // Totals per account as providers report them (null = this provider cannot count).
  const counts = new Map<string, number | null>();
  let hasNextPage = false;
  for (; first > 0 && index < accounts.length; index += 1, offset = 0) {
    const { account, facet } = accounts[index];
    const need = first - items.length;
    if (need <= 0) {
      hasNextPage = true;
      break;
    }
    let page: ProxyListPage;
    try {
      page = await facet().list({ offset, limit: need }, providerFilter(query), request.details);
    } catch (error) {
      failures.push({ account, error });
      counts.set(account.id, null);
      if (isCode(error, 'UNSUPPORTED_BY_PROVIDER')) continue;
      // The page ends before the failed account; the cursor leads back to it.
      hasNextPage = true;
      break;
    }
    page.items.forEach((record, position) => {
      items.push({ account, record, cursor: encodeCursor({ accountId: account.id, offset: offset + position }) });
    });
    counts.set(account.id, page.totalCount);
    if (page.hasMore) {
      hasNextPage = true;
      break;
    }
  }
  const totalCount = request.withTotal ? await countAll(accounts, counts, query, request.details, failures) : null;
  return {
    items,
    hasNextPage,
    hasPreviousPage: Boolean(start),
    endCursor: items[items.length - 1]?.cursor ?? (hasNextPage ? (request.after ?? null) : null),
    totalCount,
    failures,
  };
}

/**
 * The total across accounts: accounts the walk did not reach (or passed on an earlier page) are counted with
 * a one-item window each, in parallel. Null as soon as one account cannot count or fails.
 */
async function countAll(
  accounts: ReturnType<typeof targets<'read', 'proxies'>>,
  known: ReadonlyMap<string, number | null>,
  query: ProxyQuery,
  details: SelectedDetails | undefined,
  failures: AccountFailure[],
): Promise<number | null> {
  const missing = accounts.filter((target) => !known.has(target.account.id));
  const outcomes = await fanOut(missing, async (target) => (await target.facet().list({ offset: 0, limit: 1 }, providerFilter(query), details)).totalCount);
  for (const outcome of outcomes) if (!outcome.ok) failures.push({ account: outcome.account, error: outcome.error });
  const totals = [...known.values(), ...outcomes.map((outcome) => (outcome.ok ? outcome.value : null))];
  return totals.every((value): value is number => value !== null) ? totals.reduce((sum, value) => sum + value, 0) : null;
}
