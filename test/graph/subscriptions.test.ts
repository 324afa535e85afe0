/**
 * Subscriptions over graphql-ws on /graphql, with a real graphql-ws client, against the Webshare simulator
 * over HTTP: one poller however many subscribers, events as the provider's state changes, fire-once
 * thresholds, and every refusal (authentication, scope, visibility, input) before anything is polled.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startTestProxyGraph } from '../support/proxygraph';
import { GraphQLTestClient } from '../support/graphql-client';
import { eventually, livePolls, testSubscriber, type TestSubscriber } from '../support/subscriptions';
import type { RunningProxyGraph } from '../../src/app';
import { startWebshareSimulator, type WebshareSimulator } from '../../src/simulators/webshare';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const KEYS = { admin: 'admin-key-0123456789abcdef', reader: 'reader-key-0123456789abcdef', writer: 'writer-key-0123456789abcdef' };

const STATUS_CHANGES =
  'subscription Watch($accountIds: [ID!]) { proxyStatusChanged(accountIds: $accountIds) { proxy { id host status account { id } } previousStatus status observedAt } }';
const PROXY_LIST = 'GET /api/v2/proxy/list/';

interface StatusChange {
  proxyStatusChanged: {
    proxy: { id: string; host: string; status: string; account: { id: string } };
    previousStatus: string;
    status: string;
    observedAt: string;
  };
}

let webshare: WebshareSimulator;
let proxygraph: RunningProxyGraph;
let admin: GraphQLTestClient;
const subscribers: TestSubscriber[] = [];

function subscriber(key?: string): TestSubscriber {
  const made = testSubscriber(proxygraph.url, key ? `Bearer ${key}` : undefined);
  subscribers.push(made);
  return made;
}

before(async () => {
  webshare = await startWebshareSimulator({ seed: 31, rateLimits: false, proxyCount: 30, replacementDelayMs: 50 });
  proxygraph = await startTestProxyGraph([{ id: 'ws', provider: 'webshare', baseUrl: webshare.origin, credentials: { token: webshare.credentials.token } }], {
    auth: {
      mode: 'apiKeys',
      keys: [
        { name: 'admin', sha256: sha256(KEYS.admin), scopes: ['read', 'write'], accounts: ['*'] },
        { name: 'reader', sha256: sha256(KEYS.reader), scopes: ['read'], accounts: ['*'] },
        { name: 'writer', sha256: sha256(KEYS.writer), scopes: ['write'], accounts: ['*'] },
      ],
    },
    server: { live: { pollIntervalSeconds: { proxies: 1, usage: 1, replacements: 1 } } },
  });
  admin = new GraphQLTestClient(proxygraph.url, { authorization: `Bearer ${KEYS.admin}` });
});

after(async () => {
  await Promise.all(subscribers.map((made) => made.close()));
  await proxygraph?.stop();
  await webshare?.stop();
});

beforeEach(async () => {
  await Promise.all(subscribers.splice(0).map((made) => made.close()));
});

/** The first proxy's global id, its simulator id and address (Webshare native ids are `<id>@<address>`). */
async function firstProxy(): Promise<{ id: string; simulatorId: string; address: string }> {
  const page = await admin.data<{ account: { proxies: { edges: Array<{ node: { id: string } }> } } }, unknown>(
    '{ account(id: "ws") { proxies(first: 1) { edges { node { id } } } } }',
  );
  const id = page.account.proxies.edges[0].node.id;
  const nativeId = Buffer.from(id, 'base64url').toString('utf8').split(':').slice(2).join(':');
  const [simulatorId, address] = nativeId.split('@');
  return { id, simulatorId, address };
}

