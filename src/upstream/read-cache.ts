/**
 * The read cache (docs/architecture.md §5): provider answers to reads, kept per account for a TTL chosen per
 * endpoint, so clients polling the same things cost the provider one call per TTL, not one per client.
 *
 * - What is cached: each provider declares its cacheable reads (endpoint route template → group and TTL)
 *   in `src/providers/<name>/cache.ts`; a read not declared is never cached. An account may change the TTL
 *   of a group or turn the cache off (`accounts[].cache`).
 * - Writes: a write invalidates the groups its provider declares it changes, every group when it declares
 *   none, and does so before it returns, whatever its outcome (a failed write may have applied). With Redis
 *   the invalidation is shared, so no replica serves an answer from before the write. If the store cannot
 *   take it, this replica keeps retrying it and bypasses the cache for that account until it has.
 * - Stale-while-revalidate: past its TTL an entry is still served for its stale window while exactly one
 *   caller (in any replica) refreshes it in the background, under a context of its own (the client's
 *   deadline and call allowance are not spent on it).
 * - Fresh data on request: a request with `Cache-Control: no-cache` skips lookups (and refills entries).
 * - Every decision is told to the call log (metrics) and to the request (response headers).
 *
 * It is the outermost gateway policy: a hit spends no rate budget, no call allowance and no retry.
 */
import type { ProviderName } from '../core/providers';
import type { UpstreamCallLog } from './call-log';
import { AccountCacheKey } from './cache-sealing';
import { upstreamResponse, type AccountTarget, type UpstreamCall, type UpstreamPolicy, type UpstreamResponse } from './http';
import { cachedResponseBytes, type CacheLookup, type CacheSlot, type CachedResponse, type ReadCacheStore } from './read-cache-store';
import { ByteBoundedMemoryCache, stringBytes } from '../state/memory-cache';
import { UpstreamRequestContext, type CacheReadResult } from './request-context';
import { isPlainRead, requestIdentity } from './request-identity';

/** A cacheable read: the group its writes invalidate, and how long its answer is served. */
export interface CachedRead {
  group: string;
  ttlSeconds: number;
  /** How long past the TTL the answer is still served while it is refreshed; the TTL again by default. */
  staleSeconds?: number;
}

/** A provider's cacheable reads and what its writes change, by endpoint route template. */
export interface ProviderCacheRules {
  reads: Readonly<Record<string, CachedRead>>;
  /** The groups a write changes; a write not listed here invalidates every group of the account. */
  writes: Readonly<Record<string, readonly string[]>>;
}

/** An account's own settings (`accounts[].cache`). */
export interface AccountCacheSettings {
  enabled?: boolean;
  /** TTL per group in seconds; 0 turns the group's caching off. */
  ttlSecondsByGroup?: Readonly<Record<string, number>>;
}

export interface ReadCacheOptions {
  store: ReadCacheStore;
  rules: Partial<Record<ProviderName, ProviderCacheRules>>;
  accounts?: Readonly<Record<string, AccountCacheSettings>>;
  /** Told when the store failed (once per outage); the cache is then passed over, never trusted. */
  onStoreError?: (error: Error) => void;
  /**
   * With a shared store (Redis): bytes this process may keep of the entries it opened, parsed. A hit on one
   * of them still costs the lookup's round trip (so invalidation stays shared), but the entry is not sent
   * again, decrypted or parsed. 0 or absent: none kept.
   */
  openedEntriesMaxBytes?: number;
}

/** How long a background refresh may take, and how long its claim keeps other replicas from refreshing too. */
const REFRESH_DEADLINE_MS = 15_000;
const PENDING_RETRY_MS = 1_000;

export class ReadCachePolicy implements UpstreamPolicy {
  readonly name = 'read-cache';
  private readonly keys = new WeakMap<AccountTarget, AccountCacheKey>();
  /** This replica's writes per account: the read epoch of reads that are not cached. */
  private readonly writesByAccount = new Map<string, number>();
  /** Invalidations the store has not taken yet, by account; the account's cache is bypassed meanwhile. */
  private readonly pending = new Map<string, Set<string> | '*'>();
  private retryTimer?: NodeJS.Timeout;
  private storeFailing = false;
  /** With a shared store: the entry this process last opened per slot, with its seal head (cache-sealing.ts). */
  private readonly opened?: ByteBoundedMemoryCache<OpenedEntry>;

  constructor(
    private readonly options: ReadCacheOptions,
    private readonly log: UpstreamCallLog,
  ) {
    if (options.store.shared && (options.openedEntriesMaxBytes ?? 0) > 0) {
      this.opened = new ByteBoundedMemoryCache<OpenedEntry>(
        options.openedEntriesMaxBytes!,
        (opened, key) => cachedResponseBytes(opened.entry, key) + stringBytes(opened.sealHead),
      );
    }
  }

