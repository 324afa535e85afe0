/**
 * How many sockets a replica and a caller may hold, and how long one lives (src/http/websocket.ts): at most
 * `server.live.maxConnectionsPerPrincipal` per API key (the next is closed with 4429, other keys unaffected),
 * at most `server.live.maxConnections` in all (503 at the upgrade), a closed socket gives its place back, and
 * a socket opened with a JWT is closed (4403) when the token expires, with every subscription on it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import WebSocket from 'ws';
import { startTestProxyGraph } from '../support/proxygraph';
import { eventually, testSubscriber, wsUrl, type TestSubscriber } from '../support/subscriptions';
import { startIdentityProvider, type TestIdentityProvider } from '../support/identity-provider';
import type { RunningProxyGraph } from '../../src/app';
import { startWebshareSimulator, type WebshareSimulator } from '../../src/simulators/webshare';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const KEYS = { alice: 'alice-key-0123456789abcdef', bob: 'bob-key-0123456789abcdef', carol: 'carol-key-0123456789abcdef' };
const STATUS_CHANGES = 'subscription { proxyStatusChanged(accountIds: ["ws"]) { status } }';

let webshare: WebshareSimulator;
const opened: TestSubscriber[] = [];

before(async () => {
  webshare = await startWebshareSimulator({ seed: 41, rateLimits: false, proxyCount: 5 });
});
after(async () => {
  await Promise.all(opened.map((subscriber) => subscriber.close()));
  await webshare?.stop();
});

const account = () => [{ id: 'ws', provider: 'webshare' as const, baseUrl: webshare.origin, credentials: { token: webshare.credentials.token } }];

/** A subscriber whose socket is open and acknowledged, with one live subscription on it. */
async function connected(url: string, authorization: string) {
  const subscriber = testSubscriber(url, authorization);
  opened.push(subscriber);
  const acknowledged = new Promise<void>((resolve) => subscriber.client.on('connected', () => resolve()));
  const watch = subscriber.subscribe(STATUS_CHANGES);
  // A refused socket ends `watch.done` instead: the caller asserts on it.
  await Promise.race([acknowledged, watch.done.catch(() => undefined)]);
  return { subscriber, watch };
}

/** The HTTP status of a bare WebSocket upgrade (101 when it is accepted). */
async function upgradeStatus(url: string): Promise<number> {
  const socket = new WebSocket(wsUrl(url), 'graphql-transport-ws');
  const status = await new Promise<number>((resolve) => {
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.on('open', () => resolve(101));
    socket.on('error', () => undefined);
  });
  socket.terminate();
  return status;
}

const closeCode = (error: unknown) => (error as { detail?: { code?: number } }).detail?.code;

describe('connection limits', () => {
  let proxygraph: RunningProxyGraph;

  before(async () => {
    proxygraph = await startTestProxyGraph(account(), {
      auth: {
        mode: 'apiKeys',
        keys: Object.entries(KEYS).map(([name, key]) => ({ name, sha256: sha256(key), scopes: ['read' as const], accounts: ['*'] })),
      },
      server: { live: { maxConnectionsPerPrincipal: 2, maxConnections: 3, pollIntervalSeconds: { proxies: 60 } } },
    });
  });
  after(() => proxygraph?.stop());

  test(
    'a key holds at most its connections; the next is closed with 4429, another key still connects, and a closed socket frees its place',
    { timeout: 20_000 },
    async () => {
      const first = await connected(proxygraph.url, `Bearer ${KEYS.alice}`);
      await connected(proxygraph.url, `Bearer ${KEYS.alice}`);
      const third = await connected(proxygraph.url, `Bearer ${KEYS.alice}`);
      await assert.rejects(third.watch.done, (error) => closeCode(error) === 4429);

      const bob = await connected(proxygraph.url, `Bearer ${KEYS.bob}`);
      assert.equal(bob.watch.completed(), false, "another key's subscription stays open");

      // Three sockets are open: the replica's cap. The next upgrade is refused before any WebSocket exists.
      assert.equal(await upgradeStatus(proxygraph.url), 503);

      // The server learns of the close a moment after the client sends it: try until the place is free.
      await first.subscriber.close();
      const again = await eventually(
        () => connected(proxygraph.url, `Bearer ${KEYS.alice}`),
        (attempt) => !attempt.watch.completed(),
        5_000,
      );
      assert.equal(again.watch.completed(), false, 'the closed socket gave its place back');
    },
  );
});

describe('a socket lives no longer than its token', () => {
  let idp: TestIdentityProvider;
  let proxygraph: RunningProxyGraph;

  before(async () => {
    idp = await startIdentityProvider();
    proxygraph = await startTestProxyGraph(account(), {
      auth: { mode: 'jwt', jwksUrl: idp.jwksUrl, issuer: idp.issuer, audience: idp.audience },
      server: { live: { pollIntervalSeconds: { proxies: 60 } } },
    });
  });
  after(async () => {
    await proxygraph?.stop();
    await idp?.stop();
  });

  test('a JWT that expires while its socket is open closes the socket with 4403, ending its subscriptions', { timeout: 20_000 }, async () => {
    const token = await idp.token({ scope: 'read', proxygraph_accounts: ['*'] }, { expiresIn: '2s' });
    const { watch } = await connected(proxygraph.url, `Bearer ${token}`);
    assert.equal(watch.completed(), false, 'accepted while the token is valid');
    await assert.rejects(watch.done, (error) => closeCode(error) === 4403);
  });

  test('a token that stays valid keeps its socket', { timeout: 20_000 }, async () => {
    const token = await idp.token({ scope: 'read', proxygraph_accounts: ['*'] }, { expiresIn: '10m' });
    const { watch } = await connected(proxygraph.url, `Bearer ${token}`);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    assert.equal(watch.completed(), false);
  });
});
