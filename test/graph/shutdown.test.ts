/**
 * Shutdown and the operational endpoints. SIGTERM drains for as long as a request may run (its deadline
 * plus a margin), so writes already sent to a provider get their answers back to the clients; /ready says
 * 503 "draining" from the first moment, so load balancers stop sending work. /ready and /metrics (which
 * name every account) are served only on the ops listener, never on the public GraphQL port.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebshareSimulator, type WebshareSimulator } from '../../src/simulators/webshare';
import { startHarness, type Harness } from '../support/harness';
import { postGraphQL } from '../support/raw-graphql';
import { CLI_PATH } from '../support/paths';

const CLI = CLI_PATH;
const CREATE_IP = 'POST /api/v2/proxy/ipauthorization/';
const AUTHORIZE = `mutation($ip: String!) { authorizeIp(input: { ip: $ip, accountIds: ["ws"] }) { ok error { code } } }`;

describe('SIGTERM with writes in flight', () => {
  let webshare: WebshareSimulator;
  before(async () => {
    webshare = await startWebshareSimulator({ seed: 4, rateLimits: false });
  });
  after(async () => {
    await webshare?.stop();
  });

  test('ten writes taking 12 s at the provider (past the old 10 s cut, inside the 20 s request deadline) all answer their clients; /ready is 503 draining meanwhile; exit 0', async () => {
    // The provider takes 12 s to answer each write; reads are quick.
    webshare.server.knobs.latencyMs = (endpoint) => (endpoint === CREATE_IP ? 12_000 : 0);
    const dir = mkdtempSync(join(tmpdir(), 'proxygraph-drain-'));
    const configPath = join(dir, 'config.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        server: { port: 0, host: '127.0.0.1', ops: { port: 0 } },
        dataDir: join(dir, 'data'),
        accounts: [{ id: 'ws', provider: 'webshare', baseUrl: webshare.origin, credentials: { token: webshare.credentials.token } }],
      }),
    );
    const child = spawn(process.execPath, [CLI, 'serve', '--config', configPath], { env: { PATH: process.env.PATH, LOG_LEVEL: 'info' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const serving = await new Promise<{ url: string; opsUrl: string }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 30_000);
        const check = () => {
          const line = output.split('\n').find((entry) => entry.includes('ProxyGraph is serving'));
          if (!line) return;
          clearTimeout(timer);
          resolve(JSON.parse(line));
        };
        child.stdout.on('data', check);
        child.on('exit', () => reject(new Error(`server exited: ${output}`)));
      });
      const ips = Array.from({ length: 10 }, (_, index) => `198.51.100.${index + 1}`);
      const answers = ips.map((ip) => postGraphQL(serving.url, AUTHORIZE, { ip }).catch((error: Error) => error));
      while (webshare.server.callCount(CREATE_IP) < ips.length) await new Promise((resolve) => setTimeout(resolve, 20));
      const signalledAt = Date.now();
      child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const ready = await fetch(`${serving.opsUrl}/ready`);
      assert.equal(ready.status, 503);
      assert.equal(((await ready.json()) as { status: string }).status, 'draining');

      for (const answer of await Promise.all(answers)) {
        assert.ok(!(answer instanceof Error), `a client lost its answer: ${answer instanceof Error ? answer.message : ''}`);
        assert.deepEqual(answer.body.data, { authorizeIp: [{ ok: true, error: null }] });
      }
      assert.ok(Date.now() - signalledAt > 10_000, 'the writes were in flight past the old 10 s cut');
      assert.equal(await exited, 0, output);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      webshare.server.knobs.latencyMs = 0;
    }
  });
});

describe('operational endpoints', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.stop();
  });

  test('/ready and /metrics are not served on the GraphQL port; /health is, and names no account', async () => {
    assert.equal((await fetch(`${harness.baseUrl}/ready`)).status, 404);
    assert.equal((await fetch(`${harness.baseUrl}/metrics`)).status, 404);
    const health = await fetch(`${harness.baseUrl}/health`);
    assert.equal(health.status, 200);
    assert.ok(!(await health.text()).includes('"ws"'));
  });

  test('the ops listener serves /ready and /metrics, on loopback unless configured otherwise', async () => {
    const opsUrl = new URL(harness.proxygraph.opsUrl);
    assert.equal(opsUrl.hostname, '127.0.0.1');
    assert.notEqual(Number(opsUrl.port), harness.proxygraph.port);
    const ready = await fetch(`${harness.proxygraph.opsUrl}/ready`);
    assert.equal(ready.status, 200);
    assert.equal(((await ready.json()) as { accounts: Array<{ id: string }> }).accounts[0].id, 'ws');
    const metrics = await fetch(`${harness.proxygraph.opsUrl}/metrics`);
    assert.equal(metrics.status, 200);
    assert.match(await metrics.text(), /proxygraph_/);
    assert.equal((await fetch(`${harness.proxygraph.opsUrl}/graphql`, { method: 'POST' })).status, 404);
  });

  test('/ready answers 503 draining as soon as stop begins, while a request is still in flight', async () => {
    const local = await startHarness();
    local.webshare.server.knobs.latencyMs = 600;
    const inFlight = postGraphQL(local.proxygraph.url, '{ account(id: "ws") { profile { email } } }');
    while (local.webshare.server.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const stopped = local.proxygraph.stop();
    const ready = await fetch(`${local.proxygraph.opsUrl}/ready`);
    assert.equal(ready.status, 503);
    assert.equal(((await ready.json()) as { status: string }).status, 'draining');
    const answer = await inFlight;
    assert.equal(answer.body.errors, undefined);
    await stopped;
    await local.webshare.stop();
  });
});
