/**
 * ProxyMesh bans an account after 4 failed logins, so "one probe while the credentials are unproven" must
 * hold across replicas, not per process: four servers sharing one Redis make exactly one call with a wrong
 * password between them, and all refuse after it. With Redis down, an unproven account is refused rather
 * than probed (a second probe could be the one that trips the ban).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import type { RunningProxyGraph } from '../../src/app';
import type { AccountConfig } from '../../src/config/schema';
import { startProxyMeshSimulator, type ProxyMeshSimulator } from '../../src/simulators/proxymesh';
import { startTestProxyGraph } from '../support/proxygraph';
import { errorCodes, GraphQLTestClient } from '../support/graphql-client';
import { deadRedisUrl } from '../support/redis-outage';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const keyPrefix = `pgtest:breaker:${randomUUID().slice(0, 8)}:`;
const ACCOUNT = `query($id: ID!) { account(id: $id) { servers { hostname } } }`;
const IPS = `query($id: ID!) { account(id: $id) { ipAuthorizations { ip } } }`;

let proxymesh: ProxyMeshSimulator;
const servers: RunningProxyGraph[] = [];

const wrongPassword = (sim: ProxyMeshSimulator): AccountConfig => ({
  id: 'pm-bad',
  provider: 'proxymesh',
  baseUrl: sim.origin,
  credentials: { username: sim.credentials.username, password: 'definitely-not-the-password' },
});

before(async () => {
  proxymesh = await startProxyMeshSimulator({ seed: 5 });
});
after(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await proxymesh?.stop();
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const keys = await redis.keys(`${keyPrefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe('four replicas sharing one Redis', () => {
  let clients: GraphQLTestClient[];
  before(async () => {
    const started = await Promise.all([0, 1, 2, 3].map(() => startTestProxyGraph([wrongPassword(proxymesh)], { redis: { url: REDIS_URL, keyPrefix } })));
    servers.push(...started);
    clients = started.map((server) => new GraphQLTestClient(server.url));
  });

  test('concurrent queries through all four with a wrong password cost exactly one failed login at ProxyMesh', async () => {
    proxymesh.server.resetCalls();
    const results = await Promise.all(Array.from({ length: 40 }, (_, index) => clients[index % 4].request(index % 3 === 0 ? IPS : ACCOUNT, { id: 'pm-bad' })));
    for (const result of results) assert.deepEqual(errorCodes(result), ['PROVIDER_AUTH_FAILED']);
    assert.equal(proxymesh.authFailureCount(), 1);
    assert.equal(proxymesh.server.calls.length, 1);
    assert.equal(proxymesh.isBanned(), false);
  });

  test('afterwards every replica refuses without calling ProxyMesh', async () => {
    proxymesh.server.resetCalls();
    const results = await Promise.all(clients.map((client) => client.request(ACCOUNT, { id: 'pm-bad' })));
    for (const result of results) assert.deepEqual(errorCodes(result), ['PROVIDER_AUTH_FAILED']);
    assert.equal(proxymesh.server.calls.length, 0);
  });
});

describe('Redis down while the credentials are unproven', () => {
  test('ProxyMesh calls are refused as PROVIDER_UNAVAILABLE without a login attempt', async () => {
    const server = await startTestProxyGraph([wrongPassword(proxymesh)], { redis: { url: await deadRedisUrl(), keyPrefix } });
    servers.push(server);
    proxymesh.server.resetCalls();
    const failuresBefore = proxymesh.authFailureCount();
    const client = new GraphQLTestClient(server.url);
    const results = await Promise.all(Array.from({ length: 5 }, () => client.request(ACCOUNT, { id: 'pm-bad' })));
    for (const result of results) assert.deepEqual(errorCodes(result), ['PROVIDER_UNAVAILABLE']);
    assert.equal(proxymesh.server.calls.length, 0);
    assert.equal(proxymesh.authFailureCount(), failuresBefore);
  });
});