  async execute(call: UpstreamCall, next: (call?: UpstreamCall) => Promise<UpstreamResponse>): Promise<UpstreamResponse> {
    const { target, request } = call;
    const rules = this.rulesFor(target);
    if (!isPlainRead(request)) return this.write(call, next, rules);
    const read = rules?.reads[request.endpoint];
    const ttlMs = read ? this.ttlMs(target.accountId, read) : 0;
    if (!read || ttlMs <= 0) return next({ ...call, readEpoch: `w${this.writesByAccount.get(target.accountId) ?? 0}` });
    if (this.pending.has(target.accountId)) return this.passOver(call, next, 'bypass');

    const key = this.keyOf(target);
    const slot: CacheSlot = { accountId: target.accountId, group: read.group, requestKey: key.digest(requestIdentity(call)) };
    const slotId = slotIdOf(slot);
    const kept = await this.opened?.get(slotId);
    let lookup: CacheLookup;
    try {
      lookup = await this.options.store.lookup(slot, kept?.sealHead);
      this.storeFailing = false;
    } catch (error) {
      this.noteStoreError(call, error);
      return next();
    }
    const entry = request.context?.freshReads ? undefined : lookup.unchanged ? kept?.entry : await this.open(key, slotId, lookup.entry);
    const nowMs = Date.now();
    const maxAgeMs = request.context?.maxCacheAgeMs;
    const youngEnough = maxAgeMs === undefined || (entry !== undefined && nowMs - entry.storedAtMs <= maxAgeMs);
    if (entry && youngEnough && nowMs < entry.freshUntilMs) return this.serve(call, entry, 'hit');
    // A reader with an age limit never takes a stale answer: it reads again (and refills) instead.
    if (entry && maxAgeMs === undefined && nowMs < entry.staleUntilMs) {
      this.refreshInBackground(call, next, slot, lookup.generation, read, ttlMs);
      return this.serve(call, entry, 'stale');
    }
    this.note(call, request.context?.freshReads ? 'bypass' : 'miss');
    const response = await next({ ...call, readEpoch: lookup.generation });
    await this.keep(call, slot, lookup.generation, response, read, ttlMs);
    return response;
  }

  /** Bytes the entries take in this process (with Redis: the opened entries kept here). */
  bytes(): number {
    return this.options.store.bytes() + (this.opened?.bytes() ?? 0);
  }

  /** Stops the retry timer of pending invalidations (server shutdown). */
  close(): void {
    if (this.retryTimer) clearInterval(this.retryTimer);
    this.retryTimer = undefined;
  }

  private async write(call: UpstreamCall, next: () => Promise<UpstreamResponse>, rules: ProviderCacheRules | undefined): Promise<UpstreamResponse> {
    const { target, request } = call;
    try {
      return await next();
    } finally {
      this.writesByAccount.set(target.accountId, (this.writesByAccount.get(target.accountId) ?? 0) + 1);
      if (rules) await this.invalidate(call, rules.writes[request.endpoint] ?? '*');
    }
  }

  private async invalidate(call: UpstreamCall, groups: readonly string[] | '*'): Promise<void> {
    const { accountId } = call.target;
    try {
      await this.options.store.invalidate(accountId, groups);
      this.log.recordCache({ provider: call.target.provider, accountId, endpoint: call.request.endpoint, result: 'invalidated' });
    } catch (error) {
      this.noteStoreError(call, error);
      this.addPending(accountId, groups);
    }
  }

  private addPending(accountId: string, groups: readonly string[] | '*'): void {
    const known = this.pending.get(accountId);
    if (groups === '*' || known === '*') this.pending.set(accountId, '*');
    else this.pending.set(accountId, new Set([...(known ?? []), ...groups]));
    this.retryTimer ??= setInterval(() => void this.retryPending(), PENDING_RETRY_MS).unref();
  }

  private async retryPending(): Promise<void> {
    for (const [accountId, groups] of [...this.pending]) {
      try {
        await this.options.store.invalidate(accountId, groups === '*' ? '*' : [...groups]);
        if (this.pending.get(accountId) === groups) this.pending.delete(accountId);
      } catch {
        return;
      }
    }
    if (this.pending.size === 0) this.close();
  }

