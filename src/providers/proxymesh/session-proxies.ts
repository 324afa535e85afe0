/**
 * Gateway proxies (the /api/proxies/ list, read once per request through ProxyListReads) and the country
 * pools behind the open and world gateways.
 */
import type { ListWindow, ProxyListFilter } from '../contract/params';
import type { CountryPoolRecord, ProxyListPage, ProxyRecord } from '../contract/records';
import type { CountryPoolsFacet, ProxiesFacet } from '../contract/session';
import type { ProxyMeshClient } from './client';
import { toCountryPools, toProxy } from './mapping';
import type { ProxyListReads } from './proxy-list-reads';

export class ProxyMeshProxies implements ProxiesFacet {
  constructor(
    private readonly proxyList: ProxyListReads,
    /** The parent username and password: every gateway is used with the parent account's credentials. */
    private readonly username: string | null,
    private readonly password: string | null,
  ) {}

  async list(window: ListWindow, filter: ProxyListFilter): Promise<ProxyListPage> {
    // Gateways are ROTATING_GATEWAY with UNKNOWN health and belong to no Ping service: other filters match none.
    const serviceIds = (filter as { serviceIds?: string[] }).serviceIds;
    if (
      (filter.statuses?.length && !filter.statuses.includes('UNKNOWN')) ||
      (filter.types?.length && !filter.types.includes('ROTATING_GATEWAY')) ||
      serviceIds?.length
    ) {
      return { items: [], totalCount: 0, hasMore: false };
    }
    const countries = filter.countries?.length && !filter.countries.includes('ZZ') ? new Set(filter.countries) : null;
    const matching = (await this.all()).filter((proxy) => !countries || (proxy.country !== null && countries.has(proxy.country!)));
    const items = matching.slice(window.offset, window.offset + window.limit);
    return { items, totalCount: matching.length, hasMore: window.offset + items.length < matching.length };
  }

  async get(nativeId: string): Promise<ProxyRecord | null> {
    return (await this.all()).find((proxy) => proxy.nativeId === nativeId) ?? null;
  }

  private async all(): Promise<ProxyRecord[]> {
    return (await this.proxyList.entries()).map((entry) => toProxy(entry, this.username, this.password));
  }
}

export class ProxyMeshCountryPools implements CountryPoolsFacet {
  constructor(private readonly client: ProxyMeshClient) {}

  async list(): Promise<CountryPoolRecord[]> {
    const [open, world] = await Promise.all([this.client.geoIps('open'), this.client.geoIps('world')]);
    return [...toCountryPools('open', open), ...toCountryPools('world', world)];
  }
}
