/**
 * Composition root: config → upstream gateway → account registry (adapters) → schema → HTTP server.
 * Used by the CLI, by demo mode and by the tests, so all three run the same code.
 */
import pino, { type Logger } from 'pino';
import type { ProxyGraphConfig } from './config/schema';
import { ConfigError } from './config/load';
import { AccountRegistry } from './domain/registry';
import { FileStateStore, StateStoreError, type StateHealth, type StateStore } from './state/store';
import { connectRedis, DEFAULT_REDIS_KEY_PREFIX, RedisStateStore, RedisStringCache, sharedStateHealth } from './state/redis';
import { ProxyGraphMetrics } from './observability/metrics';
import { ByteBoundedMemoryCache } from './state/memory-cache';
import { PERSISTED_QUERY_DEFAULTS } from './http/persisted-queries';
import { adapterFactories } from './providers';
import { buildProxyGraphSchema } from './schema/build';
import { createAuthenticator } from './http/auth';
import { startHttpServer } from './http/server';
import { ListenError } from './http/listen';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { AuditLog } from './domain/audit';
import { FileAuditLog } from './state/audit-log';
import { RedisAuditLog } from './state/redis-audit-log';
import { MemoryLiveBus, type LiveBus } from './state/live-bus';
import { RedisLiveBus } from './state/redis-live-bus';
import { LiveHub } from './domain/live/hub';
import { DEFAULT_POLL_INTERVAL_SECONDS, WATCH_KINDS, type WatchKind } from './domain/live/watches';
import { ProxyGraphError } from './core/errors';
import type Redis from 'ioredis';
import { tracingFromEnvironment, type Tracing } from './observability/tracing';
import { USAGE_HISTORY_DEFAULTS, type UsageHistorySource, type UsageHistoryStore } from './domain/usage-history';
import { UsageHistoryScheduler } from './domain/usage-history-scheduler';
import { FileUsageHistoryStore } from './state/usage-history-file';
import { RedisUsageHistoryStore } from './state/usage-history-redis';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

// The version spans and the service resource report.
const PACKAGE_VERSION: string = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
import { DEFAULT_OPS_HOST, DEFAULT_OPS_PORT, startOpsServer } from './http/ops-server';
import { effectiveQueryLimits } from './http/query-limits';
import { UpstreamGateway, type UpstreamGatewayOptions } from './upstream/http';
import { resilienceWiring } from './upstream/resilience-wiring';

export interface StartOptions {
  config: ProxyGraphConfig;
  /** Overrides config.server.port (e.g. PORT or --port); 0 picks a free port. */
  port?: number;
  /** Overrides config.server.host. */
  host?: string;
  /** Overrides config.server.ops.port (demo mode uses 0: a free port). */
  opsPort?: number;
  /** Development defaults: introspection and the Sandbox landing page on. */
  development?: boolean;
  logger?: Logger;
  upstream?: UpstreamGatewayOptions;
  /** Overrides the state store (tests and demo mode use a memory-only one). */
  stateStore?: StateStore;
  /** OpenTelemetry tracing; by default as the OTEL_* environment variables ask (off when they do not). */
  tracing?: Tracing;
  /**
   * TEST-ONLY: the usage snapshot interval in milliseconds, overriding `usageHistory.intervalSeconds`, whose
   * configured minimum (60 s) would make tests wait minutes. Never set by the CLI or demo mode.
   */
  usageHistoryIntervalMsForTests?: number;
}

export interface RunningProxyGraph {
  url: string;
  port: number;
  /** Base URL of the ops listener (/ready, /metrics), e.g. http://127.0.0.1:9464. */
  opsUrl: string;
  /** How long stop() waits for in-flight requests: the request deadline plus a margin. */
  drainGraceMs: number;
  registry: AccountRegistry;
  gateway: UpstreamGateway;
  /** The usage snapshotter, when usage history is on (tests wait for its rounds to settle). */
  usageHistory: UsageHistoryScheduler | null;
  stop(): Promise<void>;
}

/** How long audit entries are kept when `audit.retentionDays` is not set. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 90;

/** Where the default state store persists (relative to the working directory) when config.dataDir is absent. */
export const DEFAULT_DATA_DIR = '.proxygraph-data';

/** Time past the request deadline a drain allows for the answer to be written and read. */
const DRAIN_MARGIN_MS = 5_000;

/** No request outlives its deadline (every upstream call is bounded by it), so draining that long plus a margin cuts none. */
export function drainGraceMs(config: ProxyGraphConfig): number {
  return effectiveQueryLimits(config.server?.limits).requestTimeoutMs + DRAIN_MARGIN_MS;
}

/** The file store in dataDir; a directory it cannot use or a corrupt state file is a configuration error (exit 78). */
function fileStateStore(dataDir: string): FileStateStore {
  try {
    return FileStateStore.inDataDir(dataDir);
  } catch (error) {
    if (error instanceof StateStoreError) throw new ConfigError(error.message);
    throw error;
  }
}

