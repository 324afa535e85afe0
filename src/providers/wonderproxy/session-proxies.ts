/**
 * The proxies facet of a WonderProxy session: one Proxy per exit IP of the contract's servers, native id
 * `<server>@<ip>`. Reads go through the request's server loaders, so many proxy ids cost one call and only
 * the `detail=` parts the query selects are asked for.
 */
import type { ListWindow, ProxyListFilter, SelectedDetails } from '../contract/params';
import type { ProxyListPage, ProxyRecord } from '../contract/records';
import type { ProxiesFacet } from '../contract/session';
import { parseProxyNativeId, toProxies } from './mapping';
import type { ContractServerLoaders } from './server-loaders';
import { isServerName } from './validate';

export class WonderProxyProxies implements ProxiesFacet {
  constructor(private readonly servers: ContractServerLoaders) {}

  async list(window: ListWindow, filter: ProxyListFilter, details?: SelectedDetails): Promise<ProxyListPage> {
    // WonderProxy exit IPs carry no proxy type, so a type filter matches none of them.
    if (filter.types?.length) return { items: [], totalCount: 0, hasMore: false };
    const countries = filter.countries?.includes('ZZ') ? undefined : filter.countries;
    // Filtering by country needs the location even when the query does not show it.
    const wanted = { ...details, location: Boolean(details?.location || countries?.length) };
    const proxies = (await this.servers.list(wanted))
      .flatMap(toProxies)
      .filter((proxy) => !countries?.length || (proxy.country !== null && proxy.country !== undefined && countries.includes(proxy.country)))
      .filter((proxy) => !filter.statuses?.length || filter.statuses.includes(proxy.status));
    const items = proxies.slice(window.offset, window.offset + window.limit);
    return { items, totalCount: proxies.length, hasMore: window.offset + items.length < proxies.length };
  }

  /** An id whose server part is no server name can never exist upstream: null without a call. */
  async get(nativeId: string, details?: SelectedDetails): Promise<ProxyRecord | null> {
    const parts = parseProxyNativeId(nativeId);
    if (!parts || !isServerName(parts.server)) return null;
    const server = await this.servers.one(parts.server, details);
    return server ? (toProxies(server).find((proxy) => proxy.exitIp === parts.ip) ?? null) : null;
  }
}