describe('proxyStatusChanged', () => {
  test('a status flip in the provider reaches two subscribers, read by one poll per interval, not one per subscriber', async () => {
    const proxy = await firstProxy();
    const before = await livePolls(proxygraph.opsUrl, 'proxies', 'ws');
    const [one, two] = [subscriber(KEYS.reader), subscriber(KEYS.admin)].map((made) => made.subscribe<StatusChange>(STATUS_CHANGES, { accountIds: ['ws'] }));
    // Both subscribed and the first look taken: the next poll compares with it.
    await eventually(
      () => livePolls(proxygraph.opsUrl, 'proxies', 'ws'),
      (polls) => polls.ok >= before.ok + 2,
    );
    webshare.server.resetCalls();
    const polled = await livePolls(proxygraph.opsUrl, 'proxies', 'ws');
    assert.equal(webshare.setProxyValidity(proxy.simulatorId, false), true);

    const [first, second] = await Promise.all([one.waitFor(1), two.waitFor(1)]);
    for (const results of [first, second]) {
      assert.equal(results[0].errors, undefined);
      const change = results[0].data!.proxyStatusChanged;
      assert.equal(change.proxy.id, proxy.id);
      assert.equal(change.previousStatus, 'OK');
      assert.equal(change.status, 'DOWN');
      assert.equal(change.proxy.account.id, 'ws');
    }
    const polls = (await livePolls(proxygraph.opsUrl, 'proxies', 'ws')).ok - polled.ok;
    // 30 proxies: one page per poll, whatever the number of subscribers.
    assert.ok(polls >= 1);
    assert.ok(webshare.server.callCount(PROXY_LIST) <= polls + 1, `${webshare.server.callCount(PROXY_LIST)} list calls for ${polls} polls`);
    webshare.setProxyValidity(proxy.simulatorId, true);
    await Promise.all([one.waitFor(2), two.waitFor(2)]);
    assert.equal(one.results[1].data!.proxyStatusChanged.status, 'OK');
  });

  test('the poller stops when the last subscriber leaves', async () => {
    const made = subscriber(KEYS.reader);
    const watch = made.subscribe<StatusChange>(STATUS_CHANGES, { accountIds: ['ws'] });
    const start = await livePolls(proxygraph.opsUrl, 'proxies', 'ws');
    await eventually(
      () => livePolls(proxygraph.opsUrl, 'proxies', 'ws'),
      (polls) => polls.ok > start.ok,
    );
    watch.unsubscribe();
    await made.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stopped = await livePolls(proxygraph.opsUrl, 'proxies', 'ws');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    assert.deepEqual(await livePolls(proxygraph.opsUrl, 'proxies', 'ws'), stopped);
  });
});

describe('usageThresholdCrossed', () => {
  test('fires once when usage is past the threshold, then the subscription completes', async () => {
    const watch = subscriber(KEYS.reader).subscribe<{
      usageThresholdCrossed: { account: { id: string }; thresholdBytes: number; usage: { bandwidthUsedBytes: number } };
    }>('subscription { usageThresholdCrossed(accountId: "ws", thresholdBytes: 1) { account { id } thresholdBytes usage { bandwidthUsedBytes period } } }');
    await watch.done;
    assert.equal(watch.results.length, 1);
    const crossing = watch.results[0].data!.usageThresholdCrossed;
    assert.equal(crossing.account.id, 'ws');
    assert.equal(crossing.thresholdBytes, 1);
    assert.ok(crossing.usage.bandwidthUsedBytes >= 1);
  });

  test('does not fire while usage is under the threshold', async () => {
    const watch = subscriber(KEYS.reader).subscribe('subscription { usageThresholdCrossed(accountId: "ws", thresholdFraction: 1) { thresholdBytes } }');
    const start = await livePolls(proxygraph.opsUrl, 'usage', 'ws');
    await eventually(
      () => livePolls(proxygraph.opsUrl, 'usage', 'ws'),
      (polls) => polls.ok >= start.ok + 2,
    );
    assert.equal(watch.results.length, 0);
    assert.equal(watch.completed(), false);
  });
});

