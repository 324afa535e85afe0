/** How every Ping search endpoint pages [C]: `page` from 1, `per_page` up to 100, `total_count` or -1. */
import { PING_MAX_PER_PAGE } from './proxy-query';
import type { PingSearchEnvelope } from './wire';

/** [C] total_count is -1 when Ping finds the count too expensive: unknown. */
export function totalOf(response: PingSearchEnvelope<unknown>): number | null {
  return typeof response.total_count === 'number' && response.total_count >= 0 ? response.total_count : null;
}

/** A whole (small) list: full pages until a short one or the known total, at most `maxPages`. */
export async function readEveryPage<T>(fetchPage: (page: number, perPage: number) => Promise<PingSearchEnvelope<T>>, maxPages: number): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; page <= maxPages; page++) {
    const response = await fetchPage(page, PING_MAX_PER_PAGE);
    items.push(...response.data);
    const known = totalOf(response);
    if (response.data.length < PING_MAX_PER_PAGE || (known !== null && items.length >= known)) break;
  }
  return items;
}
