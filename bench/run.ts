/**
 * Benchmarks: ProxyGraph's overhead over talking to the provider directly, measured in the same run.
 * Baseline = the same upstream request sent straight to the Webshare simulator with undici; ProxyGraph =
 * the equivalent GraphQL query through the server (which makes that upstream request itself).
 * Results go to bench/results/latest.json; BENCHMARKS.md summarises them. Run with `npm run bench`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { request } from 'undici';
import pino from 'pino';
import { startWebshareSimulator } from '../src/simulators/webshare';
import { startProxyMeshSimulator } from '../src/simulators/proxymesh';
import { startWonderProxySimulator } from '../src/simulators/wonderproxy';
import { startPingProxiesSimulator } from '../src/simulators/pingproxies';
import type { AccountConfig } from '../src/config/schema';
import { startProxyGraph } from '../src/app';
import { FileStateStore } from '../src/state/store';

interface Series {
  name: string;
  requests: number;
  concurrency: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  meanMs: number;
  requestsPerSecond: number;
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

async function measure(name: string, requests: number, concurrency: number, send: () => Promise<void>): Promise<Series> {
  for (let warm = 0; warm < 20; warm++) await send();
  const durations: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        next += 1;
        const begin = performance.now();
        await send();
        durations.push(performance.now() - begin);
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  durations.sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    name,
    requests,
    concurrency,
    p50Ms: round(percentile(durations, 0.5)),
    p95Ms: round(percentile(durations, 0.95)),
    p99Ms: round(percentile(durations, 0.99)),
    meanMs: round(durations.reduce((sum, value) => sum + value, 0) / durations.length),
    requestsPerSecond: Math.round((requests / elapsedMs) * 1000),
  };
}

/**
 * The simulators run without rate limits here, and so must ProxyGraph's client-side budgets (set per account
 * through `limits`): the series measure ProxyGraph's own cost, not Webshare's 60 list calls per minute.
 */
const UNTHROTTLED = { requestsPerMinute: 10_000_000, proxyListRequestsPerMinute: 10_000_000 };

