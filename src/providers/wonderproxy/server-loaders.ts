/**
 * Per-request loaders for contract servers. WonderProxy answers many servers in one call
 * (`GET /v0/contract/servers?server=a,b,c`) and adds optional parts on request (`detail=location,usage,
 * geostatus`), so:
 * - loads of servers by name in one tick become one call for all the names, asking for the union of the
 *   details the callers want (a single name uses `GET /v0/contract/servers/{name}`);
 * - loads of the whole list in one tick become one call with the union of their details.
 */
import DataLoader from 'dataloader';
import { isCode } from '../../core/errors';
import type { SelectedDetails } from '../contract/params';
import type { WonderProxyClient } from './client';
import type { WonderProxyContractServer, WonderProxyServerDetail } from './wire';

const ORDER: WonderProxyServerDetail[] = ['location', 'usage', 'geostatus'];

/** The `detail=` parts a selection needs, in a fixed order. */
export function wireDetails(details: SelectedDetails | undefined): WonderProxyServerDetail[] {
  if (!details) return [];
  return ORDER.filter((detail) => (detail === 'location' ? details.location : detail === 'usage' ? details.usage : details.geoStatus));
}

function detailKey(details: readonly WonderProxyServerDetail[]): string {
  return ORDER.filter((detail) => details.includes(detail)).join(',');
}

function union(keys: readonly string[]): WonderProxyServerDetail[] {
  const wanted = new Set(keys.flatMap((key) => (key ? key.split(',') : [])));
  return ORDER.filter((detail) => wanted.has(detail));
}

/** `<name>|<details>` keys of the by-name loader. */
interface NamedKey {
  name: string;
  details: string;
}

export class ContractServerLoaders {
  private readonly lists = new DataLoader<string, WonderProxyContractServer[]>(async (keys) => {
    const servers = await this.client.contractServers(union(keys));
    // Later by-name loads with the same details are answered from this list.
    for (const key of keys) for (const server of servers) this.byName.prime({ name: server.server, details: key }, server);
    return keys.map(() => servers);
  });

  private readonly byName = new DataLoader<NamedKey, WonderProxyContractServer | null, string>(
    async (keys) => {
      const details = union(keys.map((key) => key.details));
      const names = [...new Set(keys.map((key) => key.name))];
      const found = new Map<string, WonderProxyContractServer>();
      if (names.length === 1) {
        const one = await this.client.contractServer(names[0], details).catch((error: unknown) => {
          if (isCode(error, 'NOT_FOUND')) return null;
          throw error;
        });
        if (one) found.set(one.server, one);
      } else {
        for (const server of await this.client.contractServers(details, names)) found.set(server.server, server);
      }
      return keys.map((key) => found.get(key.name) ?? null);
    },
    { cacheKeyFn: (key) => `${key.name}|${key.details}`, maxBatchSize: 100 },
  );

  constructor(private readonly client: WonderProxyClient) {}

  list(details: SelectedDetails | undefined): Promise<WonderProxyContractServer[]> {
    return this.lists.load(detailKey(wireDetails(details)));
  }

  one(name: string, details: SelectedDetails | undefined): Promise<WonderProxyContractServer | null> {
    return this.byName.load({ name, details: detailKey(wireDetails(details)) });
  }

  clear(): void {
    this.lists.clearAll();
    this.byName.clearAll();
  }
}
