/**
 * Proxy servers on the account: the same /api/proxies/ list as the gateway proxies (ProxyListReads), seen
 * as servers, and adding or removing one.
 */
import type { ProxyServerRecord } from '../contract/records';
import type { ProxyServerAuthorizationFacet, ServersFacet } from '../contract/session';
import type { ProxyMeshClient } from './client';
import { toServer } from './mapping';
import type { ProxyListReads } from './proxy-list-reads';
import { checkProxyHost } from './validate';

export class ProxyMeshServers implements ServersFacet {
  constructor(private readonly proxyList: ProxyListReads) {}

  async list(): Promise<ProxyServerRecord[]> {
    return (await this.proxyList.entries()).map(toServer);
  }

  /** ProxyMesh servers have no short name apart from their host name, which is matched ignoring case. */
  async get(name: string): Promise<ProxyServerRecord | null> {
    const wanted = name.toLowerCase();
    return (await this.list()).find((server) => server.hostname.toLowerCase() === wanted) ?? null;
  }
}

export class ProxyMeshProxyServerAuthorization implements ProxyServerAuthorizationFacet {
  constructor(
    private readonly client: ProxyMeshClient,
    private readonly proxyList: ProxyListReads,
  ) {}

  async authorize(host: string): Promise<ProxyServerRecord> {
    checkProxyHost(host);
    const added = await this.client.addProxy(host);
    this.proxyList.changed();
    return toServer(added.proxy || host);
  }

  async deauthorize(host: string): Promise<void> {
    checkProxyHost(host);
    await this.client.deleteProxy(host);
    this.proxyList.changed();
  }
}