/** Subscriptions one WebSocket connection may hold when `server.live.maxSubscriptionsPerConnection` is not set. */
export const DEFAULT_MAX_SUBSCRIPTIONS_PER_CONNECTION = 25;
/** WebSocket connections a replica holds (`server.live.maxConnections`): ~40 KB each, so ~40 MB at the cap. */
export const DEFAULT_MAX_LIVE_CONNECTIONS = 1_000;
/** WebSocket connections one caller may hold (`server.live.maxConnectionsPerPrincipal`): a dashboard tab is one. */
export const DEFAULT_MAX_LIVE_CONNECTIONS_PER_PRINCIPAL = 100;

/**
 * The pollers behind subscriptions (domain/live/hub.ts), sharing their work through Redis when it is
 * configured; none when `server.live.enabled` is false.
 */
function liveWiring(config: ProxyGraphConfig, registry: AccountRegistry, redis: Redis | null, keyPrefix: string, metrics: ProxyGraphMetrics, logger: Logger) {
  const settings = config.server?.live;
  if (settings?.enabled === false) return null;
  const bus: LiveBus = redis ? new RedisLiveBus(redis, keyPrefix) : new MemoryLiveBus();
  const intervalMs = Object.fromEntries(
    WATCH_KINDS.map((kind) => [kind, (settings?.pollIntervalSeconds?.[kind] ?? DEFAULT_POLL_INTERVAL_SECONDS[kind]) * 1000]),
  ) as Record<WatchKind, number>;
  const hub = new LiveHub({
    registry,
    bus,
    intervalMs,
    pollTimeoutMs: effectiveQueryLimits(config.server?.limits).requestTimeoutMs,
    onPoll: (kind, accountId, outcome) => metrics.livePolls.inc({ kind, account_id: accountId, outcome }),
    onPollError: (kind, accountId, error) =>
      logger.warn(
        {
          kind,
          accountId,
          code: error instanceof ProxyGraphError ? error.code : 'INTERNAL',
          err: { message: error instanceof Error ? error.message : String(error) },
        },
        'a poll for subscriptions failed; the next one will try again',
      ),
  });
  return { hub, bus };
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export function createLogger(): Logger {
  return pino({
    level: process.env.LOG_LEVEL ?? 'info',
    redact: { paths: ['*.authorization', '*.password', '*.token', '*.privateKey', '*.credentials'], censor: '[redacted]' },
  });
}

export async function startProxyGraph(options: StartOptions): Promise<RunningProxyGraph> {
  const { config } = options;
  const logger = options.logger ?? createLogger();
  const host = options.host ?? config.server?.host ?? '0.0.0.0';
  const port = options.port ?? config.server?.port ?? 4000;
  const auth = config.auth ?? { mode: 'none' as const };
  if (auth.mode === 'none' && !LOOPBACK.test(host)) {
    throw new ConfigError(`auth.mode "none" is only allowed on a loopback host; server.host is "${host}". Configure auth.keys or bind to 127.0.0.1.`);
  }

  // Checked before anything connects or listens, so a bad state directory stops the boot cleanly.
  const fileStore = options.stateStore || config.redis ? null : fileStateStore(config.dataDir ?? DEFAULT_DATA_DIR);
  const redis = config.redis ? await connectRedis(config.redis.url, logger) : null;
  const keyPrefix = config.redis?.keyPrefix ?? DEFAULT_REDIS_KEY_PREFIX;
  // Retries, single-flight and rate budgets (shared through Redis when configured), per-account deadlines.
  const resilience = resilienceWiring(config, redis, keyPrefix, logger);
  const gateway = new UpstreamGateway({ ...resilience.gateway, ...options.upstream });
  const store: StateStore = options.stateStore ?? fileStore ?? new RedisStateStore(redis!, keyPrefix);
  // Redis carries budgets, locks and caches besides the store: its connection is the shared state's health.
  const stateHealth = (): StateHealth => (redis ? sharedStateHealth(redis) : (store.health?.() ?? { backend: 'custom', ok: true }));
  const registry = new AccountRegistry(config.accounts, adapterFactories, { gateway, store, lock: resilience.lock });
  const metrics = new ProxyGraphMetrics(gateway.callLog, registry);
  const persistedQueries = config.server?.persistedQueries;
  const persistedQueryCache = redis
    ? new RedisStringCache(redis, keyPrefix, logger)
    : new ByteBoundedMemoryCache(persistedQueries?.maxCacheBytes ?? PERSISTED_QUERY_DEFAULTS.maxCacheBytes);
  const readCache = gateway.readCache;
  if (readCache) metrics.trackCacheBytes('upstream', () => readCache.bytes());
  if (persistedQueryCache instanceof ByteBoundedMemoryCache) metrics.trackCacheBytes('apq', () => persistedQueryCache.bytes());
  const { schema, upstreamFields } = await buildProxyGraphSchema();
  const development = options.development ?? false;
  const graceMs = drainGraceMs(config);
  let draining = false;
  const tracing = options.tracing ?? tracingFromEnvironment(process.env, PACKAGE_VERSION);
  const retentionDays = config.audit?.retentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS;
  // Beside state.json when the file store is in use; in memory when the caller supplied a store (tests, demo).
  const auditLog: AuditLog = redis
    ? new RedisAuditLog(redis, keyPrefix, retentionDays)
    : new FileAuditLog(fileStore ? join(config.dataDir ?? DEFAULT_DATA_DIR, 'audit.jsonl') : null, retentionDays);
  const history = config.usageHistory ?? {};
  const historyEnabled = history.enabled ?? USAGE_HISTORY_DEFAULTS.enabled;
  const historyRetentionDays = history.retentionDays ?? USAGE_HISTORY_DEFAULTS.retentionDays;
  // Like the audit log: Redis when configured, else beside state.json, else (a caller-supplied store) memory.
  const historyStore: UsageHistoryStore | null = !historyEnabled
    ? null
    : redis
      ? new RedisUsageHistoryStore(redis, keyPrefix, historyRetentionDays, `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`)
      : new FileUsageHistoryStore(fileStore ? join(config.dataDir ?? DEFAULT_DATA_DIR, 'usage-history.jsonl') : null, historyRetentionDays);
  const historyIntervalMs = options.usageHistoryIntervalMsForTests ?? (history.intervalSeconds ?? USAGE_HISTORY_DEFAULTS.intervalSeconds) * 1000;
  const usageHistory: UsageHistorySource | undefined = historyStore
    ? { store: historyStore, intervalSeconds: Math.max(1, Math.round(historyIntervalMs / 1000)), retentionDays: historyRetentionDays }
    : undefined;
  const live = liveWiring(config, registry, redis, keyPrefix, metrics, logger);
  const server = await startHttpServer({
    live: live
      ? {
          hub: live.hub,
          maxSubscriptionsPerConnection: config.server?.live?.maxSubscriptionsPerConnection ?? DEFAULT_MAX_SUBSCRIPTIONS_PER_CONNECTION,
          maxConnections: config.server?.live?.maxConnections ?? DEFAULT_MAX_LIVE_CONNECTIONS,
          maxConnectionsPerPrincipal: config.server?.live?.maxConnectionsPerPrincipal ?? DEFAULT_MAX_LIVE_CONNECTIONS_PER_PRINCIPAL,
        }
      : undefined,
    tracing,
    auditLog,
    usageHistory,
    schema,
    upstreamFields,
    registry,
    authenticate: createAuthenticator(auth),
    logger,
    port,
    host,
    corsOrigins: config.server?.cors?.origins ?? [],
    introspection: config.server?.introspection ?? development,
    landingPage: config.server?.landingPage ?? development,
    explorer: config.server?.explorer ?? development,
    webApp: config.server?.app ?? true,
    metrics,
    persistedQueryCache,
    maxPersistedDocumentBytes: persistedQueries?.maxDocumentBytes,
    queryLimits: config.server?.limits,
    routerSecret: config.server?.routerSecret,
    drainGraceMs: graceMs,
  });
  const opsHost = config.server?.ops?.host ?? DEFAULT_OPS_HOST;
  const opsPort = options.opsPort ?? config.server?.ops?.port ?? DEFAULT_OPS_PORT;
  const ops = await startOpsServer({ host: opsHost, port: opsPort, registry, metrics, stateHealth, isDraining: () => draining }).catch(
    async (error: NodeJS.ErrnoException) => {
      await server.stop();
      // Most often the default port taken by a second instance on the host: the error says which setting to change.
      if (error instanceof ListenError) throw error;
      throw new ConfigError(`server.ops: cannot listen on ${opsHost}:${opsPort} (${error.code ?? error.message}); set server.ops.port/host`);
    },
  );
  const requestLimits = effectiveQueryLimits(config.server?.limits);
  // Reads go through the same gateway as queries (read cache, rate budgets), with a query's deadline and allowance.
  const scheduler = historyStore
    ? new UsageHistoryScheduler({
        registry,
        store: historyStore,
        intervalMs: historyIntervalMs,
        retentionDays: historyRetentionDays,
        logger,
        roundTimeoutMs: requestLimits.requestTimeoutMs,
        maxUpstreamCalls: requestLimits.maxUpstreamCallsPerRequest,
      })
    : null;
  scheduler?.start();
  return {
    url: server.url,
    port: server.port,
    opsUrl: ops.url,
    drainGraceMs: graceMs,
    registry,
    gateway,
    usageHistory: scheduler,
    async stop() {
      // Synchronously, before anything awaits: /ready says 503 from the first moment of the drain.
      draining = true;
      await Promise.all([server.stop(), scheduler?.stop()]);
      await live?.hub.close();
      await live?.bus.close();
      await historyStore?.close();
      await gateway.close();
      await store.close();
      metrics.close();
      if (redis) await redis.quit().catch(() => redis.disconnect());
      await ops.close();
      await tracing?.shutdown();
    },
  };
}
