/**
 * Subscriptions for a federated router over its HTTP callback protocol: a fake router receives the
 * `check`, each event (`next`) and the end (`complete`) as POSTs. Only a request carrying the router secret
 * may name a callback URL: ProxyGraph would POST wherever it is told.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestProxyGraph } from '../support/proxygraph';
import { eventually, livePolls } from '../support/subscriptions';
import type { RunningProxyGraph } from '../../src/app';
import { startWebshareSimulator, type WebshareSimulator } from '../../src/simulators/webshare';

const ROUTER_SECRET = 'router-secret-0123456789abcdef';
interface CallbackMessage {
  kind: string;
  action: 'check' | 'next' | 'complete' | 'heartbeat';
  id: string;
  verifier: string;
  payload?: { data?: { proxyStatusChanged?: { proxy: { id: string }; status: string } } };
}

let webshare: WebshareSimulator;
let proxygraph: RunningProxyGraph;
let router: http.Server;
let callbackUrl: string;
const received: CallbackMessage[] = [];

before(async () => {
  webshare = await startWebshareSimulator({ seed: 17, rateLimits: false, proxyCount: 10 });
  proxygraph = await startTestProxyGraph([{ id: 'ws', provider: 'webshare', baseUrl: webshare.origin, credentials: { token: webshare.credentials.token } }], {
    server: { routerSecret: ROUTER_SECRET, live: { pollIntervalSeconds: { proxies: 1 } } },
  });
  router = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push(JSON.parse(body) as CallbackMessage);
      res.writeHead(204, { 'subscription-protocol': 'callback/1.0' }).end();
    });
  });
  await new Promise<void>((resolve) => router.listen(0, '127.0.0.1', resolve));
  callbackUrl = `http://127.0.0.1:${(router.address() as AddressInfo).port}/callback`;
});

after(async () => {
  await proxygraph?.stop();
  await webshare?.stop();
  await new Promise((resolve) => router?.close(resolve));
});

function subscribeOverCallback(subscriptionId: string, headers: Record<string, string>) {
  return fetch(proxygraph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({
      query: 'subscription { proxyStatusChanged(accountIds: ["ws"]) { proxy { id } status } }',
      extensions: { subscription: { callbackUrl, subscriptionId, verifier: `verifier-${subscriptionId}`, heartbeatIntervalMs: 0 } },
    }),
  });
}

test('a request without the router secret may not name a callback URL, and nothing is called back', async () => {
  const response = await subscribeOverCallback('intruder', {});
  const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
  assert.equal(body.errors?.[0].extensions?.code, 'FORBIDDEN');
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(received.filter((message) => message.id === 'intruder').length, 0);
});

test('the router receives the check, then each status change as a next message', async () => {
  const start = await livePolls(proxygraph.opsUrl, 'proxies', 'ws');
  const response = await subscribeOverCallback('sub-1', { 'x-router-secret': ROUTER_SECRET });
  assert.equal(response.status, 200);
  assert.deepEqual(
    received.filter((message) => message.id === 'sub-1').map((message) => message.action),
    ['check'],
  );
  assert.equal(received[0].verifier, 'verifier-sub-1');
  await eventually(
    () => livePolls(proxygraph.opsUrl, 'proxies', 'ws'),
    (polls) => polls.ok >= start.ok + 2,
  );

  const page = (await (
    await fetch(proxygraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ account(id: "ws") { proxies(first: 1) { edges { node { id } } } } }' }),
    })
  ).json()) as { data: { account: { proxies: { edges: Array<{ node: { id: string } }> } } } };
  const proxyId = page.data.account.proxies.edges[0].node.id;
  webshare.setProxyValidity(Buffer.from(proxyId, 'base64url').toString('utf8').split(':')[2].split('@')[0], false);

  const next = await eventually(
    async () => received.filter((message) => message.id === 'sub-1' && message.action === 'next'),
    (messages) => messages.length >= 1,
  );
  assert.deepEqual(next[0].payload?.data?.proxyStatusChanged, { proxy: { id: proxyId }, status: 'DOWN' });
});
