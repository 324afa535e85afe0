/**
 * One request's read of /api/proxies/. ProxyMesh's gateway proxies and the proxy servers on the account are
 * the same list, so the proxies, servers and server-authorization facets share one read; a write to the list
 * forgets it, so the next read in the request sees the change.
 */
import { sessionMemo } from '../shared/loaders';
import type { ProxyMeshClient } from './client';

export class ProxyListReads {
  private readonly list;

  constructor(client: ProxyMeshClient) {
    this.list = sessionMemo(() => client.proxies());
  }

  /** The account's `host:port` entries. */
  async entries(): Promise<string[]> {
    return (await this.list.get()).proxies;
  }

  changed(): void {
    this.list.clear();
  }
}
