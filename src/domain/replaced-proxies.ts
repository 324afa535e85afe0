/** Proxies that left an account's list and what replaced them: all of them, or one replacement's. */
import { unsupported } from '../core/errors';
import type { ListWindow } from '../providers/contract/params';
import type { ReplacedProxyRecord } from '../providers/contract/records';
import type { AccessView } from './request-scope';
import { readPage, type Page } from './paging';

export async function listReplacedProxies(
  view: AccessView<'read'>,
  accountId: string,
  window: ListWindow,
  replacementNativeId: string | null = null,
): Promise<Page<ReplacedProxyRecord>> {
  const replacements = view.facet(accountId, 'proxyReplacement');
  const account = view.account(accountId);
  if (!replacements.replacedProxies) throw unsupported(account.provider, account.id, 'Listing replaced proxies');
  const list = replacements.replacedProxies.bind(replacements);
  return readPage(window, async (wanted) => {
    const result = await list(wanted, replacementNativeId);
    const hasMore = result.totalCount !== null ? wanted.offset + result.items.length < result.totalCount : result.items.length === wanted.limit;
    return { ...result, hasMore };
  });
}
