/**
 * Usage history over HTTP against the simulators: ProxyGraph snapshots every account that reports usage at
 * start and every interval (Webshare also its hourly series), keeps them with retention in a file or in
 * Redis, one replica per slot, and `Account.usageHistory` reads them back without calling any provider.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import Redis from 'ioredis';
import { startHarness, WEBSHARE_ACCOUNT_ID, type Harness } from '../support/harness';
import { startTestProxyGraph } from '../support/proxygraph';
import { errorCodes, GraphQLTestClient } from '../support/graphql-client';
import { UsageHistoryDocument, UsageHistoryOfAccountsDocument } from '../generated/graphql';
import { startWonderProxySimulator, type WonderProxySimulator } from '../../src/simulators/wonderproxy';
import { startProxyMeshSimulator, type ProxyMeshSimulator } from '../../src/simulators/proxymesh';
import { startWebshareSimulator, type WebshareSimulator } from '../../src/simulators/webshare';
import type { RunningProxyGraph } from '../../src/app';
import type { AccountConfig } from '../../src/config/schema';
import { FileUsageHistoryStore } from '../../src/state/usage-history-file';
import { RedisUsageHistoryStore } from '../../src/state/usage-history-redis';

const DAY = 86_400_000;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A stored snapshot and hourly point of account `a`, for the stores' retention tests. */
const snapshot = (at: Date) => ({
  accountId: 'a',
  takenAt: at.toISOString(),
  bandwidthUsedBytes: 1,
  bandwidthLimitBytes: null,
  bandwidthRemainingBytes: null,
  requestsTotal: null,
  period: null,
  periodStart: null,
  periodEnd: null,
});
const hour = (at: Date, bytes: number) => ({
  accountId: 'a',
  hourStart: at.toISOString(),
  bandwidthBytes: bytes,
  requestsTotal: null,
  requestsSucceeded: null,
  requestsFailed: null,
});
const BAD_TOKEN = 'usage-history-wrong-token-0123456789';
const KEYS = { admin: 'history-admin-key-0123456789ab', wpOnly: 'history-wp-only-key-0123456789', writeOnly: 'history-write-only-0123456789a' };
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('one replica, the default interval: the snapshot at start', () => {
  let harness: Harness;
  let wonderproxy: WonderProxySimulator;
  let proxymesh: ProxyMeshSimulator;
  const logLines: Array<Record<string, unknown>> = [];
  const as = (key: string) => harness.client.withHeaders({ authorization: `Bearer ${key}` });
  const upstreamCalls = () => harness.webshare.server.calls.length + wonderproxy.server.calls.length + proxymesh.server.calls.length;

  before(async () => {
    wonderproxy = await startWonderProxySimulator({ seed: 31 });
    proxymesh = await startProxyMeshSimulator({ seed: 31 });
    harness = await startHarness({
      auth: {
        mode: 'apiKeys',
        keys: [
          { name: 'admin', sha256: sha256(KEYS.admin), scopes: ['read'], accounts: ['*'] },
          { name: 'wp-only', sha256: sha256(KEYS.wpOnly), scopes: ['read'], accounts: ['wp'] },
          { name: 'write-only', sha256: sha256(KEYS.writeOnly), scopes: ['write'], accounts: ['*'] },
        ],
      },
      extraAccounts: (webshare) => [
        { id: 'ws-bad', provider: 'webshare', baseUrl: webshare.origin, credentials: { token: BAD_TOKEN } },
        { id: 'wp', provider: 'wonderproxy', baseUrl: wonderproxy.origin, credentials: wonderproxy.credentials } as AccountConfig,
        { id: 'pm', provider: 'proxymesh', baseUrl: proxymesh.origin, credentials: proxymesh.credentials } as AccountConfig,
      ],
      usageHistory: { retentionDays: 30 },
      logger: pino({ level: 'warn' }, { write: (line: string) => logLines.push(JSON.parse(line) as Record<string, unknown>) }),
    });
    await harness.proxygraph.usageHistory!.settled();
  });
  after(async () => {
    await harness?.stop();
    await wonderproxy?.stop();
    await proxymesh?.stop();
  });

  test('every account that reports usage has the snapshot taken at start, with the figures Account.usage shows', async () => {
    const admin = as(KEYS.admin);
    const ws = await admin.data(UsageHistoryDocument, { id: WEBSHARE_ACCOUNT_ID });
    const history = ws.account!.usageHistory!;
    assert.equal(history.intervalSeconds, 900);
    assert.equal(history.retentionDays, 30);
    assert.equal(history.snapshots.length, 1);
    const usage = await admin.data<{ account: { usage: Record<string, unknown> } }, unknown>(
      '{ account(id: "ws") { usage { bandwidthUsedBytes bandwidthLimitBytes period periodStart periodEnd } } }',
    );
    const { takenAt, bandwidthUsedBytes, bandwidthLimitBytes, period, periodStart, periodEnd } = history.snapshots[0];
    assert.deepEqual({ bandwidthUsedBytes, bandwidthLimitBytes, period, periodStart, periodEnd }, usage.account.usage);
    assert.ok(Date.now() - Date.parse(takenAt) < 60_000);

    const wp = await admin.data(UsageHistoryDocument, { id: 'wp' });
    assert.equal(wp.account!.usageHistory!.snapshots.length, 1);
    assert.equal(wp.account!.usageHistory!.snapshots[0].period, 'BILLING_PERIOD');
  });

  test('Webshare hourly points are kept and returned oldest first, without forecast hours; other providers have none', async () => {
    const admin = as(KEYS.admin);
    const hourly = (await admin.data(UsageHistoryDocument, { id: WEBSHARE_ACCOUNT_ID })).account!.usageHistory!.hourly!;
    assert.ok(hourly.length > 24 * 20, `kept ${hourly.length} hours of the retention`);
    const starts = hourly.map((point) => Date.parse(point.hourStart));
    assert.deepEqual(
      starts,
      [...starts].sort((a, b) => a - b),
    );
    assert.ok(starts[0] >= Date.now() - 30 * DAY - 3_600_000);
    assert.ok(hourly.every((point) => !point.projected && point.requestsTotal === point.requestsSucceeded! + point.requestsFailed!));
    // The same hours the provider's own series reports.
    const from = hourly[0].hourStart;
    const series = await admin.data<{ account: { usageSeries: Array<{ hourStart: string; bandwidthBytes: number }> } }, unknown>(
      `{ account(id: "ws") { usageSeries(from: "${from}", to: "${hourly.at(-2)!.hourStart}") { hourStart bandwidthBytes } } }`,
    );
    assert.deepEqual(
      series.account.usageSeries,
      hourly.slice(0, -1).map(({ hourStart, bandwidthBytes }) => ({ hourStart, bandwidthBytes })),
    );

    assert.equal((await admin.data(UsageHistoryDocument, { id: 'wp' })).account!.usageHistory!.hourly, null);
  });

  test('an account whose provider cannot report usage has no history (null, no error)', async () => {
    const result = await as(KEYS.admin).request(UsageHistoryDocument, { id: 'pm' });
    assert.deepEqual(result.errors, []);
    assert.equal(result.data!.account!.usageHistory, null);
  });

  test('a failing account is skipped and logged once at warn with its code and no secret, and the others are still snapshotted', async () => {
    const bad = await as(KEYS.admin).data(UsageHistoryDocument, { id: 'ws-bad' });
    assert.deepEqual(bad.account!.usageHistory!.snapshots, []);
    const warnings = logLines.filter((line) => line.accountId === 'ws-bad' && line.msg === 'usage snapshot skipped this round');
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0].level, 40);
    assert.equal(warnings[0].code, 'PROVIDER_AUTH_FAILED');
    assert.ok(!JSON.stringify(logLines).includes(BAD_TOKEN));
    assert.ok(!JSON.stringify(logLines).includes(harness.webshare.credentials.token));
    const all = await as(KEYS.admin).data(UsageHistoryOfAccountsDocument, {});
    const counts = Object.fromEntries(all.accounts.map((account) => [account.id, account.usageHistory?.snapshots.length ?? null]));
    assert.deepEqual(counts, { ws: 1, 'ws-bad': 0, wp: 1, pm: null });
  });

  test('a key that cannot see an account gets no history for it, and a key without read gets none at all', async () => {
    const wpOnly = as(KEYS.wpOnly);
    const hidden = await wpOnly.request(UsageHistoryDocument, { id: WEBSHARE_ACCOUNT_ID });
    assert.equal(hidden.data?.account ?? null, null);
    const all = await wpOnly.data(UsageHistoryOfAccountsDocument, {});
    assert.deepEqual(
      all.accounts.map((account) => account.id),
      ['wp'],
    );
    const entity = await wpOnly.request<{ _entities: unknown[] }, unknown>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { id usageHistory { snapshots { takenAt } } } } }',
      { r: [{ __typename: 'Account', id: WEBSHARE_ACCOUNT_ID }] },
    );
    assert.deepEqual(entity.data?._entities, [null]);
    const writeOnly = await as(KEYS.writeOnly).request(UsageHistoryDocument, { id: WEBSHARE_ACCOUNT_ID });
    assert.deepEqual(errorCodes(writeOnly), ['FORBIDDEN']);
  });

  test('reading the history makes no upstream call', async () => {
    const before = upstreamCalls();
    await as(KEYS.admin).data(UsageHistoryDocument, { id: WEBSHARE_ACCOUNT_ID, from: new Date(Date.now() - 7 * DAY).toISOString() });
    await as(KEYS.admin).data(UsageHistoryOfAccountsDocument, {});
    assert.equal(upstreamCalls(), before);
  });

  test('from after to, or a window wider than the retention, is BAD_USER_INPUT before anything is read', async () => {
    const before = upstreamCalls();
    const now = Date.now();
    const reversed = await as(KEYS.admin).request(UsageHistoryDocument, {
      id: WEBSHARE_ACCOUNT_ID,
      from: new Date(now - DAY).toISOString(),
      to: new Date(now - 2 * DAY).toISOString(),
    });
    assert.deepEqual(errorCodes(reversed), ['BAD_USER_INPUT']);
    const wide = await as(KEYS.admin).request(UsageHistoryDocument, { id: WEBSHARE_ACCOUNT_ID, from: new Date(now - 31 * DAY).toISOString() });
    assert.deepEqual(errorCodes(wide), ['BAD_USER_INPUT']);
    const wideBackwards = await as(KEYS.admin).request(UsageHistoryDocument, {
      id: 'wp',
      from: new Date(now - 40 * DAY).toISOString(),
      to: new Date(now - 5 * DAY).toISOString(),
    });
    assert.deepEqual(errorCodes(wideBackwards), ['BAD_USER_INPUT']);
    assert.equal(upstreamCalls(), before);
  });
});

