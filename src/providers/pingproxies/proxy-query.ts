/**
 * How a graph proxy filter and window become Ping `proxy/search` calls. Ping filters are exact matches on
 * one value, with `not_` for "anything but" [C operators]; so each filter dimension is pushed down when it
 * names one Ping value (or all values but one), is dropped when it names them all, and empties the result
 * when it names none. A dimension naming several values cannot be pushed down: those lists are read whole
 * (bounded) and filtered here.
 *
 * Filter names: `country_id` is [C]; `proxy_status`, `proxy_type` and `service_id` come from the Byteful
 * SDK [3P] (Ping's proxy/search reference page was not found), as does the full status set.
 */
import type { ListWindow, ProxyListFilter } from '../contract/params';
import type { PingProxy, PingProxySearchQuery } from './wire';
import { PING_PROXY_STATUSES, PING_PROXY_TYPES, PING_STATUS_BY_UNIFIED, PING_TYPE_BY_UNIFIED } from './mapping';

/** [C] per_page is 1..100. */
export const PING_MAX_PER_PAGE = 100;
/**
 * [I] A stable order so offset cursors keep meaning the same proxy between pages: proxy_id is unique.
 * Ping documents `sort_by=<field>_asc` for any field [C examples: country_id_asc, proxy_last_update_datetime_desc].
 */
export const PING_PROXY_SORT = 'proxy_id_asc';
/** Lists read whole for a filter Ping cannot push down stop here (100 proxies a page). */
export const MAX_SCAN_PAGES = 50;

type Filterable = Pick<PingProxySearchQuery, 'country_id' | 'proxy_type' | 'not_proxy_type' | 'proxy_status' | 'not_proxy_status' | 'service_id'>;

export interface ProxyQueryPlan {
  /** The filter can match nothing (e.g. only DEGRADED, which Ping never reports). */
  empty: boolean;
  /** Filters pushed down to Ping. */
  query: Filterable;
  /** Set when some dimension must be filtered here; the list is then read whole. */
  localFilter: ((proxy: PingProxy) => boolean) | null;
}

interface Dimension {
  empty?: boolean;
  query?: Filterable;
  local?: (proxy: PingProxy) => boolean;
}

function dimension(
  field: 'country_id' | 'proxy_type' | 'proxy_status' | 'service_id',
  wanted: ReadonlySet<string> | undefined,
  universe: readonly string[] | null,
  read: (proxy: PingProxy) => string | null | undefined,
): Dimension {
  if (!wanted) return {};
  if (wanted.size === 0) return { empty: true };
  const values = [...wanted];
  if (values.length === 1) return { query: { [field]: values[0] } };
  if (universe && universe.every((value) => wanted.has(value))) return {};
  const complement = universe?.filter((value) => !wanted.has(value)) ?? [];
  if (universe && complement.length === 1 && values.every((value) => universe.includes(value))) {
    return { query: { [`not_${field}`]: complement[0] } as Filterable };
  }
  return { local: (proxy) => wanted.has(String(read(proxy) ?? '').toLowerCase()) };
}

export function planProxyQuery(filter: ProxyListFilter): ProxyQueryPlan {
  const countries = filter.countries?.length && !filter.countries.includes('ZZ') ? new Set(filter.countries.map((c) => c.toLowerCase())) : undefined;
  const statuses = filter.statuses?.length ? new Set<string>(filter.statuses.flatMap((status) => PING_STATUS_BY_UNIFIED[status])) : undefined;
  const types = filter.types?.length ? new Set<string>(filter.types.flatMap((type) => PING_TYPE_BY_UNIFIED[type])) : undefined;
  const services = filter.serviceIds?.length ? new Set(filter.serviceIds.map((id) => id.toLowerCase())) : undefined;
  const dimensions = [
    dimension('country_id', countries, null, (proxy) => proxy.country_id),
    dimension('proxy_status', statuses, PING_PROXY_STATUSES, (proxy) => proxy.proxy_status),
    dimension('proxy_type', types, PING_PROXY_TYPES, (proxy) => proxy.proxy_type),
    dimension('service_id', services, null, (proxy) => proxy.service_id),
  ];
  // Service ids are case-sensitive upstream: push down the caller's spelling.
  const serviceDimension = dimensions[3];
  if (serviceDimension.query && filter.serviceIds) serviceDimension.query = { service_id: filter.serviceIds[0] };
  const locals = dimensions.flatMap((entry) => (entry.local ? [entry.local] : []));
  return {
    empty: dimensions.some((entry) => entry.empty),
    query: Object.assign({}, ...dimensions.map((entry) => entry.query ?? {})) as Filterable,
    localFilter: locals.length ? (proxy) => locals.every((matches) => matches(proxy)) : null,
  };
}

/**
 * The smallest `per_page` (≤ 100) whose one page covers the whole window, so a window costs one call and
 * carries no more rows than it needs; 100 (several pages) when no single page can.
 */
export function choosePageSize(window: ListWindow): number {
  const limit = Math.max(1, window.limit);
  for (let size = limit; size <= PING_MAX_PER_PAGE; size++) {
    if (Math.floor(window.offset / size) === Math.floor((window.offset + limit - 1) / size)) return size;
  }
  return PING_MAX_PER_PAGE;
}
