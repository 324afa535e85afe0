/**
 * Per-request cost of ProxyGraph against the least a GraphQL server can do (issue 14), every server in its
 * own process, load from autocannon in this one:
 *
 * - direct: the Webshare simulator page itself (`GET /api/v2/proxy/list/?page=3&page_size=100`);
 * - bare: graphql-js + node:http + undici, one resolver mapping the 7 fields (bench/processes/bare.ts);
 * - proxygraph: `proxygraph serve`, NODE_ENV=production, read cache off (every query reaches the simulator);
 * - proxygraph, warm cache: the same with the read cache on, the page already kept;
 * - proxygraph, warm in Redis: the read cache in the local Redis (as replicas share it), the page already kept.
 *
 * The query: `account(id) { proxies(first: 100, after: <offset 199>) { edges { node { id host ports { http }
 * country status username } } } }`. Rounds alternate the series; medians of req/s and p50 are reported with
 * their ratios to bare and direct. Then ProxyGraph at c=32: its peak RSS (from /proc) and the share of its
 * CPU time spent in garbage collection (its own /metrics). Writes bench/results/cost.json.
 * `npm run bench:cost`; BENCH_SECONDS (per series per round) and BENCH_ROUNDS shorten it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, metricSum } from './support';
import { PRODUCTION_NODE_FLAGS } from '../src/runtime-flags';
import autocannon from 'autocannon';

const DIST = join(__dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const QUERY = `query($after: String) { account(id: "ws") { proxies(first: 100, after: $after) { edges { node { id host ports { http } country status username } } } } }`;
const AFTER = Buffer.from('offset:199').toString('base64url');
/** The local Redis (the machine's, as for the tests); BENCH_REDIS_URL points elsewhere. */
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const UNTHROTTLED = { requestsPerMinute: 10_000_000, proxyListRequestsPerMinute: 10_000_000 };

/** Starts a child and resolves with its first stdout line. */
function startChild(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; firstLine: string }> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (firstLine) => resolve({ child, firstLine }));
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

async function waitHealthy(url: string): Promise<void> {
  for (let waited = 0; waited < 20_000; waited += 100) {
    if (
      await fetch(url).then(
        (response) => response.ok,
        () => false,
      )
    )
      return;
    await sleep(100);
  }
  throw new Error(`${url} never became healthy`);
}

async function startProxyGraph(simulator: { origin: string; token: string }, cache: boolean, redisUrl?: string) {
  const [port, opsPort] = [await freePort(), await freePort()];
  const directory = mkdtempSync(join(tmpdir(), 'proxygraph-cost-'));
  const configPath = join(directory, 'config.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      server: { host: '127.0.0.1', ops: { host: '127.0.0.1', port: opsPort }, cache: { enabled: cache } },
      auth: { mode: 'none' },
      dataDir: join(directory, 'data'),
      ...(redisUrl ? { redis: { url: redisUrl, keyPrefix: `bench:cost:${process.pid}:` } } : {}),
      accounts: [{ id: 'ws', provider: 'webshare', baseUrl: simulator.origin, credentials: { token: simulator.token }, limits: UNTHROTTLED }],
    }),
  );
  // ProxyGraph runs with the production flags (src/runtime-flags.ts); BENCH_PROXYGRAPH_NODE_FLAGS replaces them ('' for none).
  const flags = (process.env.BENCH_PROXYGRAPH_NODE_FLAGS ?? PRODUCTION_NODE_FLAGS.join(' ')).split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...flags, join(DIST, 'src', 'cli.js'), 'serve', '--config', configPath, '--port', String(port)], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitHealthy(`http://127.0.0.1:${port}/health`);
  return { child, url: `http://127.0.0.1:${port}/graphql`, metricsUrl: `http://127.0.0.1:${opsPort}/metrics` };
}