async function main(): Promise<void> {
  const requests = Number(process.env.BENCH_REQUESTS ?? 1000);
  const simulator = await startWebshareSimulator({ seed: 3, proxyCount: 10_000, rateLimits: false });
  const proxygraph = await startProxyGraph({
    config: {
      accounts: [{ id: 'ws', provider: 'webshare', baseUrl: simulator.origin, credentials: { token: simulator.credentials.token }, limits: UNTHROTTLED }],
    },
    port: 0,
    opsPort: 0,
    host: '127.0.0.1',
    logger: pino({ level: 'silent' }),
    stateStore: new FileStateStore(null),
  });
  const token = simulator.credentials.token;
  const direct = async (path: string) => {
    const response = await request(`${simulator.origin}${path}`, { headers: { authorization: `Token ${token}` } });
    await response.body.json();
  };
  const graphql = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await request(proxygraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.body.json()) as { errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  };

  const listQuery = `query($after: String) { account(id: "ws") { proxies(first: 100, after: $after) { edges { node { id host ports { http } country status username } } } } }`;
  const pageCursor = Buffer.from('offset:199').toString('base64url');
  const series: Series[] = [];
  for (const concurrency of [1, 16]) {
    series.push(
      await measure('baseline: GET /api/v2/proxy/list/ page 3 (100 proxies) direct to the simulator', requests, concurrency, () =>
        direct('/api/v2/proxy/list/?mode=direct&page=3&page_size=100'),
      ),
    );
    series.push(
      await measure('proxygraph: account.proxies(first: 100, after: offset 199)', requests, concurrency, () => graphql(listQuery, { after: pageCursor })),
    );
  }
  const ids = await (async () => {
    const response = await request(proxygraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ account(id: "ws") { proxies(first: 40) { edges { node { id exitIp } } } } }` }),
    });
    const body = (await response.body.json()) as { data: { account: { proxies: { edges: Array<{ node: { id: string; exitIp: string } }> } } } };
    return body.data.account.proxies.edges.map((edge) => edge.node);
  })();
  const addresses = ids.map((node) => node.exitIp).join(',');
  const entitiesQuery = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Proxy { id host } } }`;
  series.push(
    await measure('baseline: GET /api/v2/proxy/list/?proxy_address__in=<40 addresses>', requests, 16, () =>
      direct(`/api/v2/proxy/list/?mode=direct&page=1&page_size=100&proxy_address__in=${addresses}`),
    ),
  );
  series.push(
    await measure('proxygraph: _entities with 40 Proxy references (one batched upstream call)', requests, 16, () =>
      graphql(entitiesQuery, { r: ids.map((node) => ({ __typename: 'Proxy', id: node.id })) }),
    ),
  );

  // Seed size: a 100k-proxy account, paged in the middle (only the covering provider page is read).
  const large = await startWebshareSimulator({ seed: 5, proxyCount: 100_000, rateLimits: false });
  const largeGraph = await startProxyGraph({
    config: { accounts: [{ id: 'ws', provider: 'webshare', baseUrl: large.origin, credentials: { token: large.credentials.token }, limits: UNTHROTTLED }] },
    port: 0,
    opsPort: 0,
    host: '127.0.0.1',
    logger: pino({ level: 'silent' }),
    stateStore: new FileStateStore(null),
  });
  const middleCursor = Buffer.from('offset:49999').toString('base64url');
  const coldStarted = performance.now();
  await request(largeGraph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: listQuery, variables: { after: middleCursor } }),
  }).then((response) => response.body.json());
  const coldFirstPageMs = Math.round((performance.now() - coldStarted) * 100) / 100;
  const graphqlLarge = async () => {
    const response = await request(largeGraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: listQuery, variables: { after: middleCursor } }),
    });
    const body = (await response.body.json()) as { errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  };
  series.push(await measure('proxygraph: 100k-proxy account, proxies(first: 100) from offset 50 000', requests, 16, graphqlLarge));
  await largeGraph.stop();
  await large.stop();

  // Fan-out: one account per provider, every simulator answering after 50 ms. A parallel fan-out costs about
  // one provider round trip; a sequential one would cost the sum (four or more).
  const fanOutLatencyMs = 50;
  const estateWebshare = await startWebshareSimulator({ seed: 9, rateLimits: false, latencyMs: fanOutLatencyMs });
  const estateSimulators = [
    estateWebshare,
    await startProxyMeshSimulator({ seed: 9, latencyMs: fanOutLatencyMs }),
    await startWonderProxySimulator({ seed: 9, latencyMs: fanOutLatencyMs }),
    await startPingProxiesSimulator({ seed: 9, latencyMs: fanOutLatencyMs, rateLimit: false }),
  ];
  const estateGraph = await startProxyGraph({
    config: {
      // Ping's budget is raised (as its customers can ask for) so the series measures fan-out, not Ping's 10/s.
      accounts: estateSimulators.map(
        (sim) =>
          ({
            id: sim.provider,
            provider: sim.provider,
            baseUrl: sim.origin,
            credentials: sim.credentials,
            limits: sim.provider === 'pingproxies' ? { requestsPerMinute: 60_000 } : sim.provider === 'webshare' ? UNTHROTTLED : undefined,
          }) as AccountConfig,
      ),
    },
    port: 0,
    opsPort: 0,
    host: '127.0.0.1',
    logger: pino({ level: 'silent' }),
    stateStore: new FileStateStore(null),
  });
  const estateQuery = async () => {
    const response = await request(estateGraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ ipAuthorizations { ip account { id } } }' }),
    });
    const body = (await response.body.json()) as { errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  };
  const fanOutRequests = Math.min(requests, 200);
  series.push(
    await measure(`baseline: one direct Webshare IP-list call with +${fanOutLatencyMs} ms latency`, fanOutRequests, 4, async () => {
      const response = await request(`${estateWebshare.origin}/api/v2/proxy/ipauthorization/`, {
        headers: { authorization: `Token ${estateWebshare.credentials.token}` },
      });
      await response.body.json();
    }),
  );
  series.push(await measure(`proxygraph: Query.ipAuthorizations across 4 providers, each +${fanOutLatencyMs} ms`, fanOutRequests, 4, estateQuery));
  await estateGraph.stop();
  await Promise.all(estateSimulators.map((sim) => sim.stop()));

  const memory = process.memoryUsage();
  const result = {
    when: new Date().toISOString(),
    node: process.version,
    nodeEnv: process.env.NODE_ENV ?? null,
    machine: { cpus: cpus().length },
    simulatorProxies: 10_000,
    largeAccountProxies: 100_000,
    largeAccountColdFirstPageMs: coldFirstPageMs,
    fanOutLatencyMs,
    upstreamCallsMade: proxygraph.gateway.callLog.count(),
    rssMegabytes: Math.round(memory.rss / 2 ** 20),
    series,
  };
  await proxygraph.stop();
  await simulator.stop();
  const dir = join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  for (const entry of series) {
    process.stdout.write(
      `${entry.name.padEnd(90)} c=${String(entry.concurrency).padStart(2)} p50 ${entry.p50Ms} ms  p95 ${entry.p95Ms} ms  ${entry.requestsPerSecond} req/s\n`,
    );
  }
  process.stdout.write(`rss ${result.rssMegabytes} MiB; results in bench/results/latest.json\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
