/**
 * The bounded-request scenarios of issue 11 (items 3 and 8), measured with the default limits against the
 * simulators over HTTP, ProxyGraph in this process. Writes bench/results/hardening.json; BENCHMARKS.md
 * summarises it. Run with `npm run bench:hardening`.
 *
 * 1. Amplification: one API key sends three concurrent queries of 30 aliased `subUsers { totalCount }` on a
 *    Ping account (Ping limits 10 requests/s); a second key asks for the account's profile five times
 *    meanwhile. Before: the second key was RATE_LIMITED for ~11 s.
 * 2. A cross-account page with two hanging providers (before: 30 s).
 * 3. authorizeIp against a Ping account answering in 9 s per call (before: 36 s).
 * 4. Ten authorizeIp calls whose clients leave after 1 s, Ping answering in 2 s per call: upstream calls
 *    made after the clients left (before: calls went on for 2 minutes).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { startProxyGraph, type RunningProxyGraph } from '../src/app';
import type { AccountConfig, ProxyGraphConfig } from '../src/config/schema';
import { FileStateStore } from '../src/state/store';
import { startWebshareSimulator } from '../src/simulators/webshare';
import { startProxyMeshSimulator } from '../src/simulators/proxymesh';
import { startWonderProxySimulator } from '../src/simulators/wonderproxy';
import { startPingProxiesSimulator } from '../src/simulators/pingproxies';
import type { ProviderSimulator } from '../src/simulators/kit';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function account(id: string, simulator: ProviderSimulator): AccountConfig {
  return { id, provider: simulator.provider, baseUrl: simulator.origin, credentials: simulator.credentials } as AccountConfig;
}

async function serve(accounts: AccountConfig[], config: Partial<ProxyGraphConfig> = {}): Promise<RunningProxyGraph> {
  return startProxyGraph({
    config: { auth: { mode: 'none' }, ...config, accounts },
    port: 0,
    opsPort: 0,
    host: '127.0.0.1',
    logger: pino({ level: 'silent' }),
    stateStore: new FileStateStore(null),
  });
}

async function graphql(url: string, query: string, headers: Record<string, string> = {}, signal?: AbortSignal) {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }), signal });
  const body = (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
  const codes =
    JSON.stringify(body)
      .match(/"code":"[A-Z_]+"/g)
      ?.map((match) => match.slice(8, -1)) ?? [];
  return { ms: Math.round(performance.now() - started), codes, body };
}

const countBy = (codes: string[]) => codes.reduce<Record<string, number>>((counts, code) => ({ ...counts, [code]: (counts[code] ?? 0) + 1 }), {});

async function amplification() {
  const ping = await startPingProxiesSimulator({ seed: 3 });
  const keys = { greedy: 'bench-greedy-key-0123456789', other: 'bench-other-key-0123456789' };
  const server = await serve([account('ping', ping)], {
    auth: {
      mode: 'apiKeys',
      keys: [
        { name: 'greedy', sha256: sha256(keys.greedy), scopes: ['read'], accounts: ['*'] },
        { name: 'other', sha256: sha256(keys.other), scopes: ['read'], accounts: ['*'] },
      ],
    },
  });
  const aliases = (offset: number) =>
    `{ ${Array.from({ length: 30 }, (_, index) => `a${index}: account(id: "ping") { subUsers(first: ${offset + index + 1}) { totalCount } }`).join(' ')} }`;
  const started = performance.now();
  const greedy = [0, 30, 60].map((offset) => graphql(server.url, aliases(offset), { authorization: `Bearer ${keys.greedy}` }));
  const other: Array<{ ms: number; codes: string[] }> = [];
  for (let round = 0; round < 5; round++) {
    await sleep(400);
    other.push(await graphql(server.url, '{ account(id: "ping") { profile { email } } }', { authorization: `Bearer ${keys.other}` }));
  }
  const greedyResults = await Promise.all(greedy);
  const result = {
    scenario: 'one key: 3 concurrent queries × 30 aliased Ping subUsers counts; another key: profile, 5 times, 400 ms apart',
    otherLatenciesMs: other.map((entry) => entry.ms),
    otherErrorCodes: countBy(other.flatMap((entry) => entry.codes)),
    greedyErrorCodes: countBy(greedyResults.flatMap((entry) => entry.codes)),
    greedyLatenciesMs: greedyResults.map((entry) => entry.ms),
    pingCalls: ping.server.calls.length,
    ping429s: ping.server.calls.filter((call) => call.status === 429).length,
    wallMs: Math.round(performance.now() - started),
  };
  await server.stop();
  await ping.stop();
  return result;
}

async function hangingPage() {
  const simulators = {
    ws: await startWebshareSimulator({ seed: 3, rateLimits: false }),
    pm: await startProxyMeshSimulator({ seed: 3 }),
    wp: await startWonderProxySimulator({ seed: 3 }),
    ping: await startPingProxiesSimulator({ seed: 3, rateLimit: false }),
  };
  const server = await serve(Object.entries(simulators).map(([id, simulator]) => account(id, simulator)));
  simulators.ws.server.injectFault({ endpoint: /proxy\/list/, kind: 'hang' });
  simulators.wp.server.injectFault({ kind: 'hang' });
  const page = await graphql(server.url, '{ proxies(first: 50) { edges { node { id } } } }');
  await server.stop();
  await Promise.all(Object.values(simulators).map((simulator) => simulator.stop()));
  return { scenario: 'Query.proxies(first: 50) over 4 accounts, Webshare and WonderProxy hanging', ms: page.ms, errorCodes: countBy(page.codes) };
}

async function slowAuthorize() {
  const ping = await startPingProxiesSimulator({ seed: 3, rateLimit: false, latencyMs: 9_000 });
  const server = await serve([account('ping', ping)]);
  const answer = await graphql(server.url, 'mutation { authorizeIp(input: { ip: "198.51.100.99", accountIds: ["ping"] }) { ok error { code } } }');
  const callsAtAnswer = ping.server.calls.length;
  await server.stop();
  await ping.stop();
  return {
    scenario: 'authorizeIp on a Ping account answering each call in 9 s',
    ms: answer.ms,
    errorCodes: countBy(answer.codes),
    upstreamCallsAnswered: callsAtAnswer,
  };
}

async function abandoned() {
  const ping = await startPingProxiesSimulator({ seed: 3, rateLimit: false, latencyMs: 2_000 });
  const server = await serve([account('ping', ping)]);
  const aborts = Array.from({ length: 10 }, () => new AbortController());
  const pending = aborts.map((abort, index) =>
    graphql(server.url, `mutation { authorizeIp(input: { ip: "198.51.100.${120 + index}", accountIds: ["ping"] }) { ok } }`, {}, abort.signal).catch(
      () => null,
    ),
  );
  await sleep(1_000);
  aborts.forEach((abort) => abort.abort());
  await Promise.all(pending);
  const atAbort = ping.server.calls.length + 0;
  const inFlight = ping.server.calls.filter((call) => call.finishedAtMs === 0).length;
  await sleep(12_000);
  const later = ping.server.calls.length;
  await server.stop();
  await ping.stop();
  return {
    scenario: '10 authorizeIp on Ping (2 s per call), clients leave after 1 s',
    upstreamCallsWhenClientsLeft: atAbort,
    inFlightThen: inFlight,
    upstreamCallsStartedAfterClientsLeftIn12s: later - atAbort,
  };
}

async function main(): Promise<void> {
  const results = {
    when: new Date().toISOString(),
    node: process.version,
    limits: 'defaults: requestTimeoutMs 20 000, maxUpstreamCallsPerRequest 100, Ping budget 9 per 1.1 s',
    amplification: await amplification(),
    hangingPage: await hangingPage(),
    slowAuthorize: await slowAuthorize(),
    abandoned: await abandoned(),
  };
  const dir = join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'hardening.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
