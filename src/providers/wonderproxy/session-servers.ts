/**
 * The server facets of a WonderProxy session: the contract's servers (Account.servers, by short name or
 * host name) through the request's server loaders, and the whole network (`/v0/servers`), read at most
 * once per request for each level of detail.
 */
import type { SelectedDetails } from '../contract/params';
import type { ProxyServerRecord } from '../contract/records';
import type { NetworkServersFacet, ServersFacet } from '../contract/session';
import { sessionMemo } from '../shared/loaders';
import type { WonderProxyClient } from './client';
import { toContractServer, toNetworkServer } from './mapping';
import type { ContractServerLoaders } from './server-loaders';
import { serverReference } from './validate';

export class WonderProxyServers implements ServersFacet {
  constructor(private readonly servers: ContractServerLoaders) {}

  async list(details?: SelectedDetails): Promise<ProxyServerRecord[]> {
    return (await this.servers.list(details)).map(toContractServer);
  }

  /** A short name loads through the batched by-name loader; a host name is looked up in the list. */
  async get(name: string, details?: SelectedDetails): Promise<ProxyServerRecord | null> {
    const reference = serverReference(name);
    if (!('name' in reference)) {
      const match = (await this.servers.list(details)).find((server) => server.hostname.toLowerCase() === reference.hostname);
      return match ? toContractServer(match) : null;
    }
    const server = await this.servers.one(reference.name, details);
    return server ? toContractServer(server) : null;
  }
}

export class WonderProxyNetworkServers implements NetworkServersFacet {
  /** Keyed by whether the location was asked for: the only optional part of `/v0/servers`. */
  private readonly reads = new Map<boolean, ReturnType<typeof sessionMemo<ProxyServerRecord[]>>>();

  constructor(private readonly client: WonderProxyClient) {}

  list(details?: SelectedDetails): Promise<ProxyServerRecord[]> {
    const withLocation = Boolean(details?.location);
    let read = this.reads.get(withLocation);
    if (!read) {
      read = sessionMemo(async () => (await this.client.networkServers(withLocation)).map(toNetworkServer));
      this.reads.set(withLocation, read);
    }
    return read.get();
  }
}
