/**
 * Starts ProxyGraph the way every test harness does: on 127.0.0.1, port 0, development mode, a silent logger
 * (TEST_LOG_LEVEL raises it) and a memory-only state store (the Redis one when `redis` is given, as in
 * production), with the given accounts and options.
 *
 * The read cache is off unless `server.cache` is given: most tests assert what reaches the provider for each
 * query (calls, errors, retries, budgets), the layer under the cache. The cache's own tests, the contract
 * round trips (no stale read after any write, all four providers) and the demo run with it on, as production does.
 *
 * Usage history is off unless `usageHistory` is given, for the same reason: its snapshotter reads every
 * account at start, calls a test counting what one query sends would see too.
 */
import pino, { type Logger } from 'pino';
import type { AccountConfig, AuthConfig, ProxyGraphConfig } from '../../src/config/schema';
import { startProxyGraph, type RunningProxyGraph } from '../../src/app';
import { FileStateStore, type StateStore } from '../../src/state/store';
import type { Tracing } from '../../src/observability/tracing';

export interface TestServerOptions {
  auth?: AuthConfig;
  server?: ProxyGraphConfig['server'];
  redis?: ProxyGraphConfig['redis'];
  logger?: Logger;
  stateStore?: StateStore;
  tracing?: Tracing;
  /** The `usageHistory` configuration; absent = off (see above). */
  usageHistory?: ProxyGraphConfig['usageHistory'];
  /** TEST-ONLY snapshot interval in ms (production's minimum is 60 s). */
  usageHistoryIntervalMs?: number;
  /** A data directory: the file stores (state.json, audit.jsonl, usage-history.jsonl) instead of memory. */
  dataDir?: string;
}

export function startTestProxyGraph(accounts: AccountConfig[], options: TestServerOptions = {}): Promise<RunningProxyGraph> {
  return startProxyGraph({
    // The ops listener on a free port, so servers started side by side never collide on 9464.
    config: {
      accounts,
      auth: options.auth ?? { mode: 'none' },
      server: { cache: { enabled: false }, ...options.server, ops: { port: 0, ...options.server?.ops } },
      redis: options.redis,
      usageHistory: options.usageHistory ?? { enabled: false },
      dataDir: options.dataDir,
    },
    port: 0,
    host: '127.0.0.1',
    development: true,
    logger: options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    stateStore: options.stateStore ?? (options.redis || options.dataDir ? undefined : new FileStateStore(null)),
    tracing: options.tracing,
    usageHistoryIntervalMsForTests: options.usageHistoryIntervalMs,
  });
}