describe('proxyReplacementChanged', () => {
  test('a replacement made by a mutation is seen appearing and moving to its final state', async () => {
    const watch = subscriber(KEYS.reader).subscribe<{ proxyReplacementChanged: { replacement: { id: string }; previousState: string | null; state: string } }>(
      'subscription { proxyReplacementChanged(accountId: "ws") { replacement { id } previousState state } }',
    );
    const start = await livePolls(proxygraph.opsUrl, 'replacements', 'ws');
    await eventually(
      () => livePolls(proxygraph.opsUrl, 'replacements', 'ws'),
      (polls) => polls.ok > start.ok,
    );
    const proxy = await firstProxy();
    const made = await admin.data<{ replaceProxies: { id: string } }, unknown>(
      `mutation { replaceProxies(input: { accountId: "ws", toReplace: { type: IP_ADDRESS, ipAddresses: ["${proxy.address}"] }, replaceWith: [{ type: ANY, count: 1 }] }) { id } }`,
    );
    await eventually(
      async () => watch.results.map((result) => result.data!.proxyReplacementChanged),
      (changes) => changes.some((change) => change.state === 'COMPLETED' || change.state === 'FAILED'),
    );
    const changes = watch.results.map((result) => result.data!.proxyReplacementChanged);
    assert.ok(changes.every((change) => change.replacement.id === made.replaceProxies.id));
    assert.equal(changes[0].previousState, null);
  });
});

describe('refusals come before anything is polled', () => {
  test('an unknown API key cannot open a subscription connection', async () => {
    const watch = subscriber('not-a-key-0123456789abcdef').subscribe(STATUS_CHANGES);
    await assert.rejects(watch.done, (error: { detail?: { code?: number } }) => error.detail?.code === 4403);
  });

  test('a key without the read scope is refused with FORBIDDEN', async () => {
    webshare.server.resetCalls();
    const watch = subscriber(KEYS.writer).subscribe(STATUS_CHANGES, { accountIds: ['ws'] });
    await watch.done;
    assert.equal(watch.results[0].errors?.[0].extensions?.code, 'FORBIDDEN');
    assert.equal(webshare.server.calls.length, 0);
  });

  test('an account the key may not see is NOT_FOUND, as for queries', async () => {
    const watch = subscriber(KEYS.reader).subscribe(STATUS_CHANGES, { accountIds: ['elsewhere'] });
    await watch.done;
    assert.equal(watch.results[0].errors?.[0].extensions?.code, 'NOT_FOUND');
  });

  test('bad input is BAD_USER_INPUT with no upstream call', async () => {
    webshare.server.resetCalls();
    const cases = [
      'subscription { usageThresholdCrossed(accountId: "ws", thresholdBytes: 5, thresholdFraction: 0.5) { thresholdBytes } }',
      'subscription { usageThresholdCrossed(accountId: "ws") { thresholdBytes } }',
      'subscription { usageThresholdCrossed(accountId: "ws", thresholdFraction: 1.5) { thresholdBytes } }',
      'subscription { expiringSoon(withinSeconds: 5) { secondsLeft } }',
      'subscription { subUserNearLimit(fraction: 0) { usedFraction } }',
      'subscription { proxyStatusChanged(accountIds: []) { status } }',
      'subscription { proxyReplacementChanged(accountId: "ws", replacementId: "not-an-id") { state } }',
    ];
    for (const query of cases) {
      const watch = subscriber(KEYS.reader).subscribe(query);
      await watch.done;
      assert.equal(watch.results[0].errors?.[0].extensions?.code, 'BAD_USER_INPUT', query);
    }
    assert.equal(webshare.server.calls.length, 0);
  });

  test('queries and mutations are refused over WebSocket: they go over HTTP', async () => {
    const watch = subscriber(KEYS.admin).subscribe('{ accounts { id } }');
    await assert.rejects(watch.done);
  });

  test('a page from another origin cannot open a socket', async () => {
    const { default: WebSocket } = await import('ws');
    const socket = new WebSocket(proxygraph.url.replace(/^http/, 'ws'), 'graphql-transport-ws', { headers: { origin: 'https://evil.example' } });
    const status = await new Promise<number>((resolve) => {
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => resolve(101));
      socket.on('error', () => undefined);
    });
    socket.terminate();
    assert.equal(status, 401);
  });
});
