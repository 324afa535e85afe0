/**
 * The one rule for a page over one account's list: a window of zero items reads nothing and claims no next
 * page (no cursor either: there is no edge to point at), whichever list it is. Every connection goes
 * through here, so they cannot answer `first: 0` differently.
 */
import type { ListWindow } from '../providers/contract/params';

export interface Page<T> {
  items: T[];
  totalCount: number | null;
  hasMore: boolean;
}

export async function readPage<T>(window: ListWindow, read: (window: ListWindow) => Promise<Page<T>>): Promise<Page<T>> {
  if (window.limit === 0) return { items: [], totalCount: null, hasMore: false };
  return read(window);
}
