/**
 * subUserNearLimit against the Ping Proxies simulator over HTTP: a proxy user past the fraction of its
 * residential limit is announced once; after a limit change takes it below and back above, once more.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPingHarness, pingId, type PingHarness } from '../support/pingproxies-harness';
import { eventually, livePolls, testSubscriber, type TestSubscriber } from '../support/subscriptions';

const GIB = 1024 ** 3;
let harness: PingHarness;
let subscriber: TestSubscriber;

before(async () => {
  harness = await startPingHarness({ server: { server: { live: { pollIntervalSeconds: { subUsers: 1 } } } } });
});

after(async () => {
  await subscriber?.close();
  await harness?.stop();
});

interface Warning {
  subUserNearLimit: { subUser: { id: string; username: string }; usedBytes: number; limitBytes: number; usedFraction: number };
}

test('a proxy user past the fraction of its limit is announced once, and again only after dropping below', async () => {
  const marketing = pingId('SubUser', 'marketing_team');
  subscriber = testSubscriber(harness.proxygraph.url);
  // marketing_team has used 1.5 GiB of 5 GiB (0.3); the other users are under 0.25 or have no limit.
  const watch = subscriber.subscribe<Warning>(
    'subscription { subUserNearLimit(accountIds: ["ping"], fraction: 0.25) { subUser { id username } usedBytes limitBytes usedFraction } }',
  );
  const [first] = await watch.waitFor(1);
  assert.deepEqual(first.data?.subUserNearLimit, {
    subUser: { id: marketing, username: 'marketing_team' },
    usedBytes: 1.5 * GIB,
    limitBytes: 5 * GIB,
    usedFraction: 0.3,
  });

  const setLimit = (bytes: number) =>
    harness.client.data('mutation($id: ID!, $input: UpdateSubUserInput!) { updateSubUser(id: $id, input: $input) { id } }', {
      id: marketing,
      input: { bandwidthLimitBytes: bytes },
    });
  await setLimit(10 * GIB);
  const polled = await livePolls(harness.proxygraph.opsUrl, 'subUsers', 'ping');
  await eventually(
    () => livePolls(harness.proxygraph.opsUrl, 'subUsers', 'ping'),
    (polls) => polls.ok >= polled.ok + 2,
  );
  assert.equal(watch.results.length, 1, 'no announcement while under the fraction');
  await setLimit(2 * GIB);
  const [, second] = await watch.waitFor(2);
  assert.equal(second.data?.subUserNearLimit.usedFraction, 0.75);
  assert.equal(watch.results.length, 2);
});
