/**
 * DataLoader helpers shared by adapters. A loader batches only where the provider has a bulk endpoint;
 * otherwise `perKeyLoader` de-duplicates keys and fetches them one call each with bounded concurrency.
 * Batch functions return one value or Error per key, in key order (the DataLoader contract).
 */
import DataLoader from 'dataloader';
import { ProxyGraphError } from '../../core/errors';

/** Runs `work` over `items` with at most `concurrency` in flight; results keep input order. */
export async function mapBounded<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  });
  await Promise.all(runners);
  return results;
}

/** One upstream call per distinct key; NOT_FOUND becomes null so a missing item is not an error. */
export function perKeyLoader<K, V>(
  fetchOne: (key: K) => Promise<V>,
  options: { concurrency?: number; absentMeansNull?: (key: K) => boolean } = {},
): DataLoader<K, V | null> {
  const { concurrency = 4, absentMeansNull = () => true } = options;
  return new DataLoader<K, V | null>(
    (keys) =>
      mapBounded(keys, concurrency, async (key) => {
        try {
          return await fetchOne(key);
        } catch (error) {
          if (error instanceof ProxyGraphError && error.code === 'NOT_FOUND' && absentMeansNull(key)) return null;
          return error instanceof Error ? error : new Error(String(error));
        }
      }),
    { maxBatchSize: 100 },
  );
}

/** Memoizes a no-argument read for the lifetime of a session (one request); `clear` after writes. */
export function sessionMemo<T>(read: () => Promise<T>): { get(): Promise<T>; clear(): void } {
  let pending: Promise<T> | undefined;
  return {
    get() {
      pending ??= read().catch((error) => {
        pending = undefined;
        throw error;
      });
      return pending;
    },
    clear() {
      pending = undefined;
    },
  };
}