describe('one replica with the file store and a short (test-only) interval', () => {
  let webshare: WebshareSimulator;
  let dataDir: string;
  let proxygraph: RunningProxyGraph;
  const accounts = (): AccountConfig[] => [{ id: 'ws', provider: 'webshare', baseUrl: webshare.origin, credentials: { token: webshare.credentials.token } }];
  const old = new Date(Date.now() - 40 * DAY);
  const recent = new Date(Date.now() - DAY);
  const oldHourStart = new Date(Math.floor(old.getTime() / 3_600_000) * 3_600_000).toISOString();

  before(async () => {
    webshare = await startWebshareSimulator({ seed: 32, rateLimits: false });
    dataDir = mkdtempSync(join(tmpdir(), 'proxygraph-usage-history-'));
    // What an earlier run left: a snapshot and an hour past the retention, and a snapshot within it.
    const snapshot = (at: Date, usedBytes: number) => ({
      type: 'snapshot',
      accountId: 'ws',
      takenAt: at.toISOString(),
      bandwidthUsedBytes: usedBytes,
      bandwidthLimitBytes: null,
      bandwidthRemainingBytes: null,
      requestsTotal: null,
      period: 'BILLING_PERIOD',
      periodStart: null,
      periodEnd: null,
    });
    const oldHour = { type: 'hour', accountId: 'ws', hourStart: oldHourStart, bandwidthBytes: 5, requestsTotal: 1, requestsSucceeded: 1, requestsFailed: 0 };
    writeFileSync(
      join(dataDir, 'usage-history.jsonl'),
      [snapshot(old, 111), oldHour, snapshot(recent, 222)].map((line) => `${JSON.stringify(line)}\n`).join(''),
    );
    proxygraph = await startTestProxyGraph(accounts(), { dataDir, usageHistory: { retentionDays: 30 }, usageHistoryIntervalMs: 1_000 });
  });
  after(async () => {
    await proxygraph?.stop();
    await webshare?.stop();
  });

  test('after another interval a second snapshot appears, and re-read hours replace the ones held instead of repeating them', async () => {
    const client = new GraphQLTestClient(proxygraph.url);
    const taken = async () => (await client.data(UsageHistoryDocument, { id: 'ws', from: new Date(Date.now() - 60_000).toISOString() })).account!.usageHistory!;
    await eventually(async () => (await taken()).snapshots.length >= 2);
    const history = await taken();
    const [first, second] = history.snapshots.map((snapshot) => Math.floor(Date.parse(snapshot.takenAt) / 1_000));
    assert.ok(second > first, 'the second snapshot belongs to a later slot');
    assert.equal(history.intervalSeconds, 1);
    const starts = history.hourly!.map((point) => point.hourStart);
    assert.equal(new Set(starts).size, starts.length);
  });

  test('retention drops old entries: what an earlier run kept past it is gone from the graph and from the compacted file', async () => {
    const client = new GraphQLTestClient(proxygraph.url);
    const history = (await client.data(UsageHistoryDocument, { id: 'ws' })).account!.usageHistory!;
    const used = history.snapshots.map((snapshot) => snapshot.bandwidthUsedBytes);
    assert.equal(used[0], 222);
    assert.ok(!used.includes(111));
    assert.ok(history.hourly!.every((point) => Date.parse(point.hourStart) >= Date.now() - 30 * DAY - 3_600_000));
    await proxygraph.usageHistory!.settled();
    const file = readFileSync(join(dataDir, 'usage-history.jsonl'), 'utf8');
    assert.ok(!file.includes(old.toISOString()));
    assert.ok(!file.includes(oldHourStart));
    assert.ok(file.includes(recent.toISOString()));
  });

  test('snapshots outlive a restart on the same data directory', async () => {
    await proxygraph.stop();
    proxygraph = await startTestProxyGraph(accounts(), { dataDir, usageHistory: { enabled: true, retentionDays: 30, intervalSeconds: 3_600 } });
    await proxygraph.usageHistory!.settled();
    const history = (await new GraphQLTestClient(proxygraph.url).data(UsageHistoryDocument, { id: 'ws' })).account!.usageHistory!;
    assert.equal(history.snapshots[0].bandwidthUsedBytes, 222);
    assert.ok(history.snapshots.length >= 4);
  });

  test('the file store drops entries past the retention when it writes', async () => {
    const store = new FileUsageHistoryStore(join(dataDir, 'direct.jsonl'), 1);
    await store.addSnapshot(snapshot(new Date(Date.now() - 2 * DAY)));
    await store.addSnapshot(snapshot(new Date()));
    await store.putHours('a', [hour(new Date(Date.now() - 3 * DAY), 1)]);
    assert.equal((await store.snapshots('a', 0, Date.now())).length, 1);
    assert.equal((await store.hours('a', 0, Date.now())).length, 0);
    await store.close();
    assert.equal((await new FileUsageHistoryStore(join(dataDir, 'direct.jsonl'), 1).snapshots('a', 0, Date.now())).length, 1);
  });
});

