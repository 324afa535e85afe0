/**
 * Proxy servers on the account: the same /api/proxies/ list as the gateway proxies (ProxyListReads), seen
 * as servers, and adding or removing one.
 */
import type { ProxyServerRecord } from '../contract/records';
import type { ProxyServerAuthorizationFacet, ServersFacet } from '../contract/session';
import type { ProxyMeshClient } from './client';
import { proxyDomain, toServer } from './mapping';
import type { AccountErrors } from '../../core/errors';
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
    private readonly errors: AccountErrors,
  ) {}

  async authorize(host: string): Promise<ProxyServerRecord> {
    checkProxyHost(host);
    const added = await this.client.addProxy(host);
    this.proxyList.changed();
    return toServer(added.proxy || host);
  }

  /**
   * ProxyMesh answers the removal of a host the account does not have as success, so whether it was there
   * is read first: absent is NOT_FOUND (nothing removed). The call is still made, so a host ProxyMesh does
   * not know at all stays its 400 (BAD_USER_INPUT).
   */
  async deauthorize(host: string): Promise<void> {
    checkProxyHost(host);
    const wanted = proxyDomain(host);
    const present = (await this.proxyList.entries()).some((entry) => proxyDomain(entry) === wanted);
    await this.client.deleteProxy(host);
    this.proxyList.changed();
    if (!present) throw this.errors.notFound(`proxy server ${wanted} on the account`);
  }
}
