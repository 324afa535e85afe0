/**
 * In-memory key-value caches bounded in bytes rather than entries (a bound by count let 600 registrations
 * of ~900 KB keep 500 MB): Apollo's InMemoryLRUCache (lru-cache) evicts the least recently used entries
 * once the total passes `maxBytes`, and the total is readable for /metrics.
 */
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';

/**
 * Text counted as UTF-16, 2 bytes a character: the most V8 holds for a string, so a bound computed this
 * way bounds the heap whatever the characters.
 */
export const stringBytes = (text: string) => 2 * text.length;

export class ByteBoundedMemoryCache<V extends NonNullable<unknown> = string> {
  private readonly lru: InMemoryLRUCache<V>;
  private heldBytes = 0;

  constructor(
    readonly maxBytes: number,
    /** Bytes an entry takes (key included); strings by default. */
    sizeOf: (value: V, key: string) => number = (value, key) => stringBytes(key) + stringBytes(String(value)),
  ) {
    const entryBytes = (value: V, key: string) => Math.max(1, Math.ceil(sizeOf(value, key)));
    this.lru = new InMemoryLRUCache<V>({
      maxSize: maxBytes,
      sizeCalculation: entryBytes,
      // lru-cache keeps its total private; it reports every insertion and every removal (eviction, expiry,
      // overwrite, delete), which is enough to keep the same total. 'update' re-sets the same value.
      onInsert: (value, key, reason) => {
        if (reason !== 'update') this.heldBytes += entryBytes(value, key);
      },
      dispose: (value, key) => {
        this.heldBytes -= entryBytes(value, key);
      },
    });
  }

  /** Bytes the entries take now (expired entries count until lru-cache drops them). */
  bytes(): number {
    return this.heldBytes;
  }

  get(key: string): Promise<V | undefined> {
    return this.lru.get(key);
  }

  set(key: string, value: V, options?: { ttl?: number | null }): Promise<void> {
    return this.lru.set(key, value, options);
  }

  delete(key: string): Promise<boolean> {
    return this.lru.delete(key);
  }
}
