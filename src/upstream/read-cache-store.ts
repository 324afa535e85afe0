/**
 * Where the read cache (read-cache.ts) keeps its entries and the generations that invalidate them: in this
 * process (bounded in bytes), or in Redis so that every replica serves and invalidates the same entries.
 *
 * Invalidation is by generation, never by finding entries: each account has a generation, and each of its
 * groups (an endpoint family such as `subUsers`) has one; an entry is stored under the generations seen when
 * its read began, so a write that bumps them makes every older entry unreachable at once, in every replica,
 * and a read that began before the write can only store under the old ones.
 */
import { ByteBoundedMemoryCache, stringBytes } from '../state/memory-cache';

/** One cached 2xx answer and its clock. */
export interface CachedResponse {
  status: number;
  headers: Record<string, string | undefined>;
  text: string;
  storedAtMs: number;
  /** Until then the entry is served as is. */
  freshUntilMs: number;
  /** Until then it is served while one refresh runs (stale-while-revalidate); after, it is a miss. */
  staleUntilMs: number;
  /** In this process only: the body parsed and frozen by the first hit, shared by the later ones (frozen-json.ts). */
  parsedBody?: unknown;
}

export interface CacheLookup {
  generation: string;
  entry?: CachedResponse | string;
  /** The entry under the generation is the one whose seal head the caller gave. */
  unchanged?: boolean;
}

/** The address of an entry: its account and group, and the request it answers (already a digest). */
export interface CacheSlot {
  accountId: string;
  group: string;
  requestKey: string;
}

export interface ReadCacheStore {
  /** Whether entries leave the process (and so are sealed with the account's key, cache-sealing.ts). */
  readonly shared: boolean;
  /**
   * The generation an entry of this slot is stored under now, and the entry stored under it, if any. A
   * shared store told the head of the sealed entry the caller already holds (`knownSealHead`) answers
   * `unchanged` instead of sending that entry again.
   */
  lookup(slot: CacheSlot, knownSealHead?: string): Promise<CacheLookup>;
  store(slot: CacheSlot, generation: string, entry: CachedResponse | string, keepMs: number): Promise<void>;
  /** Bumps the account's generation (`'*'`) or some of its groups'. */
  invalidate(accountId: string, groups: readonly string[] | '*'): Promise<void>;
  /** True for the one caller (in any replica) that may refresh this slot's entry for the next `forMs`. */
  claimRefresh(slot: CacheSlot, generation: string, forMs: number): Promise<boolean>;
  /** Bytes held in this process (0 when Redis holds the entries). */
  bytes(): number;
}

/** An entry's key and text, and once hit its parsed body beside it: measured at about the text's size, counted at twice. */
export const cachedResponseBytes = (entry: CachedResponse, key: string) => stringBytes(key) + 2 * stringBytes(entry.text) + 256;

const entryKey = (slot: CacheSlot, generation: string) => `${slot.accountId}|${slot.group}|${generation}|${slot.requestKey}`;

export class MemoryReadCacheStore implements ReadCacheStore {
  readonly shared = false;
  private readonly entries: ByteBoundedMemoryCache<CachedResponse | string>;
  private readonly generations = new Map<string, number>();
  private readonly refreshing = new Map<string, number>();

  constructor(maxBytes: number) {
    this.entries = new ByteBoundedMemoryCache<CachedResponse | string>(maxBytes, (entry, key) =>
      typeof entry === 'string' ? stringBytes(key) + stringBytes(entry) : cachedResponseBytes(entry, key),
    );
  }

  async lookup(slot: CacheSlot): Promise<CacheLookup> {
    const generation = this.generationOf(slot);
    return { generation, entry: await this.entries.get(entryKey(slot, generation)) };
  }

  async store(slot: CacheSlot, generation: string, entry: CachedResponse | string, keepMs: number): Promise<void> {
    // A write may have bumped the generation while the read was in flight: its answer is from before it.
    if (generation !== this.generationOf(slot)) return;
    await this.entries.set(entryKey(slot, generation), entry, { ttl: keepMs });
  }

  async invalidate(accountId: string, groups: readonly string[] | '*'): Promise<void> {
    for (const key of groups === '*' ? [accountId] : groups.map((group) => `${accountId}|${group}`)) {
      this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    }
  }

  async claimRefresh(slot: CacheSlot, generation: string, forMs: number): Promise<boolean> {
    const key = entryKey(slot, generation);
    const nowMs = Date.now();
    if ((this.refreshing.get(key) ?? 0) > nowMs) return false;
    this.refreshing.set(key, nowMs + forMs);
    // Claims are few (one per hot entry per TTL); drop the expired ones now and then.
    if (this.refreshing.size > 10_000) for (const [k, until] of this.refreshing) if (until <= nowMs) this.refreshing.delete(k);
    return true;
  }

  bytes(): number {
    return this.entries.bytes();
  }

  private generationOf(slot: CacheSlot): string {
    return `${this.generations.get(slot.accountId) ?? 0}.${this.generations.get(`${slot.accountId}|${slot.group}`) ?? 0}`;
  }
}
