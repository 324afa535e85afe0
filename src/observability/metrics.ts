/**
 * Prometheus metrics (prom-client), one registry per server so several servers in one process (tests) never
 * share series. Labels are bounded and never hold a secret: operation names, provider names, account ids
 * from config and endpoint route templates.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AccountRegistry } from '../domain/registry';
import type { UpstreamCallLog } from '../upstream/call-log';

const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20];

export class ProxyGraphMetrics {
  readonly registry = new Registry();
  readonly operationDuration: Histogram<'operation_name' | 'operation_type' | 'outcome'>;
  readonly upstreamDuration: Histogram<'provider' | 'endpoint' | 'status'>;
  readonly upstreamRateLimited: Counter<'provider' | 'account_id'>;
  readonly cacheRequests: Counter<'cache' | 'result'>;
  readonly rateLimitWait: Histogram<'provider' | 'account_id'>;
  readonly upstreamCache: Counter<'provider' | 'account_id' | 'result'>;
  readonly upstreamRetries: Counter<'provider' | 'account_id'>;
  readonly upstreamJoins: Counter<'provider' | 'account_id'>;
  readonly upstreamRefusals: Counter<'provider' | 'account_id' | 'reason'>;
  readonly liveSubscriptions: Gauge;
  readonly livePolls: Counter<'kind' | 'account_id' | 'outcome'>;
  /** Caches whose size in bytes is exported, read at each scrape. */
  private readonly cacheSizes = new Map<string, () => number>();
  private readonly unsubscribe: () => void;
  private readonly unsubscribeWaits: () => void;
  private readonly unsubscribeCache: () => void;
  private readonly unsubscribeEvents: () => void;

  constructor(callLog: UpstreamCallLog, accounts: AccountRegistry) {
    // Unprefixed, under the names Node.js dashboards and alerts expect (process_cpu_user_seconds_total, nodejs_heap_size_used_bytes).
    collectDefaultMetrics({ register: this.registry });
    this.operationDuration = new Histogram({
      name: 'proxygraph_graphql_operation_duration_seconds',
      help: 'GraphQL operation duration, from request start to response',
      labelNames: ['operation_name', 'operation_type', 'outcome'],
      buckets: LATENCY_BUCKETS_SECONDS,
      registers: [this.registry],
    });
    this.upstreamDuration = new Histogram({
      name: 'proxygraph_upstream_request_duration_seconds',
      help: 'Provider API request duration by provider, endpoint route template and HTTP status (or "error")',
      labelNames: ['provider', 'endpoint', 'status'],
      buckets: LATENCY_BUCKETS_SECONDS,
      registers: [this.registry],
    });
    this.upstreamRateLimited = new Counter({
      name: 'proxygraph_upstream_rate_limited_total',
      help: 'Provider answers of HTTP 429 (rate limit reached), by provider and account',
      labelNames: ['provider', 'account_id'],
      registers: [this.registry],
    });
    this.rateLimitWait = new Histogram({
      name: 'proxygraph_upstream_rate_limit_wait_seconds',
      help: "Time calls waited for an account's provider rate budget before being sent",
      labelNames: ['provider', 'account_id'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.cacheRequests = new Counter({
      name: 'proxygraph_cache_requests_total',
      help: 'Cache lookups by cache (apq = automatic persisted queries) and result (hit, miss)',
      labelNames: ['cache', 'result'],
      registers: [this.registry],
    });
    this.upstreamCache = new Counter({
      name: 'proxygraph_upstream_cache_total',
      help: 'Read-cache decisions on provider reads: hit, stale (served while refreshed), miss, bypass (fresh data asked for), invalidated (by a write), store_error',
      labelNames: ['provider', 'account_id', 'result'],
      registers: [this.registry],
    });
    this.liveSubscriptions = new Gauge({
      name: 'proxygraph_live_subscriptions',
      help: 'Open subscriptions over WebSocket in this replica',
      registers: [this.registry],
    });
    this.livePolls = new Counter({
      name: 'proxygraph_live_polls_total',
      help: 'Polls behind subscriptions by watched resource, account and outcome (ok, failed, skipped: another replica polls it)',
      labelNames: ['kind', 'account_id', 'outcome'],
      registers: [this.registry],
    });
    this.upstreamRetries = new Counter({
      name: 'proxygraph_upstream_retries_total',
      help: 'Reads sent again after a transport failure or a 5xx',
      labelNames: ['provider', 'account_id'],
      registers: [this.registry],
    });
    this.upstreamJoins = new Counter({
      name: 'proxygraph_upstream_single_flight_joins_total',
      help: 'Reads that shared an identical read already in flight instead of making a call',
      labelNames: ['provider', 'account_id'],
      registers: [this.registry],
    });
    this.upstreamRefusals = new Counter({
      name: 'proxygraph_upstream_refusals_total',
      help: 'Calls ProxyGraph refused before they reached the provider, by the error code returned (RATE_LIMITED: budget; PROVIDER_UNAVAILABLE: deadline passed or client gone; BAD_USER_INPUT: call allowance used up)',
      labelNames: ['provider', 'account_id', 'reason'],
      registers: [this.registry],
    });
    const cacheSizes = this.cacheSizes;
    new Gauge({
      name: 'proxygraph_cache_bytes',
      help: 'Bytes held by an in-memory cache (apq = automatic persisted queries, when no Redis is configured)',
      labelNames: ['cache'],
      registers: [this.registry],
      collect() {
        for (const [cache, bytes] of cacheSizes) this.set({ cache }, bytes());
      },
    });
    new Gauge({
      name: 'proxygraph_credential_breaker_open',
      help: "1 while an account's credential breaker is open (calls refused until credentials are reset)",
      labelNames: ['provider', 'account_id'],
      registers: [this.registry],
      collect() {
        for (const account of accounts.all()) {
          const open = account.adapter.credentialBreakerOpen?.() ?? false;
          this.set({ provider: account.provider, account_id: account.id }, open ? 1 : 0);
        }
      },
    });
    this.unsubscribe = callLog.subscribe((call) => {
      this.upstreamDuration.observe({ provider: call.provider, endpoint: call.endpoint, status: String(call.status) }, call.durationMs / 1000);
      if (call.status === 429) this.upstreamRateLimited.inc({ provider: call.provider, account_id: call.accountId });
    });
    this.unsubscribeCache = callLog.subscribeCache((record) => {
      this.upstreamCache.inc({ provider: record.provider, account_id: record.accountId, result: record.result });
    });
    this.unsubscribeEvents = callLog.subscribeEvents((record) => {
      const labels = { provider: record.provider, account_id: record.accountId };
      if (record.kind === 'retry') this.upstreamRetries.inc(labels);
      else if (record.kind === 'single_flight_join') this.upstreamJoins.inc(labels);
      else this.upstreamRefusals.inc({ ...labels, reason: record.reason ?? 'unknown' });
    });
    this.unsubscribeWaits = callLog.subscribeWaits((wait) => {
      this.rateLimitWait.observe({ provider: wait.provider, account_id: wait.accountId }, wait.waitMs / 1000);
    });
  }

  /** Exports `bytes()` as `proxygraph_cache_bytes{cache}`. */
  trackCacheBytes(cache: string, bytes: () => number): void {
    this.cacheSizes.set(cache, bytes);
  }

  close(): void {
    this.unsubscribe();
    this.unsubscribeWaits();
    this.unsubscribeCache();
    this.unsubscribeEvents();
  }
}
