/**
 * Subscriptions across two replicas sharing one Redis (the local Redis at REDIS_URL, a unique key prefix,
 * keys deleted after): one replica polls a watched account, both deliver its changes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { startTestProxyGraph } from '../support/proxygraph';
import { GraphQLTestClient } from '../support/graphql-client';
import { eventually, livePolls, testSubscriber, type Subscription, type TestSubscriber } from '../support/subscriptions';
import type { RunningProxyGraph } from '../../src/app';
import { startWebshareSimulator, type WebshareSimulator } from '../../src/simulators/webshare';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const keyPrefix = `pgtest:live:${randomUUID().slice(0, 8)}:`;
const STATUS_CHANGES = 'subscription { proxyStatusChanged(accountIds: ["ws"]) { proxy { id } previousStatus status } }';
let redis: Redis;
let webshare: WebshareSimulator;
const replicas: RunningProxyGraph[] = [];
const subscribers: TestSubscriber[] = [];

before(async () => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  webshare = await startWebshareSimulator({ seed: 14, rateLimits: false, proxyCount: 20 });
  const accounts = [{ id: 'ws', provider: 'webshare' as const, baseUrl: webshare.origin, credentials: { token: webshare.credentials.token } }];
  for (let index = 0; index < 2; index++) {
    replicas.push(await startTestProxyGraph(accounts, { redis: { url: REDIS_URL, keyPrefix }, server: { live: { pollIntervalSeconds: { proxies: 1 } } } }));
  }
});

after(async () => {
  await Promise.all(subscribers.map((subscriber) => subscriber.close()));
  // A replica stopped by a test is stopped again harmlessly.
  await Promise.all(replicas.map((replica) => replica.stop().catch(() => undefined)));
  await webshare?.stop();
  const keys = await redis.keys(`${keyPrefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

const polls = async () => Promise.all(replicas.map((replica) => livePolls(replica.opsUrl, 'proxies', 'ws')));

type StatusChange = { proxyStatusChanged: { proxy: { id: string }; previousStatus: string; status: string } };
let watches: Array<Subscription<StatusChange>> = [];

test('two replicas deliver a status change to their subscribers from one poller', async () => {
  watches = replicas.map((replica) => {
    const subscriber = testSubscriber(replica.url);
    subscribers.push(subscriber);
    return subscriber.subscribe<StatusChange>(STATUS_CHANGES);
  });
  // Both replicas have a poller for the key: one polls (ok), the other defers to it (skipped).
  await eventually(polls, ([one, two]) => one.ok + two.ok >= 2 && one.skipped + two.skipped >= 1);
  const start = await polls();
  webshare.server.resetCalls();
  const page = await new GraphQLTestClient(replicas[0].url).data<{ account: { proxies: { edges: Array<{ node: { id: string } }> } } }, unknown>(
    '{ account(id: "ws") { proxies(first: 1) { edges { node { id } } } } }',
  );
  const proxyId = page.account.proxies.edges[0].node.id;
  const simulatorId = Buffer.from(proxyId, 'base64url').toString('utf8').split(':')[2].split('@')[0];
  const listCallsBeforeFlip = webshare.server.callCount('GET /api/v2/proxy/list/');
  assert.equal(webshare.setProxyValidity(simulatorId, false), true);

  const delivered = await Promise.all(watches.map((watch) => watch.waitFor(1)));
  for (const [result] of delivered) {
    assert.deepEqual(result.data?.proxyStatusChanged, { proxy: { id: proxyId }, previousStatus: 'OK', status: 'DOWN' });
  }
  const end = await polls();
  const okPolls = end.map((counts, index) => counts.ok - start[index].ok);
  // One leader: every poll in the window came from the same replica, and each was one list call.
  assert.equal(okPolls.filter((count) => count > 0).length, 1, `ok polls per replica: ${okPolls.join(', ')}`);
  const listCalls = webshare.server.callCount('GET /api/v2/proxy/list/') - listCallsBeforeFlip;
  assert.ok(listCalls <= okPolls[0] + okPolls[1] + 1, `${listCalls} list calls for ${okPolls.join('+')} polls`);
});

test('when the polling replica stops, the other takes over from the saved state and keeps delivering', async () => {
  const before = await polls();
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const now = await polls();
  const leader = now[0].ok > before[0].ok ? 0 : 1;
  const follower = 1 - leader;
  // Stopping resigns the lease at once: the follower's next tick polls, continuing from the leader's last state.
  await replicas[leader].stop();
  await eventually(
    () => livePolls(replicas[follower].opsUrl, 'proxies', 'ws'),
    (counts) => counts.ok > now[follower].ok,
  );
  const page = await new GraphQLTestClient(replicas[follower].url).data<{ account: { proxies: { edges: Array<{ node: { id: string } }> } } }, unknown>(
    '{ account(id: "ws") { proxies(first: 2) { edges { node { id } } } } }',
  );
  const proxyId = page.account.proxies.edges[1].node.id;
  const simulatorId = Buffer.from(proxyId, 'base64url').toString('utf8').split(':')[2].split('@')[0];
  webshare.setProxyValidity(simulatorId, false);
  const results = await watches[follower].waitFor(2);
  assert.deepEqual(results[1].data?.proxyStatusChanged, { proxy: { id: proxyId }, previousStatus: 'OK', status: 'DOWN' });
});