interface Target {
  name: string;
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

async function load(target: Target, connections: number, seconds: number) {
  const result = await autocannon({ url: target.url, method: target.method, headers: target.headers, body: target.body, connections, duration: seconds });
  if (result.errors || result.non2xx) throw new Error(`${target.name}: ${result.errors} errors, ${result.non2xx} non-2xx`);
  // autocannon's percentiles are whole milliseconds; the mean keeps the fraction that c=1 differences need.
  return { requestsPerSecond: result.requests.average, meanMs: result.latency.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99 };
}

const addedMs = (requestsPerSecond: number, directRequestsPerSecond: number) =>
  Math.round((1000 / requestsPerSecond - 1000 / directRequestsPerSecond) * 100) / 100;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Sum of a Prometheus metric's samples whose name matches exactly (all label sets). */
async function gcAndCpuSeconds(metricsUrl: string) {
  const text = await (await fetch(metricsUrl)).text();
  return { gc: metricSum(text, 'nodejs_gc_duration_seconds_sum'), cpu: metricSum(text, 'process_cpu_seconds_total') };
}

function rssMegabytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmRSS:'));
  return Math.round(Number(line?.split(/\s+/)[1] ?? 0) / 1024);
}

async function main() {
  const simulatorChild = await startChild([join(DIST, 'bench', 'processes', 'simulator.js')]);
  const simulator = JSON.parse(simulatorChild.firstLine) as { origin: string; token: string };
  const barePort = await freePort();
  const bare = await startChild([join(DIST, 'bench', 'processes', 'bare.js')], {
    SIM_ORIGIN: simulator.origin,
    SIM_TOKEN: simulator.token,
    PORT: String(barePort),
  });
  const cold = await startProxyGraph(simulator, false);
  const warm = await startProxyGraph(simulator, true);
  const warmRedis = await startProxyGraph(simulator, true, REDIS_URL);
  const graphqlBody = JSON.stringify({ query: QUERY, variables: { after: AFTER } });
  const json = { 'content-type': 'application/json' };
  const targets: Target[] = [
    {
      name: 'direct',
      url: `${simulator.origin}/api/v2/proxy/list/?mode=direct&page=3&page_size=100`,
      method: 'GET',
      headers: { authorization: `Token ${simulator.token}` },
    },
    { name: 'bare', url: `http://127.0.0.1:${barePort}/graphql`, method: 'POST', headers: json, body: graphqlBody },
    { name: 'proxygraph', url: cold.url, method: 'POST', headers: json, body: graphqlBody },
    { name: 'proxygraphWarmCache', url: warm.url, method: 'POST', headers: json, body: graphqlBody },
    { name: 'proxygraphWarmRedis', url: warmRedis.url, method: 'POST', headers: json, body: graphqlBody },
  ];
  // Every GraphQL target answers the same 100 proxies before anything is measured.
  for (const target of targets.slice(1)) {
    const body = (await (await fetch(target.url, { method: 'POST', headers: json, body: graphqlBody })).json()) as {
      errors?: unknown;
      data?: { account: { proxies: { edges: unknown[] } } };
    };
    if (body.errors || body.data?.account.proxies.edges.length !== 100)
      throw new Error(`${target.name} did not answer the page: ${JSON.stringify(body).slice(0, 300)}`);
  }
  for (const target of targets) await load(target, 4, 2);

  const samples: Record<string, Record<number, Array<{ requestsPerSecond: number; meanMs: number; p50Ms: number; p99Ms: number }>>> = {};
  let gcBefore = await gcAndCpuSeconds(cold.metricsUrl);
  let gcSeconds = 0;
  let cpuSeconds = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    // Alternate the order each round, so drift on a noisy machine does not favour one series.
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const connections of [1, 16]) {
      for (const target of order) {
        const measured = await load(target, connections, SECONDS);
        ((samples[target.name] ??= {})[connections] ??= []).push(measured);
        if (target.name === 'proxygraph' && connections === 16) {
          const after = await gcAndCpuSeconds(cold.metricsUrl);
          gcSeconds += after.gc - gcBefore.gc;
          cpuSeconds += after.cpu - gcBefore.cpu;
        }
        if (target.name === 'proxygraph') gcBefore = await gcAndCpuSeconds(cold.metricsUrl);
      }
    }
  }

  // Memory under c=32: ProxyGraph's peak resident set while it serves for the length of one series.
  let peakRss = rssMegabytes(cold.child.pid!);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMegabytes(cold.child.pid!))), 100);
  const c32 = await load(targets[2], 32, SECONDS * 2);
  clearInterval(sampler);

  const summary = Object.fromEntries(
    Object.entries(samples).map(([name, byConcurrency]) => [
      name,
      Object.fromEntries(
        Object.entries(byConcurrency).map(([connections, runs]) => [
          `c${connections}`,
          {
            requestsPerSecond: Math.round(median(runs.map((run) => run.requestsPerSecond))),
            meanMs: Math.round(median(runs.map((run) => run.meanMs)) * 100) / 100,
            p50Ms: median(runs.map((run) => run.p50Ms)),
            p99Ms: median(runs.map((run) => run.p99Ms)),
          },
        ]),
      ),
    ]),
  ) as Record<string, Record<'c1' | 'c16', { requestsPerSecond: number; meanMs: number; p50Ms: number; p99Ms: number }>>;
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  const added = {
    proxygraph: addedMs(summary.proxygraph.c1.requestsPerSecond, summary.direct.c1.requestsPerSecond),
    proxygraphWarmCache: addedMs(summary.proxygraphWarmCache.c1.requestsPerSecond, summary.direct.c1.requestsPerSecond),
    proxygraphWarmRedis: addedMs(summary.proxygraphWarmRedis.c1.requestsPerSecond, summary.direct.c1.requestsPerSecond),
    bare: addedMs(summary.bare.c1.requestsPerSecond, summary.direct.c1.requestsPerSecond),
  };
  const result = {
    ranAt: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    secondsPerSeries: SECONDS,
    rounds: ROUNDS,
    query: QUERY,
    series: summary,
    ratios: {
      proxygraphOverBareC16: ratio(summary.proxygraph.c16.requestsPerSecond, summary.bare.c16.requestsPerSecond),
      proxygraphOverBareC1: ratio(summary.proxygraph.c1.requestsPerSecond, summary.bare.c1.requestsPerSecond),
      warmCacheOverBareC16: ratio(summary.proxygraphWarmCache.c16.requestsPerSecond, summary.bare.c16.requestsPerSecond),
      warmRedisOverBareC16: ratio(summary.proxygraphWarmRedis.c16.requestsPerSecond, summary.bare.c16.requestsPerSecond),
      bareOverDirectC16: ratio(summary.bare.c16.requestsPerSecond, summary.direct.c16.requestsPerSecond),
    },
    // At c=1 one request is in flight at a time, so its mean latency is 1 / throughput; autocannon's own latency
    // figures are whole milliseconds, too coarse for a sub-millisecond direct fetch.
    addedLatencyOverDirectC1Ms: added,
    // The c=1 target as a ratio in one run: the run measured bare 0.66 ms over the direct fetch and
    // asked ProxyGraph for at most 1 ms, i.e. at most 1.5 × what bare graphql-js adds on the same machine.
    addedLatencyOverBareAddedC1: {
      proxygraph: ratio(added.proxygraph, added.bare),
      proxygraphWarmCache: ratio(added.proxygraphWarmCache, added.bare),
      proxygraphWarmRedis: ratio(added.proxygraphWarmRedis, added.bare),
    },
    c32: { requestsPerSecond: Math.round(c32.requestsPerSecond), p50Ms: c32.p50Ms, peakRssMegabytes: peakRss },
    gcShareOfCpuAtC16: cpuSeconds > 0 ? Math.round((gcSeconds / cpuSeconds) * 1000) / 1000 : null,
  };
  for (const child of [simulatorChild.child, bare.child, cold.child, warm.child, warmRedis.child]) child.kill('SIGTERM');
  const directory = join(DIST, '..', 'bench', 'results');
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, 'cost.json'), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
