/** Sub-users of one account, a page at a time (the empty-page rule of paging.ts). */
import type { ListWindow } from '../providers/contract/params';
import type { SubUserRecord } from '../providers/contract/records';
import { readPage, type Page } from './paging';
import type { AccessView } from './request-scope';

export function listSubUsers(view: AccessView<'read'>, accountId: string, window: ListWindow): Promise<Page<SubUserRecord>> {
  const subUsers = view.facet(accountId, 'subUsers');
  return readPage(window, (wanted) => subUsers.list(wanted));
}
