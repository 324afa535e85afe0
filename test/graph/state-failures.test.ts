/**
 * When ProxyGraph's own state cannot be written after the provider already did the work, nothing done
 * upstream is lost silently: the client gets the item plus a NOT_REMEMBERED warning in
 * `extensions.warnings`. A Redis outage degrades fast (milliseconds, not seconds), is logged once without
 * credentials and shows in /ready; a state directory ProxyGraph cannot use stops the server at boot (exit 78)
 * with one line, not a stack trace.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { RunningProxyGraph } from '../../src/app';
import { FileStateStore, type StateStore } from '../../src/state/store';
import { startProxyMeshSimulator, type ProxyMeshSimulator } from '../../src/simulators/proxymesh';
import { startProxyMeshHarness, proxymeshSubUserId, PROXYMESH_ACCOUNT_ID, type ProxyMeshHarness } from '../support/proxymesh-harness';
import { startTestProxyGraph } from '../support/proxygraph';
import { postGraphQL } from '../support/raw-graphql';
import { startDisposableRedis, type DisposableRedis } from '../support/redis-outage';
import { CLI_PATH } from '../support/paths';

const CREATE = `mutation($input: CreateSubUserInput!) { createSubUser(input: $input) { id username } }`;
const IMPORT = `mutation($accountId: ID!, $username: String!) { importSubUser(accountId: $accountId, username: $username) { id username } }`;
const DELETE = `mutation($id: ID!) { deleteSubUser(id: $id) { id deleted } }`;
const SUB_USERS = `query($id: ID!) { account(id: $id) { subUsers { edges { node { username } } } } }`;

/** Reads work; every write throws, like a full disk or a read-only data directory. */
class ReadOnlyStateStore implements StateStore {
  async members(): Promise<string[]> {
    return [];
  }
  async add(): Promise<boolean> {
    throw new Error('EROFS: read-only file system');
  }
  async remove(): Promise<boolean> {
    throw new Error('EROFS: read-only file system');
  }
  async close(): Promise<void> {}
}

describe('a state store that cannot write, after the provider succeeded', () => {
  let harness: ProxyMeshHarness;
  before(async () => {
    harness = await startProxyMeshHarness({ stateStore: new ReadOnlyStateStore() });
  });
  after(async () => {
    await harness?.stop();
  });

  test('createSubUser answers the created sub-user with a NOT_REMEMBERED warning, and ProxyMesh has it', async () => {
    const { status, body } = await postGraphQL(harness.proxygraph.url, CREATE, {
      input: { accountId: PROXYMESH_ACCOUNT_ID, username: 'pm-unsaved', password: 'secret-pass-1' },
    });
    assert.equal(status, 200);
    assert.equal(body.errors, undefined);
    assert.deepEqual(body.data, { createSubUser: { id: proxymeshSubUserId('pm-unsaved'), username: 'pm-unsaved' } });
    assert.deepEqual(
      body.extensions?.warnings?.map(({ code, accountId }) => ({ code, accountId })),
      [{ code: 'NOT_REMEMBERED', accountId: PROXYMESH_ACCOUNT_ID }],
    );
    assert.ok(harness.proxymesh.state.subs.has('pm-unsaved'));
  });

  test('importSubUser answers the sub-user with a NOT_REMEMBERED warning', async () => {
    const { body } = await postGraphQL(harness.proxygraph.url, IMPORT, { accountId: PROXYMESH_ACCOUNT_ID, username: 'pm_ada3' });
    assert.equal(body.errors, undefined);
    assert.deepEqual(body.data, { importSubUser: { id: proxymeshSubUserId('pm_ada3'), username: 'pm_ada3' } });
    assert.deepEqual(
      body.extensions?.warnings?.map(({ code }) => code),
      ['NOT_REMEMBERED'],
    );
  });

  test('deleteSubUser answers deleted with a NOT_REMEMBERED warning, and ProxyMesh no longer has it', async () => {
    const { body } = await postGraphQL(harness.proxygraph.url, DELETE, { id: proxymeshSubUserId('pm-unsaved') });
    assert.equal(body.errors, undefined);
    assert.deepEqual(body.data, { deleteSubUser: { id: proxymeshSubUserId('pm-unsaved'), deleted: true } });
    assert.deepEqual(
      body.extensions?.warnings?.map(({ code }) => code),
      ['NOT_REMEMBERED'],
    );
    assert.equal(harness.proxymesh.state.subs.has('pm-unsaved'), false);
  });
});

