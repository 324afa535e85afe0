/**
 * Reading an absolute window [offset, offset + limit) out of a provider's numbered pages. Only the pages
 * that overlap the window are fetched, in parallel; a page past the end counts as empty.
 */
import type { ListWindow } from '../contract/params';
import { ProxyGraphError } from '../../core/errors';

export interface NumberedPage<T> {
  items: T[];
  /** Total items across all pages, or null when the provider does not say. */
  totalCount: number | null;
}

export interface WindowResult<T> {
  items: T[];
  totalCount: number | null;
  hasMore: boolean;
}

export async function readWindow<T>(window: ListWindow, pageSize: number, fetchPage: (page: number) => Promise<NumberedPage<T>>): Promise<WindowResult<T>> {
  if (window.limit === 0) {
    const first = await fetchPage(1);
    return { items: [], totalCount: first.totalCount, hasMore: (first.totalCount ?? first.items.length) > window.offset };
  }
  const firstPage = Math.floor(window.offset / pageSize) + 1;
  const lastPage = Math.floor((window.offset + window.limit - 1) / pageSize) + 1;
  const pageNumbers = Array.from({ length: lastPage - firstPage + 1 }, (_, index) => firstPage + index);
  const pages = await Promise.all(
    pageNumbers.map((page) =>
      fetchPage(page).catch((error) => {
        // Providers answer 404 for a page past the end (DRF "Invalid page."); that is an empty page.
        if (page > 1 && error instanceof ProxyGraphError && error.code === 'NOT_FOUND') return { items: [] as T[], totalCount: null };
        throw error;
      }),
    ),
  );
  const all = pages.length === 1 ? pages[0].items : pages.flatMap((page) => page.items);
  const skip = window.offset - (firstPage - 1) * pageSize;
  const items = all.slice(skip, skip + window.limit);
  const totalCount = pages.find((page) => page.totalCount !== null)?.totalCount ?? null;
  const lastFetched = pages[pages.length - 1];
  const hasMore = totalCount !== null ? window.offset + items.length < totalCount : lastFetched.items.length === pageSize && items.length === window.limit;
  return { items, totalCount, hasMore };
}
