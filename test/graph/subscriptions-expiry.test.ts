/**
 * expiringSoon against the WonderProxy simulator over HTTP: a DNS override created to expire within the
 * subscriber's window is announced once, with the entry as the graph shows it; one expiring later is not.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestProxyGraph } from '../support/proxygraph';
import { GraphQLTestClient } from '../support/graphql-client';
import { eventually, livePolls, testSubscriber, type TestSubscriber } from '../support/subscriptions';
import type { RunningProxyGraph } from '../../src/app';
import { startWonderProxySimulator, type WonderProxySimulator } from '../../src/simulators/wonderproxy';

let wonderproxy: WonderProxySimulator;
let proxygraph: RunningProxyGraph;
let subscriber: TestSubscriber;

before(async () => {
  // Seeded entries expire in days: none is within the test's window.
  wonderproxy = await startWonderProxySimulator({ seed: 5, overrideCount: 0, authlistCount: 0 });
  proxygraph = await startTestProxyGraph(
    [{ id: 'wp', provider: 'wonderproxy', baseUrl: wonderproxy.origin, credentials: { token: wonderproxy.credentials.token } }],
    {
      server: { live: { pollIntervalSeconds: { expiries: 1 } } },
    },
  );
});

after(async () => {
  await subscriber?.close();
  await proxygraph?.stop();
  await wonderproxy?.stop();
});

interface Warning {
  expiringSoon: { account: { id: string }; kind: string; dnsOverride: { id: string; hostname: string } | null; secondsLeft: number };
}

test('a DNS override that will expire within the window is announced once; one expiring later is not', async () => {
  subscriber = testSubscriber(proxygraph.url);
  const watch = subscriber.subscribe<Warning>(
    'subscription { expiringSoon(accountIds: ["wp"], withinSeconds: 3600) { account { id } kind dnsOverride { id hostname } secondsLeft } }',
  );
  const start = await livePolls(proxygraph.opsUrl, 'expiries', 'wp');
  await eventually(
    () => livePolls(proxygraph.opsUrl, 'expiries', 'wp'),
    (polls) => polls.ok > start.ok,
  );
  const client = new GraphQLTestClient(proxygraph.url);
  const create = (hostname: string, minutes: number) =>
    client.data<{ createDnsOverride: { id: string } }, unknown>('mutation($input: CreateDnsOverrideInput!) { createDnsOverride(input: $input) { id } }', {
      input: { accountId: 'wp', server: 'denver', hostname, ip: '31.14.15.92', expiresAt: new Date(Date.now() + minutes * 60_000).toISOString() },
    });
  const soon = await create('soon.example.com', 30);
  await create('later.example.com', 24 * 60);

  const [warning] = await watch.waitFor(1);
  assert.equal(warning.errors, undefined);
  const event = warning.data!.expiringSoon;
  assert.equal(event.account.id, 'wp');
  assert.equal(event.kind, 'DNS_OVERRIDE');
  assert.deepEqual(event.dnsOverride, { id: soon.createDnsOverride.id, hostname: 'soon.example.com' });
  assert.ok(event.secondsLeft > 25 * 60 && event.secondsLeft <= 30 * 60, `${event.secondsLeft} s left`);
  // Later polls see the same entry: no second announcement, and nothing for the one a day away.
  const seen = await livePolls(proxygraph.opsUrl, 'expiries', 'wp');
  await eventually(
    () => livePolls(proxygraph.opsUrl, 'expiries', 'wp'),
    (polls) => polls.ok >= seen.ok + 2,
  );
  assert.equal(watch.results.length, 1);
});
