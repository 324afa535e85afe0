/**
 * Ping's proxies facet: `proxy/search` windows (only the pages a window needs), `proxy/retrieve`
 * per id (de-duplicated, bounded: Ping has no bulk retrieve), and `proxy/list_by_id` for ready-made URLs,
 * batched into one call per format for every proxy whose URL the request asks for.
 */
import DataLoader from 'dataloader';
import { badUserInput } from '../../core/errors';
import { mapBounded, perKeyLoader } from '../shared/loaders';
import { readWindow } from '../shared/paging';
import type { ListWindow, ProxyListFilter } from '../contract/params';
import type { ProxyListPage, ProxyRecord } from '../contract/records';
import type { ProxiesFacet } from '../contract/session';
import type { PingClient } from './client';
import { formatProxyUrl, parseListEntry, toProxy } from './mapping';
import { choosePageSize, MAX_SCAN_PAGES, PING_MAX_PER_PAGE, PING_PROXY_SORT, planProxyQuery, type ProxyQueryPlan } from './proxy-query';
import { totalOf } from './search-paging';
import { isProxyId } from './validate';
import type { PingProxy, PingProxySearchQuery, PingSearchEnvelope } from './wire';

type UrlProtocol = 'HTTP' | 'SOCKS5';

/** [I] Ping documents no cap on proxy_ids per list_by_id call; 100 keeps bodies and answers small. */
export const LIST_BY_ID_BATCH = 100;

export class PingProxies implements ProxiesFacet {
  /** Proxies this request has seen, by id: list_by_id answers are matched back to ids by address. */
  private readonly known = new Map<string, ProxyRecord>();
  /** One fetch per distinct search query + page within the request. */
  private readonly searchPages = new DataLoader<string, PingSearchEnvelope<PingProxy>>((keys) =>
    Promise.all(keys.map((key) => this.client.proxies(JSON.parse(key) as PingProxySearchQuery).catch((error: Error) => error))),
  );
  private readonly byId = perKeyLoader(async (id: string) => (await this.client.proxy(id)).data);
  private readonly urlLoaders: Record<UrlProtocol, DataLoader<string, string | null>> = {
    HTTP: new DataLoader((ids) => this.loadUrls(ids, 'HTTP'), { maxBatchSize: LIST_BY_ID_BATCH }),
    SOCKS5: new DataLoader((ids) => this.loadUrls(ids, 'SOCKS5'), { maxBatchSize: LIST_BY_ID_BATCH }),
  };

  constructor(private readonly client: PingClient) {}

  private remember(proxy: PingProxy): ProxyRecord {
    const record = toProxy(proxy);
    this.known.set(record.nativeId, record);
    return record;
  }

  async list(window: ListWindow, filter: ProxyListFilter): Promise<ProxyListPage> {
    const plan = planProxyQuery(filter);
    if (plan.empty) return { items: [], totalCount: 0, hasMore: false };
    if (plan.localFilter) return this.scanAndFilter(window, plan);
    const perPage = choosePageSize(window);
    const result = await readWindow(window, perPage, async (page) => {
      const response = await this.searchPages.load(JSON.stringify({ ...plan.query, sort_by: PING_PROXY_SORT, page, per_page: perPage }));
      return { items: response.data, totalCount: totalOf(response) };
    });
    return { items: result.items.map((proxy) => this.remember(proxy)), totalCount: result.totalCount, hasMore: result.hasMore };
  }

  /** A filter Ping cannot push down: read the (pushed-down part of the) list whole, then filter and window here. */
  private async scanAndFilter(window: ListWindow, plan: ProxyQueryPlan): Promise<ProxyListPage> {
    const fetchPage = (page: number) => this.searchPages.load(JSON.stringify({ ...plan.query, sort_by: PING_PROXY_SORT, page, per_page: PING_MAX_PER_PAGE }));
    const first = await fetchPage(1);
    const pages = [first];
    const total = totalOf(first);
    if (total !== null) {
      const pageCount = Math.ceil(total / PING_MAX_PER_PAGE);
      if (pageCount > MAX_SCAN_PAGES) throw tooBroad();
      const rest = Array.from({ length: Math.max(0, pageCount - 1) }, (_, index) => index + 2);
      pages.push(...(await mapBounded(rest, 4, fetchPage)));
    } else {
      // total_count -1: read on until a short page.
      for (let page = 2; pages[pages.length - 1].data.length === PING_MAX_PER_PAGE; page++) {
        if (page > MAX_SCAN_PAGES) throw tooBroad();
        pages.push(await fetchPage(page));
      }
    }
    const matching = pages.flatMap((page) => page.data).filter(plan.localFilter!);
    const items = matching.slice(window.offset, window.offset + window.limit).map((proxy) => this.remember(proxy));
    return { items, totalCount: matching.length, hasMore: window.offset + items.length < matching.length };
  }

  async get(nativeId: string): Promise<ProxyRecord | null> {
    if (!isProxyId(nativeId)) return null;
    const proxy = await this.byId.load(nativeId);
    return proxy ? this.remember(proxy) : null;
  }

  async urls(nativeIds: readonly string[], protocol: UrlProtocol): Promise<Map<string, string>> {
    const urls = await this.urlLoaders[protocol].loadMany(nativeIds);
    const result = new Map<string, string>();
    nativeIds.forEach((id, index) => {
      const url = urls[index];
      if (url instanceof Error) throw url;
      if (url) result.set(id, url);
    });
    return result;
  }

  /**
   * One list_by_id call for the batch, authenticated as the default proxy user (no proxy_user_id) [I], in
   * the scheme format of the protocol asked for. Entries are matched to ids by host:port of proxies this
   * request has seen; by position only when Ping answered one entry per id.
   */
  private async loadUrls(ids: readonly string[], protocol: UrlProtocol): Promise<Array<string | null>> {
    const scheme = protocol === 'HTTP' ? 'http' : 'socks5';
    const response = await this.client.listById({
      proxy_ids: [...ids],
      list_protocol: scheme,
      list_format: scheme,
      list_authentication: 'username_and_password',
    });
    const entries = (response.data ?? []).map((entry) => (typeof entry === 'string' ? parseListEntry(entry) : null));
    const byAddress = new Map<string, string>();
    for (const entry of entries) if (entry) byAddress.set(`${entry.host}:${entry.port}`, formatProxyUrl(scheme, entry));
    return ids.map((id, index) => {
      const record = this.known.get(id);
      if (record) {
        const port = protocol === 'HTTP' ? record.httpPort : record.socks5Port;
        return byAddress.get(`${record.host}:${port}`) ?? null;
      }
      const entry = entries.length === ids.length ? entries[index] : null;
      return entry ? formatProxyUrl(scheme, entry) : null;
    });
  }
}

function tooBroad() {
  return badUserInput(
    `Ping Proxies filters one value per field; this filter needs the whole list, which is over ${MAX_SCAN_PAGES * PING_MAX_PER_PAGE} proxies. Filter by one country, status, type or service at a time.`,
    { filter: ['too broad for Ping Proxies'] },
  );
}