describe('a data directory that stops being writable under a running server', () => {
  let harness: ProxyMeshHarness;
  let dataDir: string;
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'proxygraph-datadir-'));
    harness = await startProxyMeshHarness({ stateStore: FileStateStore.inDataDir(dataDir) });
    // state.json replaced by a non-empty directory: the atomic rename of every later write fails.
    mkdirSync(join(dataDir, 'state.json', 'blocked'), { recursive: true });
  });
  after(async () => {
    await harness?.stop();
  });

  test('createSubUser answers with a NOT_REMEMBERED warning, the name is not claimed as known, and /ready says degraded', async () => {
    const { body } = await postGraphQL(harness.proxygraph.url, CREATE, {
      input: { accountId: PROXYMESH_ACCOUNT_ID, username: 'pm-diskfull', password: 'secret-pass-3' },
    });
    assert.equal(body.errors, undefined);
    assert.equal((body.data as { createSubUser: { username: string } }).createSubUser.username, 'pm-diskfull');
    assert.deepEqual(
      body.extensions?.warnings?.map(({ code }) => code),
      ['NOT_REMEMBERED'],
    );
    assert.ok(harness.proxymesh.state.subs.has('pm-diskfull'));
    assert.ok(!(await harness.store.members(`proxymesh:${PROXYMESH_ACCOUNT_ID}:subaccounts`)).includes('pm-diskfull'));
    const ready = (await (await fetch(`${harness.proxygraph.opsUrl}/ready`)).json()) as { status: string; state: { backend: string; ok: boolean } };
    assert.equal(ready.status, 'degraded');
    assert.deepEqual(ready.state, { backend: 'file', ok: false });
  });
});

