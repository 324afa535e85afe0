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
