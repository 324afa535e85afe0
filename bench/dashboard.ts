/**
 * The dashboard scenario of issue 14: 20 clients, each polling an estate overview (accounts, plans, usage,
 * the first page of proxies) every 5 s, against the four simulators with their real rate limits, through two
 * ProxyGraph replicas (each its own process, `proxygraph serve` on a config file) sharing Redis. Run once
 * with the read cache on (the default) and once with it off, same load, same run.
 *
 * Measured from the simulators' own call logs: upstream calls per minute per account (against each
 * provider's budget), provider 429s; from the answers: RATE_LIMITED and other error codes, latency.
 * Writes bench/results/dashboard.json. `npm run bench:dashboard`; BENCH_DASHBOARD_SECONDS shortens it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './support';
import { PRODUCTION_NODE_FLAGS } from '../src/runtime-flags';
import Redis from 'ioredis';
import type { ProviderSimulator } from '../src/simulators/kit';
import { startWebshareSimulator } from '../src/simulators/webshare';
import { startProxyMeshSimulator } from '../src/simulators/proxymesh';
import { startWonderProxySimulator } from '../src/simulators/wonderproxy';
import { startPingProxiesSimulator } from '../src/simulators/pingproxies';

const CLI = join(__dirname, '..', 'src', 'cli.js');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const CLIENTS = 20;
const POLL_MS = 5_000;
const DURATION_MS = Number(process.env.BENCH_DASHBOARD_SECONDS ?? 120) * 1000;

/** The provider limits the budgets must stay under (per minute), from each provider's docs. */
const PROVIDER_LIMIT_PER_MINUTE: Record<string, string> = {
  webshare: '240 general, 60 on the proxy list',
  pingproxies: '600 (10 per second)',
  proxymesh: 'none documented',
  wonderproxy: 'none documented',
};

const OVERVIEW = `query EstateOverview {
  accounts { id provider label plan { name proxyCount bandwidthLimitBytes periodEnd } }
  usage { totals { bandwidthUsedBytes } accounts { supported account { id } usage { bandwidthUsedBytes bandwidthRemainingBytes period } } }
  proxies(first: 25) { totalCount edges { node { id host country status } } pageInfo { hasNextPage } }
}`;

async function startReplica(configPath: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [...PRODUCTION_NODE_FLAGS, CLI, 'serve', '--config', configPath, '--port', String(port)], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let waited = 0; waited < 20_000; waited += 100) {
    const healthy = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return { url: `${url}/graphql`, child };
    await sleep(100);
  }
  child.kill();
  throw new Error('replica did not become healthy');
}

interface PhaseResult {
  cache: boolean;
  requests: number;
  errorCodes: Record<string, number>;
  latencyMs: { p50: number; p95: number; max: number };
  upstream: Array<{
    accountId: string;
    provider: string;
    calls: number;
    callsPerMinute: number;
    maxCallsInAnyMinute: number;
    provider429s: number;
    providerLimitPerMinute: string;
  }>;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

/** Most calls in any sliding 60 s window of the log. */
function maxPerMinute(startedAtMs: number[]): number {
  const times = [...startedAtMs].sort((a, b) => a - b);
  let best = 0;
  for (let start = 0, end = 0; end < times.length; end += 1) {
    while (times[end] - times[start] >= 60_000) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

async function phase(cache: boolean): Promise<PhaseResult> {
  const simulators: Array<[string, ProviderSimulator]> = [
    ['ws', await startWebshareSimulator({ seed: 21 })],
    ['pm', await startProxyMeshSimulator({ seed: 21 })],
    ['wp', await startWonderProxySimulator({ seed: 21 })],
    ['ping', await startPingProxiesSimulator({ seed: 21 })],
  ];
  const keyPrefix = `pgbench:dashboard:${randomUUID().slice(0, 8)}:`;
  const directory = mkdtempSync(join(tmpdir(), 'proxygraph-dashboard-'));
  const configPath = join(directory, 'config.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      server: { host: '127.0.0.1', ops: { port: 0 }, cache: { enabled: cache } },
      auth: { mode: 'none' },
      redis: { url: REDIS_URL, keyPrefix },
      accounts: simulators.map(([id, simulator]) => ({ id, provider: simulator.provider, baseUrl: simulator.origin, credentials: simulator.credentials })),
    }),
  );
  const replicas = [await startReplica(configPath), await startReplica(configPath)];
  const latencies: number[] = [];
  const errorCodes: Record<string, number> = {};
  const startedAt = Date.now();
  for (const [, simulator] of simulators) simulator.server.resetCalls();

  const client = async (index: number) => {
    const replica = replicas[index % 2];
    // Clients start spread over the first poll interval, as real dashboards open at different times.
    await sleep((POLL_MS * index) / CLIENTS);
    while (Date.now() - startedAt < DURATION_MS) {
      const began = performance.now();
      const response = await fetch(replica.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: OVERVIEW }) });
      const text = await response.text();
      latencies.push(performance.now() - began);
      for (const match of text.matchAll(/"code":"([A-Z_]+)"/g)) errorCodes[match[1]] = (errorCodes[match[1]] ?? 0) + 1;
      await sleep(Math.max(0, POLL_MS - (performance.now() - began)));
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, index) => client(index)));
  const elapsedMinutes = (Date.now() - startedAt) / 60_000;

  const upstream = simulators.map(([accountId, simulator]) => ({
    accountId,
    provider: simulator.provider,
    calls: simulator.server.calls.length,
    callsPerMinute: Math.round(simulator.server.calls.length / elapsedMinutes),
    maxCallsInAnyMinute: maxPerMinute(simulator.server.calls.map((call) => call.startedAtMs)),
    provider429s: simulator.server.calls.filter((call) => call.status === 429).length,
    providerLimitPerMinute: PROVIDER_LIMIT_PER_MINUTE[simulator.provider],
  }));
  for (const replica of replicas) replica.child.kill('SIGTERM');
  await Promise.all(replicas.map((replica) => new Promise((resolve) => replica.child.once('exit', resolve))));
  for (const [, simulator] of simulators) await simulator.stop();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${keyPrefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    cache,
    requests: latencies.length,
    errorCodes,
    latencyMs: { p50: Math.round(percentile(sorted, 50)), p95: Math.round(percentile(sorted, 95)), max: Math.round(sorted.at(-1) ?? 0) },
    upstream,
  };
}

async function main() {
  const phases = [await phase(true), await phase(false)];
  const result = {
    scenario: `${CLIENTS} clients polling an estate overview every ${POLL_MS / 1000} s for ${DURATION_MS / 1000} s, two replicas sharing Redis, simulators with their real rate limits`,
    ranAt: new Date().toISOString(),
    node: process.version,
    phases,
  };
  mkdirSync(join(__dirname, '..', '..', 'bench', 'results'), { recursive: true });
  writeFileSync(join(__dirname, '..', '..', 'bench', 'results', 'dashboard.json'), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
