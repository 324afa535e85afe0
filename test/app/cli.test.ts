/**
 * The `proxygraph` command line as an operator runs it: `check-config` validates the file and makes one
 * authenticated call per account, printing ok or the typed failure, never a secret.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebshareSimulator, type WebshareSimulator } from '../../src/simulators/webshare';
import { startProxyMeshSimulator } from '../../src/simulators/proxymesh';
import { startWonderProxySimulator } from '../../src/simulators/wonderproxy';
import { startPingProxiesSimulator } from '../../src/simulators/pingproxies';
import { CLI_PATH } from '../support/paths';

const CLI = CLI_PATH;
const BAD_TOKEN = 'wrong-token-never-printed-4711';
let simulator: WebshareSimulator;
let dir: string;

before(async () => {
  simulator = await startWebshareSimulator({ seed: 2, rateLimits: false });
  dir = mkdtempSync(join(tmpdir(), 'proxygraph-cli-'));
});
after(() => simulator?.stop());

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

function writeConfig(name: string, accounts: unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ accounts }));
  return path;
}

test('check-config prints ok for an account whose credentials work and exits 0', async () => {
  const path = writeConfig('good.json', [{ id: 'ws', provider: 'webshare', baseUrl: simulator.origin, credentials: { token: '${WS_TOKEN}' } }]);
  const { code, output } = await run(['check-config', '--config', path], { WS_TOKEN: simulator.credentials.token });
  assert.equal(code, 0, output);
  assert.match(output, /^ok\s+ws \(webshare\)$/m);
  assert.ok(!output.includes(simulator.credentials.token));
});

test('check-config names the typed failure of a rejected account, makes one call for it, and never prints its token', async () => {
  const path = writeConfig('mixed.json', [
    { id: 'ws', provider: 'webshare', baseUrl: simulator.origin, credentials: { token: simulator.credentials.token } },
    { id: 'ws-bad', provider: 'webshare', baseUrl: simulator.origin, credentials: { token: BAD_TOKEN } },
  ]);
  simulator.server.resetCalls();
  const { code, output } = await run(['check-config', '--config', path]);
  assert.equal(code, 1);
  assert.match(output, /^FAILED\s+ws-bad \(webshare\): PROVIDER_AUTH_FAILED/m);
  assert.match(output, /^ok\s+ws \(webshare\)$/m);
  assert.ok(!output.includes(BAD_TOKEN));
  assert.equal(simulator.server.calls.filter((call) => call.status === 401).length, 1);
});

test('check-config on an invalid file exits 78 naming the bad key, with no upstream call', async () => {
  const path = writeConfig('invalid.json', [{ id: 'ws', provider: 'webshare', credentials: { token: 'x' }, labl: 'typo' }]);
  simulator.server.resetCalls();
  const { code, output } = await run(['check-config', '--config', path]);
  assert.equal(code, 78);
  assert.match(output, /accounts\[0\]\.labl/);
  assert.equal(simulator.server.calls.length, 0);
});

test('check-config passes for one account of every provider, and tries a wrong ProxyMesh password exactly once', async () => {
  const proxymesh = await startProxyMeshSimulator({ seed: 3 });
  const wonderproxy = await startWonderProxySimulator({ seed: 3 });
  const ping = await startPingProxiesSimulator({ seed: 3 });
  try {
    const good = writeConfig('estate.json', [
      { id: 'ws', provider: 'webshare', baseUrl: simulator.origin, credentials: simulator.credentials },
      { id: 'pm', provider: 'proxymesh', baseUrl: proxymesh.origin, credentials: proxymesh.credentials },
      { id: 'wp', provider: 'wonderproxy', baseUrl: wonderproxy.origin, credentials: wonderproxy.credentials },
      { id: 'ping', provider: 'pingproxies', baseUrl: ping.origin, credentials: ping.credentials },
    ]);
    const passed = await run(['check-config', '--config', good]);
    assert.equal(passed.code, 0, passed.output);
    for (const name of ['ws \\(webshare\\)', 'pm \\(proxymesh\\)', 'wp \\(wonderproxy\\)', 'ping \\(pingproxies\\)']) {
      assert.match(passed.output, new RegExp(`^ok\\s+${name}$`, 'm'));
    }
    const wrongPassword = 'not-the-password-31337';
    const bad = writeConfig('pm-bad.json', [
      { id: 'pm', provider: 'proxymesh', baseUrl: proxymesh.origin, credentials: { ...proxymesh.credentials, password: wrongPassword } },
    ]);
    proxymesh.server.resetCalls();
    const failed = await run(['check-config', '--config', bad]);
    assert.equal(failed.code, 1);
    assert.match(failed.output, /^FAILED\s+pm \(proxymesh\): PROVIDER_AUTH_FAILED/m);
    assert.ok(!failed.output.includes(wrongPassword));
    assert.equal(proxymesh.server.calls.length, 1);
  } finally {
    await Promise.all([proxymesh.stop(), wonderproxy.stop(), ping.stop()]);
  }
});

test('serve on a port already in use exits 69 with one line naming the port and what to do, no stack trace', async () => {
  const { createServer } = await import('node:net');
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const port = (holder.address() as { port: number }).port;
  try {
    const path = join(dir, 'port-taken.json');
    writeFileSync(
      path,
      JSON.stringify({
        server: { host: '127.0.0.1', ops: { port: 0 } },
        dataDir: join(dir, 'port-taken-data'),
        accounts: [{ id: 'ws', provider: 'webshare', baseUrl: simulator.origin, credentials: { token: simulator.credentials.token } }],
      }),
    );
    const { code, output } = await run(['serve', '--config', path, '--port', String(port)]);
    assert.equal(code, 69);
    assert.match(output, new RegExp(`127\\.0\\.0\\.1:${port} is already in use`));
    assert.match(output, /--port/);
    assert.doesNotMatch(output, /\n\s+at /);
  } finally {
    holder.close();
  }
});
