/**
 * Composition root: config → upstream gateway → account registry (adapters) → schema → HTTP server.
 * Used by the CLI, by demo mode and by the tests, so all three run the same code.
 */
import pino, { type Logger } from 'pino';
import type { ProxyGraphConfig } from './config/schema';
import { ConfigError } from './config/load';
import { AccountRegistry } from './domain/registry';
import { FileStateStore, type StateStore } from './state/store';
import { connectRedis, DEFAULT_REDIS_KEY_PREFIX, RedisStateStore, RedisStringCache } from './state/redis';
import { ProxyGraphMetrics } from './observability/metrics';
import { ByteBoundedMemoryCache } from './state/memory-cache';
import { PERSISTED_QUERY_DEFAULTS } from './http/persisted-queries';
import { adapterFactories } from './providers';
import { buildProxyGraphSchema } from './schema/build';
import { createAuthenticator } from './http/auth';
import { startHttpServer } from './http/server';
import { UpstreamGateway, type UpstreamGatewayOptions } from './upstream/http';
import { resilienceWiring } from './upstream/resilience-wiring';

export interface StartOptions {
  config: ProxyGraphConfig;
  /** Overrides config.server.port (e.g. PORT or --port); 0 picks a free port. */
  port?: number;
  /** Overrides config.server.host. */
  host?: string;
  /** Development defaults: introspection and the Sandbox landing page on. */
  development?: boolean;
  logger?: Logger;
  upstream?: UpstreamGatewayOptions;
  /** Overrides the state store (tests and demo mode use a memory-only one). */
  stateStore?: StateStore;
}

export interface RunningProxyGraph {
  url: string;
  port: number;
  registry: AccountRegistry;
  gateway: UpstreamGateway;
  stop(): Promise<void>;
}

/** Where the default state store persists (relative to the working directory) when config.dataDir is absent. */
export const DEFAULT_DATA_DIR = '.proxygraph-data';

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

  const redis = config.redis ? connectRedis(config.redis.url) : null;
  const keyPrefix = config.redis?.keyPrefix ?? DEFAULT_REDIS_KEY_PREFIX;
  // Retries, single-flight and rate budgets (shared through Redis when configured), per-account deadlines.
  const resilience = resilienceWiring(config, redis, keyPrefix, logger);
  const gateway = new UpstreamGateway({ ...resilience.gateway, ...options.upstream });
  const store =
    options.stateStore ?? (redis ? new RedisStateStore(redis, keyPrefix) : FileStateStore.inDataDir(config.dataDir ?? DEFAULT_DATA_DIR));
  const registry = new AccountRegistry(config.accounts, adapterFactories, { gateway, store, lock: resilience.lock });
  const metrics = new ProxyGraphMetrics(gateway.callLog, registry);
  const persistedQueries = config.server?.persistedQueries;
  const persistedQueryCache = redis
    ? new RedisStringCache(redis, keyPrefix, logger)
    : new ByteBoundedMemoryCache(persistedQueries?.maxCacheBytes ?? PERSISTED_QUERY_DEFAULTS.maxCacheBytes);
  if (persistedQueryCache instanceof ByteBoundedMemoryCache) metrics.trackCacheBytes('apq', () => persistedQueryCache.bytes());
  const { schema, upstreamCalls } = await buildProxyGraphSchema();
  const development = options.development ?? false;
  const server = await startHttpServer({
    schema,
    upstreamCalls,
    registry,
    authenticate: createAuthenticator(auth),
    logger,
    port,
    host,
    corsOrigins: config.server?.cors?.origins ?? [],
    introspection: config.server?.introspection ?? development,
    landingPage: config.server?.landingPage ?? development,
    metrics,
    persistedQueryCache,
    maxPersistedDocumentBytes: persistedQueries?.maxDocumentBytes,
    queryLimits: config.server?.limits,
    routerSecret: config.server?.routerSecret,
  });
  return {
    url: server.url,
    port: server.port,
    registry,
    gateway,
    async stop() {
      await server.stop();
      await gateway.close();
      await store.close();
      metrics.close();
      if (redis) await redis.quit().catch(() => redis.disconnect());
    },
  };
}
