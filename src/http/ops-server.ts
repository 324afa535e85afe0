/**
 * The operations listener, separate from the GraphQL port because what it says is for operators only:
 * /ready names every account, its capabilities and breaker state, and /metrics labels series by account.
 * It binds to loopback unless configured otherwise (`server.ops`), so exposing the GraphQL port to clients
 * never exposes these. /health (liveness, no account data) is served here too, and on the GraphQL port.
 *
 * Readiness:
 * - 503 `draining` from the moment shutdown begins, so load balancers stop sending new work while
 *   in-flight requests finish; 503 `no accounts` when nothing is configured;
 * - 200 `degraded` when the shared state (Redis, or a state file that cannot be written) is down. Not 503:
 *   a Redis outage hits every replica at once, and failing readiness would take the whole fleet out of the
 *   load balancer, while most of the graph (reads, writes that need no shared lock) still works. What does
 *   not work fails fast and typed, and the outage is in the log and here.
 */
import http from 'node:http';
import express from 'express';
import type { AccountRegistry } from '../domain/registry';
import type { ProxyGraphMetrics } from '../observability/metrics';
import type { StateHealth } from '../state/store';
import { listen } from './listen';

export interface OpsServerOptions {
  host: string;
  port: number;
  registry: AccountRegistry;
  metrics: ProxyGraphMetrics;
  stateHealth: () => StateHealth;
  isDraining: () => boolean;
}

export interface RunningOpsServer {
  /** Base URL, e.g. http://127.0.0.1:9464 (no trailing slash). */
  url: string;
  close(): Promise<void>;
}

export const DEFAULT_OPS_HOST = '127.0.0.1';
export const DEFAULT_OPS_PORT = 9464;

export async function startOpsServer(options: OpsServerOptions): Promise<RunningOpsServer> {
  const app = express();
  app.disable('x-powered-by');

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/ready', (_req, res) => {
    const accounts = options.registry.all().map((account) => ({
      id: account.id,
      provider: account.provider,
      capabilities: [...account.capabilities].sort(),
      credentialBreakerOpen: account.adapter.credentialBreakerOpen?.() ?? false,
    }));
    const state = options.stateHealth();
    const status = options.isDraining() ? 'draining' : accounts.length === 0 ? 'no accounts' : state.ok ? 'ready' : 'degraded';
    res.status(status === 'draining' || status === 'no accounts' ? 503 : 200).json({ status, state, accounts });
  });

  app.get('/metrics', async (_req, res) => {
    res.setHeader('content-type', options.metrics.registry.contentType);
    res.end(await options.metrics.registry.metrics());
  });

  app.use((_req, res) => {
    res.status(404).json({ error: 'not found', routes: ['/health', '/ready', '/metrics'] });
  });

  const server = http.createServer(app);
  const { baseUrl } = await listen(server, options.port, options.host, 'ops (/ready, /metrics)');
  return {
    url: baseUrl,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
