/**
 * Ping's IP lists are replaced whole, so concurrent edits through several replicas are only safe under a
 * lock every replica shares. With Redis configured but down, a write must not fall back to a replica-local
 * lock (two replicas would overwrite each other while both answer `ok: true`): it fails fast, typed, and
 * makes no upstream edit. (With Redis up, the two-server lock test in resilience-redis.test.ts applies.)
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningProxyGraph } from '../../src/app';
import { encodeGlobalId } from '../../src/domain/ids';
import { startPingProxiesSimulator, type PingProxiesSimulator } from '../../src/simulators/pingproxies';
import { startTestProxyGraph } from '../support/proxygraph';
import { GraphQLTestClient } from '../support/graphql-client';
import { deadRedisUrl } from '../support/redis-outage';

const AUTHORIZE = `mutation($input: AuthorizeIpInput!) { authorizeIp(input: $input) { ok account { id } error { code } } }`;
const EDIT = 'PATCH /1.0/public/user/proxy_user/edit/:proxy_user_id';

let ping: PingProxiesSimulator;
const servers: RunningProxyGraph[] = [];

before(async () => {
  ping = await startPingProxiesSimulator({ seed: 5, rateLimit: false });
  // A slow edit and quick reads: a replica's verify can pass before another replica's older edit lands on
  // top of it, which is how unserialised read-modify-writes lose IPs while answering ok.
  ping.server.knobs.latencyMs = (endpoint) => (endpoint === EDIT ? 300 : 10);
  const redis = { url: await deadRedisUrl(), keyPrefix: 'pgtest:lock-outage:' };
  const account = { id: 'ping', provider: 'pingproxies' as const, baseUrl: ping.origin, credentials: { ...ping.credentials } };
  servers.push(...(await Promise.all([0, 1].map(() => startTestProxyGraph([account], { redis })))));
});
after(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await ping?.stop();
});

test('with the shared lock down, 50 concurrent authorizeIp through two replicas lose nothing: every ok IP is on the list, the rest are PROVIDER_UNAVAILABLE with no edit', async () => {
  const clients = servers.map((server) => new GraphQLTestClient(server.url));
  const before = [...ping.state.proxyUsers.get('marketing_team')!.ip_address_authentications];
  const ips = Array.from({ length: 50 }, (_, index) => `203.0.113.${index + 151}`);
  const subUserIds = [encodeGlobalId('SubUser', 'ping', 'marketing_team')];
  const results = await Promise.all(ips.map((ip, index) => clients[index % 2].request(AUTHORIZE, { input: { ip, subUserIds } })));

  const okIps: string[] = [];
  for (const [index, result] of results.entries()) {
    assert.deepEqual(result.errors, []);
    const [outcome] = (result.data as { authorizeIp: Array<{ ok: boolean; error: { code: string } | null }> }).authorizeIp;
    if (outcome.ok) okIps.push(ips[index]);
    else assert.equal(outcome.error?.code, 'PROVIDER_UNAVAILABLE');
  }
  const final = ping.state.proxyUsers.get('marketing_team')!.ip_address_authentications;
  const lost = okIps.filter((ip) => !final.includes(ip));
  assert.deepEqual(lost, [], `${lost.length} of ${okIps.length} IPs answered ok: true are not on the list`);
  // A refused change made no edit: the list holds exactly what it held plus the IPs answered ok.
  assert.deepEqual([...final].sort(), [...before, ...okIps].sort());
  if (okIps.length === 0) assert.equal(ping.server.callCount(EDIT), 0);
});
