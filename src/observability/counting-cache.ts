/** Wraps a cache so its hits and misses show up in metrics (`proxygraph_cache_requests_total`). */
import type { StringCache } from '../state/redis';
import type { ProxyGraphMetrics } from './metrics';

export function countingCache(cache: StringCache, name: string, metrics: ProxyGraphMetrics): StringCache {
  return {
    async get(key) {
      const value = await cache.get(key);
      metrics.cacheRequests.inc({ cache: name, result: value === undefined ? 'miss' : 'hit' });
      return value;
    },
    set: (key, value, options) => cache.set(key, value, options),
    delete: (key) => cache.delete(key),
  };
}

/** A small in-memory cache with TTLs and a size bound (the default when no Redis is configured). */
export class MemoryStringCache implements StringCache {
  private readonly entries = new Map<string, { value: string; expiresAtMs: number | null }>();
  constructor(private readonly maxEntries = 10_000) {}

  async get(key: string): Promise<string | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAtMs !== null && entry.expiresAtMs <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    this.entries.delete(key);
    // Oldest first out: Map iteration order is insertion order.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, expiresAtMs: options?.ttl ? Date.now() + options.ttl * 1000 : null });
  }

  async delete(key: string): Promise<boolean> {
    return this.entries.delete(key);
  }
}
