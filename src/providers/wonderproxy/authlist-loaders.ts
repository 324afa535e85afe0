/**
 * Per-request reads of the IP authlist, shared by the facet that lists and writes entries and the one that
 * updates them, so a write forgets what this request read before it. Lookups by user batch: every user asked
 * for in one tick goes into a single `GET /v0/contract/ip-authlist?user=a,b`.
 */
import DataLoader from 'dataloader';
import { perKeyLoader, sessionMemo } from '../shared/loaders';
import type { WonderProxyClient } from './client';
import type { WonderProxyAuthlistEntry } from './wire';

export class AuthlistLoaders {
  private readonly whole = sessionMemo(() => this.client.authlist());
  private readonly byUser = new DataLoader<string, WonderProxyAuthlistEntry[]>(
    async (users) => {
      const entries = await this.client.authlist({ users });
      return users.map((user) => entries.filter((entry) => entry.user === user));
    },
    { maxBatchSize: 50 },
  );
  private readonly byId = perKeyLoader((id: string) => this.client.authlistEntry(id));

  constructor(private readonly client: WonderProxyClient) {}

  all(): Promise<WonderProxyAuthlistEntry[]> {
    return this.whole.get();
  }

  async ofUsers(users: readonly string[]): Promise<WonderProxyAuthlistEntry[]> {
    return (await Promise.all(users.map((user) => this.byUser.load(user)))).flat();
  }

  /** One entry by id, null when there is none. */
  entry(id: string): Promise<WonderProxyAuthlistEntry | null> {
    return this.byId.load(id);
  }

  /** After a create or update: lists read before are stale, the entry is known. */
  written(entry: WonderProxyAuthlistEntry): void {
    this.forgetLists();
    const id = String(entry.id);
    this.byId.clear(id).prime(id, entry);
  }

  removed(id: string): void {
    this.forgetLists();
    this.byId.clear(id);
  }

  cleared(): void {
    this.forgetLists();
    this.byId.clearAll();
  }

  private forgetLists(): void {
    this.whole.clear();
    this.byUser.clearAll();
  }
}