describe('Redis going down under a running server', () => {
  const REDIS_PASSWORD = 'redis-pass-never-logged-8812';
  let redis: DisposableRedis;
  let proxymesh: ProxyMeshSimulator;
  let server: RunningProxyGraph;
  const logLines: string[] = [];
  const unhandled: string[] = [];
  const originalConsoleError = console.error;

  before(async () => {
    // ioredis prints "[ioredis] Unhandled error event" through console.error when nobody listens for errors.
    console.error = (...args: unknown[]) => {
      if (String(args[0]).includes('[ioredis]')) unhandled.push(String(args[0]));
      else originalConsoleError(...args);
    };
    redis = await startDisposableRedis({ password: REDIS_PASSWORD });
    proxymesh = await startProxyMeshSimulator({ seed: 5 });
    server = await startTestProxyGraph(
      [{ id: PROXYMESH_ACCOUNT_ID, provider: 'proxymesh', baseUrl: proxymesh.origin, credentials: { ...proxymesh.credentials } }],
      { redis: { url: redis.url, keyPrefix: 'pgtest:outage:' }, logger: pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) }) },
    );
    // The credentials work (proven while Redis was up); then Redis goes away.
    const warmup = await postGraphQL(server.url, `query($id: ID!) { account(id: $id) { servers { hostname } } }`, { id: PROXYMESH_ACCOUNT_ID });
    assert.equal(warmup.body.errors, undefined, JSON.stringify(warmup.body.errors));
    await redis.stop();
  });
  after(async () => {
    await server?.stop();
    await proxymesh?.stop();
    await redis?.stop();
    console.error = originalConsoleError;
  });

  test('createSubUser answers the created sub-user with a NOT_REMEMBERED warning, ProxyMesh has it, and no INTERNAL_SERVER_ERROR', async () => {
    const { body } = await postGraphQL(server.url, CREATE, { input: { accountId: PROXYMESH_ACCOUNT_ID, username: 'pm-outage', password: 'secret-pass-2' } });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    assert.deepEqual(body.data, { createSubUser: { id: proxymeshSubUserId('pm-outage'), username: 'pm-outage' } });
    assert.deepEqual(
      body.extensions?.warnings?.map(({ code }) => code),
      ['NOT_REMEMBERED'],
    );
    assert.ok(proxymesh.state.subs.has('pm-outage'));
  });

  test('a read that needs the shared state fails typed (PROVIDER_UNAVAILABLE) within milliseconds, however long the outage lasts', async () => {
    const timesMs: number[] = [];
    const codes: unknown[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      const startedAt = performance.now();
      const { body } = await postGraphQL(server.url, SUB_USERS, { id: PROXYMESH_ACCOUNT_ID });
      timesMs.push(performance.now() - startedAt);
      codes.push(...(body.errors ?? []).map((error) => error.extensions?.code));
    }
    assert.deepEqual(codes, Array(10).fill('PROVIDER_UNAVAILABLE'));
    assert.ok(Math.max(...timesMs) < 250, `reads took ${timesMs.map(Math.round).join(', ')} ms`);
  });

  test('/ready stays 200 but reports the shared state degraded', async () => {
    const response = await fetch(`${server.opsUrl}/ready`);
    assert.equal(response.status, 200);
    const ready = (await response.json()) as { status: string; state: { backend: string; ok: boolean } };
    assert.equal(ready.status, 'degraded');
    assert.deepEqual(ready.state, { backend: 'redis', ok: false });
  });

  test('the outage is logged once as a warning without the Redis password, and ioredis prints no unhandled error', async () => {
    // Let several reconnect attempts fail first (100 ms apart, then more).
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.deepEqual(unhandled, []);
    const outage = logLines.filter((line) => line.includes('shared state (Redis) is unreachable'));
    assert.equal(outage.length, 1, logLines.join(''));
    assert.equal(JSON.parse(outage[0]).level, 40);
    assert.ok(!logLines.join('').includes(REDIS_PASSWORD));
  });
});

describe('a state directory ProxyGraph cannot use stops the server at boot', () => {
  const CLI = CLI_PATH;
  const dir = mkdtempSync(join(tmpdir(), 'proxygraph-state-'));

  function serve(config: object): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const path = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify(config));
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [CLI, 'serve', '--config', path], { env: { PATH: process.env.PATH, LOG_LEVEL: 'silent' } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.on('exit', (code) => (clearTimeout(timer), resolve({ code, stdout, stderr })));
    });
  }
  const account = { id: 'ws', provider: 'webshare', baseUrl: 'http://127.0.0.1:9', credentials: { token: 'not-used-here' } };

  test('a corrupt state.json exits 78 with one line naming the file, and no stack trace', async () => {
    const dataDir = mkdtempSync(join(dir, 'corrupt-'));
    writeFileSync(join(dataDir, 'state.json'), '{"sets": {"proxymesh:pm:subaccounts": ["pm-a",');
    const { code, stderr } = await serve({ server: { port: 0, host: '127.0.0.1' }, dataDir, accounts: [account] });
    assert.equal(code, 78, stderr);
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
    assert.ok(stderr.includes(join(dataDir, 'state.json')), stderr);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });

  test('a dataDir that cannot be written exits 78 with one line naming the directory', async () => {
    // A regular file where the directory should be (the tests run as root, so a chmod would not stop writes).
    const dataDir = join(dir, 'not-a-directory');
    writeFileSync(dataDir, 'x');
    const { code, stderr } = await serve({ server: { port: 0, host: '127.0.0.1' }, dataDir, accounts: [account] });
    assert.equal(code, 78, stderr);
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
    assert.ok(stderr.includes(dataDir), stderr);
  });
});
