/**
 * Subscriptions under load (issue 16): 100 graphql-ws subscribers of one Webshare account's proxy
 * statuses, against ProxyGraph in its own process (`proxygraph serve`), the simulator (1 000 proxies,
 * 10 pages a poll) in this one. A proxy flips every 10 s.
 *
 * Measured: upstream proxy-list calls (and polls) per minute from the simulator's call log, with 1 and
 * with 100 subscribers; events delivered per flip and the delay from flip to delivery; memory per
 * subscriber, from the server's /metrics (heap used and RSS) with 0, 100 and 1 000 subscribers.
 * Writes bench/results/live.json. `npm run bench:live`; BENCH_LIVE_SECONDS sets each phase's length.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { freePort, metricSum } from './support';
import { PRODUCTION_NODE_FLAGS } from '../src/runtime-flags';
import { startWebshareSimulator } from '../src/simulators/webshare';

const CLI = join(__dirname, '..', 'src', 'cli.js');
const PHASE_MS = Number(process.env.BENCH_LIVE_SECONDS ?? 120) * 1000;
/** Webshare allows 60 proxy-list calls a minute; 10 pages every 30 s stays well under it. */
const POLL_SECONDS = 30;
const PROXY_COUNT = 1_000;
const LIST = 'GET /api/v2/proxy/list/';
const SUBSCRIPTION = 'subscription { proxyStatusChanged(accountIds: ["ws"]) { proxy { id } previousStatus status observedAt } }';

/** The simulator's id of a proxy from its global id (`Proxy:ws:<id>@<address>`). */
const simulatorIdOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[2].split('@')[0];

async function startServer(configPath: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...PRODUCTION_NODE_FLAGS, '--expose-gc', CLI, 'serve', '--config', configPath, '--port', String(port)], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let waited = 0; waited < 20_000; waited += 100) {
    if (
      await fetch(`http://127.0.0.1:${port}/health`).then(
        (response) => response.ok,
        () => false,
      )
    )
      return child;
    await sleep(100);
  }
  child.kill();
  throw new Error('ProxyGraph did not become healthy');
}

async function metric(opsUrl: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  return metricSum(await (await fetch(`${opsUrl}/metrics`)).text(), name, labels);
}

/** Polls of the account's proxies this server made (proxygraph_live_polls_total, outcome ok). */
const livePolls = (opsUrl: string) => metric(opsUrl, 'proxygraph_live_polls_total', { kind: 'proxies', outcome: 'ok' });

interface Subscriber {
  client: Client;
  received: Array<{ at: number; simulatorId: string; status: string }>;
}