describe('replicas sharing Redis', () => {
  const keyPrefix = `pgtest:history:${randomUUID().slice(0, 8)}:`;
  let redis: Redis;
  let webshare: WebshareSimulator;
  const replicas: RunningProxyGraph[] = [];
  const INTERVAL_MS = 1_000;

  before(async () => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    webshare = await startWebshareSimulator({ seed: 33, rateLimits: false });
    const accounts: AccountConfig[] = [{ id: 'ws', provider: 'webshare', baseUrl: webshare.origin, credentials: { token: webshare.credentials.token } }];
    const options = { redis: { url: REDIS_URL, keyPrefix }, usageHistory: { retentionDays: 7 }, usageHistoryIntervalMs: INTERVAL_MS };
    replicas.push(...(await Promise.all([0, 1].map(() => startTestProxyGraph(accounts, options)))));
  });
  after(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await webshare?.stop();
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  test('two replicas take one snapshot per account per slot, and either one reads them all', async () => {
    const [first, second] = replicas.map((replica) => new GraphQLTestClient(replica.url));
    await eventually(async () => (await first.data(UsageHistoryDocument, { id: 'ws' })).account!.usageHistory!.snapshots.length >= 3);
    await Promise.all(replicas.map((replica) => replica.usageHistory!.stop()));
    const snapshots = (await second.data(UsageHistoryDocument, { id: 'ws' })).account!.usageHistory!.snapshots;
    const slots = snapshots.map((snapshot) => Math.floor(Date.parse(snapshot.takenAt) / INTERVAL_MS));
    assert.equal(new Set(slots).size, slots.length, `one snapshot per slot: ${slots.join(', ')}`);
    // Only the replica that won a slot read the provider: one hourly-series read per snapshot, not one per replica.
    assert.equal(webshare.server.callCount('GET /api/v2/stats/'), snapshots.length);
    const hourly = (await first.data(UsageHistoryDocument, { id: 'ws' })).account!.usageHistory!.hourly!;
    const starts = hourly.map((point) => point.hourStart);
    assert.ok(starts.length > 24 * 6);
    assert.equal(new Set(starts).size, starts.length);
  });

  test('the Redis store drops entries past the retention when it writes', async () => {
    const store = new RedisUsageHistoryStore(redis, `${keyPrefix}direct:`, 1, 'test');
    await store.addSnapshot(snapshot(new Date(Date.now() - 2 * DAY)));
    await store.addSnapshot(snapshot(new Date()));
    const thisHour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    await store.putHours('a', [hour(new Date(Date.now() - 3 * DAY), 1), hour(thisHour, 1)]);
    await store.putHours('a', [hour(thisHour, 2)]);
    assert.equal((await store.snapshots('a', 0, Date.now())).length, 1);
    assert.deepEqual(
      (await store.hours('a', 0, Date.now())).map((kept) => kept.bandwidthBytes),
      [2],
    );
    assert.equal(await store.lastHourMs('a'), thisHour.getTime());
    assert.equal(await store.claim('a', 1, 1_000), true);
    assert.equal(await store.claim('a', 1, 1_000), false);
  });
});