  private refreshInBackground(
    call: UpstreamCall,
    next: (call?: UpstreamCall) => Promise<UpstreamResponse>,
    slot: CacheSlot,
    generation: string,
    read: CachedRead,
    ttlMs: number,
  ): void {
    void (async () => {
      if (!(await this.options.store.claimRefresh(slot, generation, Math.min(ttlMs, REFRESH_DEADLINE_MS)))) return;
      const context = UpstreamRequestContext.unbounded('proxygraph:cache-refresh');
      const refresh: UpstreamCall = {
        ...call,
        request: { ...call.request, context },
        deadlineAtMs: Date.now() + REFRESH_DEADLINE_MS,
        readEpoch: generation,
      };
      const response = await next(refresh);
      await this.keep(refresh, slot, generation, response, read, ttlMs);
    })().catch(() => {
      // The entry stays stale until its window ends, then the next read is a miss and meets the error itself.
    });
  }

  private async keep(call: UpstreamCall, slot: CacheSlot, generation: string, response: UpstreamResponse, read: CachedRead, ttlMs: number): Promise<void> {
    const storedAtMs = Date.now();
    const staleMs = read.staleSeconds === undefined ? ttlMs : read.staleSeconds * 1000;
    const entry: CachedResponse = {
      status: response.status,
      headers: withoutCookies(response.headers),
      text: response.text,
      storedAtMs,
      freshUntilMs: storedAtMs + ttlMs,
      staleUntilMs: storedAtMs + ttlMs + staleMs,
    };
    try {
      if (!this.options.store.shared) return await this.options.store.store(slot, generation, entry, ttlMs + staleMs);
      const sealed = this.keyOf(call.target).seal(JSON.stringify(entry));
      await this.options.store.store(slot, generation, sealed, ttlMs + staleMs);
      // Held as if opened: if Redis refused it (a write came first), Redis holds no entry with this head.
      await this.opened?.set(slotIdOf(slot), { sealHead: AccountCacheKey.sealHead(sealed), entry }, { ttl: ttlMs + staleMs });
    } catch (error) {
      this.noteStoreError(call, error);
    }
  }

  private serve(call: UpstreamCall, entry: CachedResponse, result: 'hit' | 'stale'): UpstreamResponse {
    this.note(call, result, Date.now() - entry.storedAtMs);
    // The entry keeps its parsed body for the next hit: held in this process, or opened from Redis and kept.
    return upstreamResponse(call.target, entry.status, entry.headers, entry.text, entry);
  }

  private passOver(call: UpstreamCall, next: () => Promise<UpstreamResponse>, result: CacheReadResult): Promise<UpstreamResponse> {
    this.note(call, result);
    return next();
  }

  private note(call: UpstreamCall, result: CacheReadResult, ageMs = 0): void {
    call.request.context?.cacheRead(result, ageMs);
    this.log.recordCache({ provider: call.target.provider, accountId: call.target.accountId, endpoint: call.request.endpoint, result });
  }

  private noteStoreError(call: UpstreamCall, error: unknown): void {
    this.log.recordCache({ provider: call.target.provider, accountId: call.target.accountId, endpoint: call.request.endpoint, result: 'store_error' });
    if (this.storeFailing) return;
    this.storeFailing = true;
    this.options.onStoreError?.(error as Error);
  }

  /** An entry as the store gave it: as is from this process, opened (and kept, when configured) from Redis. */
  private async open(key: AccountCacheKey, slotId: string, stored: CachedResponse | string | undefined): Promise<CachedResponse | undefined> {
    if (typeof stored !== 'string') return stored;
    const plain = key.open(stored);
    if (plain === undefined) return undefined;
    const entry = JSON.parse(plain) as CachedResponse;
    await this.opened?.set(slotId, { sealHead: AccountCacheKey.sealHead(stored), entry }, { ttl: Math.max(1, entry.staleUntilMs - Date.now()) });
    return entry;
  }

  private rulesFor(target: AccountTarget): ProviderCacheRules | undefined {
    if (this.options.accounts?.[target.accountId]?.enabled === false) return undefined;
    return this.options.rules[target.provider];
  }

  private ttlMs(accountId: string, read: CachedRead): number {
    const seconds = this.options.accounts?.[accountId]?.ttlSecondsByGroup?.[read.group] ?? read.ttlSeconds;
    return seconds * 1000;
  }

  private keyOf(target: AccountTarget): AccountCacheKey {
    let key = this.keys.get(target);
    if (!key) {
      key = new AccountCacheKey(target.accountId, JSON.stringify(target.authHeaders()));
      this.keys.set(target, key);
    }
    return key;
  }
}

const slotIdOf = (slot: CacheSlot) => `${slot.accountId}|${slot.group}|${slot.requestKey}`;

/** An entry this process opened from the shared store, and the head of its seal there. */
interface OpenedEntry {
  sealHead: string;
  entry: CachedResponse;
}

function withoutCookies(headers: Record<string, string | undefined>): Record<string, string | undefined> {
  const { 'set-cookie': _cookie, ...rest } = headers;
  return rest;
}