function subscribe(url: string): Subscriber {
  const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  const subscriber: Subscriber = { client, received: [] };
  client.subscribe<{ proxyStatusChanged: { proxy: { id: string }; status: string } }>(
    { query: SUBSCRIPTION },
    {
      next: (result) => {
        const change = result.data?.proxyStatusChanged;
        if (change) subscriber.received.push({ at: Date.now(), simulatorId: simulatorIdOf(change.proxy.id), status: change.status });
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  return subscriber;
}

/** Memory after the subscriptions settle: median of three readings a second apart. */
async function memory(opsUrl: string): Promise<{ heapUsedBytes: number; rssBytes: number }> {
  const readings: Array<{ heapUsedBytes: number; rssBytes: number }> = [];
  for (let index = 0; index < 3; index++) {
    await sleep(1_000);
    readings.push({ heapUsedBytes: await metric(opsUrl, 'nodejs_heap_size_used_bytes'), rssBytes: await metric(opsUrl, 'process_resident_memory_bytes') });
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[1];
  return { heapUsedBytes: median(readings.map((reading) => reading.heapUsedBytes)), rssBytes: median(readings.map((reading) => reading.rssBytes)) };
}

async function main() {
  const webshare = await startWebshareSimulator({ seed: 9, proxyCount: PROXY_COUNT, rateLimits: false });
  const port = await freePort();
  const opsPort = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'proxygraph-live-'));
  const configPath = join(dir, 'config.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      // 1 000 sockets of one (anonymous) caller: above the defaults of 1 000 per replica and 100 per caller.
      server: {
        host: '127.0.0.1',
        ops: { port: opsPort },
        live: { pollIntervalSeconds: { proxies: POLL_SECONDS }, maxSubscriptionsPerConnection: 5, maxConnections: 2_000, maxConnectionsPerPrincipal: 2_000 },
      },
      auth: { mode: 'none' },
      dataDir: join(dir, 'data'),
      usageHistory: { enabled: false },
      accounts: [{ id: 'ws', provider: 'webshare', baseUrl: webshare.origin, credentials: { token: webshare.credentials.token } }],
    }),
  );
  const server = await startServer(configPath, port);
  const url = `ws://127.0.0.1:${port}/graphql`;
  const opsUrl = `http://127.0.0.1:${opsPort}`;
  // Proxy ids (simulator ids) to flip, read from the simulator's own list.
  const list = (await (
    await fetch(`${webshare.origin}/api/v2/proxy/list/?mode=direct&page_size=20`, { headers: { authorization: `Token ${webshare.credentials.token}` } })
  ).json()) as {
    results: Array<{ id: string }>;
  };
  const flippable = list.results.map((proxy) => proxy.id);
  await sleep(2_000);
  const idle = await memory(opsUrl);

  const phases: Array<{
    subscribers: number;
    listCallsPerMinute: number;
    pollsPerMinute: number;
    flips: number;
    deliveredPerFlip: number;
    deliveryDelayMs: { p50: number; max: number };
  }> = [];
  let flipIndex = 0;
  for (const count of [1, 100]) {
    const subscribers = Array.from({ length: count }, () => subscribe(url));
    await sleep(POLL_SECONDS * 1000 + 2_000);
    webshare.server.resetCalls();
    const pollsBefore = await livePolls(opsUrl);
    const startedAt = Date.now();
    const flips: number[] = [];
    const downAt = new Map<string, number>();
    while (Date.now() - startedAt < PHASE_MS) {
      const id = flippable[flipIndex++ % flippable.length];
      webshare.setProxyValidity(id, false);
      flips.push(Date.now());
      downAt.set(id, Date.now());
      await sleep(POLL_SECONDS * 1000);
      webshare.setProxyValidity(id, true);
    }
    await sleep(POLL_SECONDS * 1000 + 1_000);
    const minutes = (Date.now() - startedAt) / 60_000;
    const listCalls = webshare.server.callCount(LIST);
    // Each flip is seen twice (down, then up); the delay is measured from the flip to each DOWN event.
    const delays = subscribers.flatMap((subscriber) =>
      subscriber.received.filter((event) => event.status === 'DOWN' && downAt.has(event.simulatorId)).map((event) => event.at - downAt.get(event.simulatorId)!),
    );
    delays.sort((a, b) => a - b);
    const delivered = subscribers.reduce((sum, subscriber) => sum + subscriber.received.length, 0);
    phases.push({
      subscribers: count,
      listCallsPerMinute: Math.round((listCalls / minutes) * 10) / 10,
      pollsPerMinute: Math.round((((await livePolls(opsUrl)) - pollsBefore) / minutes) * 10) / 10,
      flips: flips.length,
      deliveredPerFlip: Math.round((delivered / (flips.length * 2)) * 10) / 10,
      deliveryDelayMs: { p50: delays[Math.floor(delays.length / 2)] ?? 0, max: delays.at(-1) ?? 0 },
    });
    if (count === 100) {
      const with100 = await memory(opsUrl);
      const more = Array.from({ length: 900 }, () => subscribe(url));
      await sleep(3_000);
      const with1000 = await memory(opsUrl);
      const perSubscriber = (reading: { heapUsedBytes: number; rssBytes: number }, n: number) => ({
        heapBytes: Math.round((reading.heapUsedBytes - idle.heapUsedBytes) / n),
        rssBytes: Math.round((reading.rssBytes - idle.rssBytes) / n),
      });
      const result = {
        ranAt: new Date().toISOString(),
        node: process.version,
        pollIntervalSeconds: POLL_SECONDS,
        proxies: PROXY_COUNT,
        phaseSeconds: PHASE_MS / 1000,
        phases,
        memory: {
          idle,
          with100Subscribers: with100,
          with1000Subscribers: with1000,
          perSubscriberAt100: perSubscriber(with100, 100),
          perSubscriberAt1000: perSubscriber(with1000, 1000),
        },
      };
      mkdirSync(join(__dirname, '..', '..', 'bench', 'results'), { recursive: true });
      writeFileSync(join(__dirname, '..', '..', 'bench', 'results', 'live.json'), `${JSON.stringify(result, null, 2)}\n`);
      console.log(JSON.stringify(result, null, 2));
      await Promise.all([...subscribers, ...more].map((subscriber) => subscriber.client.dispose()));
    } else {
      await Promise.all(subscribers.map((subscriber) => subscriber.client.dispose()));
      await sleep(1_000);
    }
  }
  server.kill('SIGTERM');
  await webshare.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
