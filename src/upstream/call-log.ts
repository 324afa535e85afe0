/**
 * Counts every outbound call by provider, account, endpoint label and outcome. Tests read it to assert how
 * many upstream calls an operation made; the metrics endpoint will export the same numbers. Labels never
 * hold a secret: endpoint labels are route templates, not URLs.
 */
export interface UpstreamCallRecord {
  provider: string;
  accountId: string;
  endpoint: string;
  status: number | 'error';
  durationMs: number;
}

export interface UpstreamWaitRecord {
  provider: string;
  accountId: string;
  waitMs: number;
}

/** One read-cache decision: served from the cache (hit, stale), sent (miss, bypass), or invalidated by a write. */
export interface UpstreamCacheRecord {
  provider: string;
  accountId: string;
  endpoint: string;
  result: 'hit' | 'stale' | 'miss' | 'bypass' | 'invalidated' | 'store_error';
}

/**
 * Work the gateway did or spared without a call of its own: a retry, a read that joined another's flight,
 * or a call ProxyGraph refused before it reached the provider (its error code: RATE_LIMITED from a budget,
 * PROVIDER_UNAVAILABLE past the deadline or after the client left, BAD_USER_INPUT past the call allowance).
 */
export interface UpstreamEventRecord {
  provider: string;
  accountId: string;
  kind: 'retry' | 'single_flight_join' | 'refused';
  /** For `refused`: the error code the caller got. */
  reason?: string;
}

export class UpstreamCallLog {
  private readonly counts = new Map<string, number>();
  private readonly recent: UpstreamCallRecord[] = [];
  private readonly listeners = new Set<(call: UpstreamCallRecord) => void>();
  private readonly waitListeners = new Set<(wait: UpstreamWaitRecord) => void>();
  private readonly cacheListeners = new Set<(record: UpstreamCacheRecord) => void>();
  private readonly eventListeners = new Set<(record: UpstreamEventRecord) => void>();
  constructor(private readonly keepRecent = 1_000) {}

  /** Observers (metrics, the per-request counter) see every call as it is recorded. Returns an unsubscribe. */
  subscribe(listener: (call: UpstreamCallRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Observers of time spent waiting for a provider's rate budget before a call. */
  subscribeWaits(listener: (wait: UpstreamWaitRecord) => void): () => void {
    this.waitListeners.add(listener);
    return () => this.waitListeners.delete(listener);
  }

  /** Observers of the read cache's decisions (metrics). */
  subscribeCache(listener: (record: UpstreamCacheRecord) => void): () => void {
    this.cacheListeners.add(listener);
    return () => this.cacheListeners.delete(listener);
  }

  /** Observers of retries, single-flight joins and refusals (metrics). */
  subscribeEvents(listener: (record: UpstreamEventRecord) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  recordEvent(record: UpstreamEventRecord): void {
    for (const listener of this.eventListeners) listener(record);
  }

  recordCache(record: UpstreamCacheRecord): void {
    for (const listener of this.cacheListeners) listener(record);
  }

  recordWait(wait: UpstreamWaitRecord): void {
    for (const listener of this.waitListeners) listener(wait);
  }

  record(call: UpstreamCallRecord): void {
    for (const listener of this.listeners) listener(call);
    const key = `${call.provider}|${call.accountId}|${call.endpoint}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.recent.push(call);
    if (this.recent.length > this.keepRecent) this.recent.shift();
  }

  /** Calls made so far, optionally narrowed by provider, account and endpoint label. */
  count(filter: { provider?: string; accountId?: string; endpoint?: string } = {}): number {
    let total = 0;
    for (const [key, value] of this.counts) {
      const [provider, accountId, endpoint] = key.split('|');
      if (filter.provider && filter.provider !== provider) continue;
      if (filter.accountId && filter.accountId !== accountId) continue;
      if (filter.endpoint && filter.endpoint !== endpoint) continue;
      total += value;
    }
    return total;
  }

  snapshot(): Array<{ provider: string; accountId: string; endpoint: string; count: number }> {
    return [...this.counts].map(([key, count]) => {
      const [provider, accountId, endpoint] = key.split('|');
      return { provider, accountId, endpoint, count };
    });
  }

  recentCalls(): readonly UpstreamCallRecord[] {
    return this.recent;
  }

  reset(): void {
    this.counts.clear();
    this.recent.length = 0;
  }
}
