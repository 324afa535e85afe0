/**
 * Subscriptions with the read cache on (as in production): a poll goes through the cache, but never takes
 * an answer older than half its interval, so a cache TTL longer than the interval (Webshare's proxy list:
 * 60 s) does not hide a change for the whole TTL.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestProxyGraph } from '../support/proxygraph';
import { GraphQLTestClient } from '../support/graphql-client';
import { eventually, livePolls, testSubscriber, type TestSubscriber } from '../support/subscriptions';
import type { RunningProxyGraph } from '../../src/app';
import { startWebshareSimulator, type WebshareSimulator } from '../../src/simulators/webshare';

let webshare: WebshareSimulator;
let proxygraph: RunningProxyGraph;
let subscriber: TestSubscriber;

before(async () => {
  webshare = await startWebshareSimulator({ seed: 19, rateLimits: false, proxyCount: 10 });
  proxygraph = await startTestProxyGraph([{ id: 'ws', provider: 'webshare', baseUrl: webshare.origin, credentials: { token: webshare.credentials.token } }], {
    server: { cache: { enabled: true }, live: { pollIntervalSeconds: { proxies: 1 } } },
  });
});

after(async () => {
  await subscriber?.close();
  await proxygraph?.stop();
  await webshare?.stop();
});

test('a poll reads the provider again once the cached page is older than half its interval, and sees the change', async () => {
  const page = await new GraphQLTestClient(proxygraph.url).data<{ account: { proxies: { edges: Array<{ node: { id: string } }> } } }, unknown>(
    '{ account(id: "ws") { proxies(first: 1) { edges { node { id } } } } }',
  );
  const proxyId = page.account.proxies.edges[0].node.id;
  subscriber = testSubscriber(proxygraph.url);
  const watch = subscriber.subscribe<{ proxyStatusChanged: { proxy: { id: string }; status: string } }>(
    'subscription { proxyStatusChanged(accountIds: ["ws"]) { proxy { id } status } }',
  );
  const start = await livePolls(proxygraph.opsUrl, 'proxies', 'ws');
  await eventually(
    () => livePolls(proxygraph.opsUrl, 'proxies', 'ws'),
    (polls) => polls.ok >= start.ok + 2,
  );
  webshare.server.resetCalls();
  const before = await livePolls(proxygraph.opsUrl, 'proxies', 'ws');
  await new Promise((resolve) => setTimeout(resolve, 3_200));
  const polls = (await livePolls(proxygraph.opsUrl, 'proxies', 'ws')).ok - before.ok;
  // One page per poll read from the provider (the 60 s TTL notwithstanding), give or take the poll in flight.
  assert.ok(
    webshare.server.callCount('GET /api/v2/proxy/list/') >= polls - 1,
    `${webshare.server.callCount('GET /api/v2/proxy/list/')} list calls for ${polls} polls`,
  );

  webshare.setProxyValidity(Buffer.from(proxyId, 'base64url').toString('utf8').split(':')[2].split('@')[0], false);
  const [change] = await watch.waitFor(1, 5_000);
  assert.deepEqual(change.data?.proxyStatusChanged, { proxy: { id: proxyId }, status: 'DOWN' });
});
