/**
 * Proxy lists to paste, one account or every account (README "Proxy lists to paste"): the same selection and
 * paging as the proxy connections (domain/proxies.ts, so a walk across accounts stops at a failed account and
 * its cursor retries it), rendered by proxy-list-format.ts.
 *
 * Everything that can refuse the request does so before the first upstream call: the arguments
 * (BAD_USER_INPUT), then the `credentials` scope for a format that carries passwords (FORBIDDEN), so a
 * caller without it never gets a line, and no provider is asked for what would be thrown away.
 */
import type { ListWindow, SelectedDetails } from '../providers/contract/params';
import { listAccountProxies, walkProxies, type AccountFailure, type ProxyQuery } from './proxies';
import {
  formatCarriesCredentials,
  proxyListOptions,
  renderProxyList,
  type ListedProxy,
  type ProxyListFormat,
  type ProxyListOptions,
  type ProxyListProtocol,
  type RenderedProxyList,
} from './proxy-list-format';
import type { RequestScope } from './request-scope';
import type { RegisteredAccount } from './registry';
import type { ProxyRecord } from '../providers/contract/records';

export interface ProxyListRequest {
  format: ProxyListFormat;
  protocol?: ProxyListProtocol | null;
  query: ProxyQuery;
}

export interface ProxyListPage extends RenderedProxyList {
  hasNextPage: boolean;
  /** Proxies the page covered (rendered or skipped), for the caller's cursors. */
  proxyCount: number;
}

export interface CrossAccountProxyListPage extends ProxyListPage {
  startCursor: string | null;
  endCursor: string | null;
  failures: AccountFailure[];
}

/** Checks the arguments, then the scope the format needs; throws before anything is read. */
function admit(scope: RequestScope, request: ProxyListRequest): ProxyListOptions {
  const options = proxyListOptions(request.format, request.protocol);
  if (formatCarriesCredentials(options.format)) scope.principal.require('credentials');
  return options;
}

/** CSV shows country and city, which some providers send only when asked (WonderProxy `detail=location`). */
function detailsFor(options: ProxyListOptions): SelectedDetails {
  return { location: options.format === 'CSV' };
}

/**
 * The CSV header heads the page that starts the document: the first page, unless it ended at a failed
 * account before any row — its retry (the same `after`) writes the header then, so pages concatenate into one
 * document with one header.
 */
function startsDocument(after: unknown, rows: number, hasNextPage: boolean): boolean {
  return !after && (rows > 0 || !hasNextPage);
}

/** The provider as the graph's Provider enum spells it (WEBSHARE), so a CSV reads like the graph. */
function listed(record: ProxyRecord, account: RegisteredAccount): ListedProxy {
  return { record, provider: account.provider.toUpperCase(), accountId: account.id };
}

/** One account's proxies in `window`, as text. */
export async function accountProxyList(scope: RequestScope, accountId: string, window: ListWindow, request: ProxyListRequest): Promise<ProxyListPage> {
  const options = admit(scope, request);
  const account = scope.reads.account(accountId);
  const page = await listAccountProxies(scope.reads, accountId, window, request.query, detailsFor(options));
  const proxies = page.items.map((record) => listed(record, account));
  const withHeader = startsDocument(window.offset > 0, proxies.length, page.hasMore);
  return { ...renderProxyList(proxies, options, withHeader), hasNextPage: page.hasMore, proxyCount: proxies.length };
}

/** Every visible account's proxies, one page of the cross-account walk, as text. */
export async function proxyListAcrossAccounts(
  scope: RequestScope,
  first: number,
  after: string | null | undefined,
  request: ProxyListRequest,
): Promise<CrossAccountProxyListPage> {
  const options = admit(scope, request);
  const walk = await walkProxies(scope.reads, { first, after, query: request.query, details: detailsFor(options), withTotal: false });
  const proxies = walk.items.map((item) => listed(item.record, item.account));
  const withHeader = startsDocument(after, proxies.length, walk.hasNextPage);
  return {
    ...renderProxyList(proxies, options, withHeader),
    hasNextPage: walk.hasNextPage,
    proxyCount: proxies.length,
    startCursor: walk.items[0]?.cursor ?? null,
    endCursor: walk.endCursor,
    failures: walk.failures,
  };
}
