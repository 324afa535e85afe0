/**
 * Resilience shared through Redis by two ProxyGraph servers (the local Redis at REDIS_URL, a unique key
 * prefix per run, keys deleted after): one Webshare budget for both, a 429 seen by one closing the budget
 * for both, and Ping's IP-list read-modify-write serialised across both by the Redis lock.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { startTestProxyGraph } from '../support/proxygraph';
import { GraphQLTestClient, errorCodes } from '../support/graphql-client';
import type { AccountConfig } from '../../src/config/schema';
import type { RunningProxyGraph } from '../../src/app';
import { encodeGlobalId } from '../../src/domain/ids';
import { startWebshareSimulator, type WebshareSimulator } from '../../src/simulators/webshare';
import { startPingProxiesSimulator, type PingProxiesSimulator } from '../../src/simulators/pingproxies';
import { PingAuthorizeIpDocument } from '../generated/graphql';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const keyPrefix = `pgtest:resilience:${randomUUID().slice(0, 8)}:`;

/** A distinct read per sub-user id (unknown ids read as null after one GET each). */
const subUserRead = (client: GraphQLTestClient, accountId: string, nativeId: string) =>
  client.request(`query($id: ID!) { subUser(id: $id) { id label } }`, { id: encodeGlobalId('SubUser', accountId, nativeId) });

let redis: Redis;
const servers: RunningProxyGraph[] = [];

async function startPair(accounts: AccountConfig[]): Promise<[GraphQLTestClient, GraphQLTestClient]> {
  const pair = await Promise.all([0, 1].map(() => startTestProxyGraph(accounts, { redis: { url: REDIS_URL, keyPrefix } })));
  servers.push(...pair);
  return [new GraphQLTestClient(pair[0].url), new GraphQLTestClient(pair[1].url)];
}

before(() => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
});
after(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  const keys = await redis.keys(`${keyPrefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe('Webshare budgets shared by two servers', () => {
  let limited: WebshareSimulator;
  let open: WebshareSimulator;
  let first: GraphQLTestClient;
  let second: GraphQLTestClient;
  before(async () => {
    // Webshare's own limit equals the configured one; the shared budget keeps 5 % under it (19/min).
    limited = await startWebshareSimulator({ seed: 8, rateLimits: { generalPerMinute: 20, proxyListPerMinute: 60 } });
    open = await startWebshareSimulator({ seed: 9, rateLimits: false, token: 'another-api-key-0123456789' });
    [first, second] = await startPair([
      { id: 'ws', provider: 'webshare', baseUrl: limited.origin, credentials: { token: limited.credentials.token }, limits: { requestsPerMinute: 20 } },
      { id: 'ws-open', provider: 'webshare', baseUrl: open.origin, credentials: { token: open.credentials.token } },
    ]);
  });
  after(async () => {
    await limited?.stop();
    await open?.stop();
  });

  test("together the two servers never exceed the account's budget: Webshare never answers 429", async () => {
    const reads = [
      ...Array.from({ length: 15 }, (_, index) => subUserRead(first, 'ws', String(1_000 + index))),
      ...Array.from({ length: 15 }, (_, index) => subUserRead(second, 'ws', String(2_000 + index))),
    ];
    const results = await Promise.all(reads);
    assert.equal(limited.server.calls.length, 19);
    assert.equal(limited.server.calls.filter((call) => call.status === 429).length, 0);
    const codes = results.flatMap(errorCodes);
    assert.equal(codes.length, 11);
    assert.ok(codes.every((code) => code === 'RATE_LIMITED'));
  });

  test("a 429 seen by one server closes the account's budget on the other", async () => {
    open.server.injectFault({
      endpoint: 'GET /api/v2/profile/',
      status: 429,
      headers: { 'retry-after': '30' },
      body: { detail: 'Request was throttled.' },
      times: 1,
    });
    const throttled = await first.request('{ account(id: "ws-open") { profile { email } } }');
    assert.deepEqual(errorCodes(throttled), ['RATE_LIMITED']);
    assert.equal(throttled.errors[0].extensions?.retryAfterSeconds, 30);
    open.server.resetCalls();
    const elsewhere = await second.request('{ account(id: "ws-open") { plan { name } } }');
    assert.deepEqual(errorCodes(elsewhere), ['RATE_LIMITED']);
    assert.ok(Number(elsewhere.errors[0].extensions?.retryAfterSeconds) <= 30);
    assert.equal(open.server.calls.length, 0);
  });
});

describe('Ping IP lists changed through two servers', () => {
  let ping: PingProxiesSimulator;
  let first: GraphQLTestClient;
  let second: GraphQLTestClient;
  before(async () => {
    // Latency widens each read-edit-verify pass, so unserialised passes from two servers would overlap.
    ping = await startPingProxiesSimulator({ seed: 5, latencyMs: 20 });
    [first, second] = await startPair([
      {
        id: 'ping',
        provider: 'pingproxies',
        baseUrl: ping.origin,
        credentials: { publicKey: ping.credentials.publicKey, privateKey: ping.credentials.privateKey },
      },
    ]);
  });
  after(async () => {
    await ping?.stop();
  });

  test('20 concurrent authorizeIp split across both servers on one proxy user leave all 20 IPs on it', async () => {
    // A documentation range: 198.18.0.0/15 (benchmarking) is not a public address and is refused as an authorization.
    const ips = Array.from({ length: 20 }, (_, index) => `203.0.113.${index + 101}`);
    const subUserIds = [encodeGlobalId('SubUser', 'ping', 'marketing_team')];
    const results = await Promise.all(ips.map((ip, index) => (index % 2 === 0 ? first : second).data(PingAuthorizeIpDocument, { input: { ip, subUserIds } })));
    for (const data of results) assert.equal(data.authorizeIp[0].ok, true, JSON.stringify(data.authorizeIp[0].error));
    assert.deepEqual([...ping.state.proxyUsers.get('marketing_team')!.ip_address_authentications].sort(), [...ips].sort());
    // Under the shared lock every edit starts from the list the previous edit left: none drops an IP.
    const edits = ping.server
      .callsTo('PATCH /1.0/public/user/proxy_user/edit/:proxy_user_id')
      .sort((a, b) => a.startedAtMs - b.startedAtMs)
      .map((call) => (JSON.parse(call.body) as { ip_address_authentications: string[] }).ip_address_authentications);
    assert.ok(edits.length >= 2);
    for (let index = 1; index < edits.length; index++) {
      for (const ip of edits[index - 1]) assert.ok(edits[index].includes(ip), `edit ${index} dropped ${ip}`);
    }
    assert.ok(ping.server.calls.every((call) => call.status === 200));
  });
});
