/**
 * The audit log shared through Redis (the local Redis at REDIS_URL, a unique key prefix, keys deleted
 * after): a write made through one replica is in the log another replica reads.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { startTestProxyGraph } from '../support/proxygraph';
import { GraphQLTestClient } from '../support/graphql-client';
import type { RunningProxyGraph } from '../../src/app';
import { startWebshareSimulator, type WebshareSimulator } from '../../src/simulators/webshare';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const keyPrefix = `pgtest:audit:${randomUUID().slice(0, 8)}:`;
let redis: Redis;
let webshare: WebshareSimulator;
const servers: RunningProxyGraph[] = [];

before(async () => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  webshare = await startWebshareSimulator({ seed: 12, rateLimits: false });
  const accounts = [{ id: 'ws', provider: 'webshare' as const, baseUrl: webshare.origin, credentials: { token: webshare.credentials.token } }];
  servers.push(...(await Promise.all([0, 1].map(() => startTestProxyGraph(accounts, { redis: { url: REDIS_URL, keyPrefix } })))));
});
after(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await webshare?.stop();
  const keys = await redis.keys(`${keyPrefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

test('a write through one replica is in the audit log read through the other, newest first', async () => {
  const [first, second] = servers.map((server) => new GraphQLTestClient(server.url));
  await first.data('mutation One { authorizeIp(input: { ip: "31.14.15.71", accountIds: ["ws"] }) { ok } }');
  await second.data('mutation Two { authorizeIp(input: { ip: "31.14.15.72", accountIds: ["ws"] }) { ok } }');
  const page = await second.data<{ auditLog: { edges: Array<{ node: { operation: string; targets: string[]; outcome: string } }> } }, unknown>(
    '{ auditLog(first: 10) { edges { node { operation targets outcome } } } }',
  );
  assert.deepEqual(
    page.auditLog.edges.map((edge) => edge.node),
    [
      { operation: 'Two', targets: ['31.14.15.72'], outcome: 'OK' },
      { operation: 'One', targets: ['31.14.15.71'], outcome: 'OK' },
    ],
  );
});
