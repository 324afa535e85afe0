/**
 * The HTTP surface: liveness and readiness, request ids, CSRF prevention, API-key auth with scopes and
 * account allow-lists, and graceful behaviour for unknown routes.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startHarness, WEBSHARE_ACCOUNT_ID, type Harness } from '../support/harness';
import { errorCodes } from '../support/graphql-client';
import { AccountProxiesDocument, AccountsDocument, AuthorizeIpDocument, ProxySecretsDocument } from '../generated/graphql';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const ADMIN_KEY = 'admin-key-0123456789';
const READER_KEY = 'reader-key-0123456789';
const OTHER_KEY = 'other-account-key-0123';

let harness: Harness;

before(async () => {
  harness = await startHarness({
    auth: {
      mode: 'apiKeys',
      keys: [
        { name: 'admin', sha256: sha256(ADMIN_KEY), scopes: ['read', 'write', 'credentials'], accounts: ['*'] },
        { name: 'reader', sha256: sha256(READER_KEY), scopes: ['read'], accounts: [WEBSHARE_ACCOUNT_ID] },
        { name: 'other', sha256: sha256(OTHER_KEY), scopes: ['read', 'write'], accounts: ['someone-else'] },
      ],
    },
    server: { cors: { origins: ['https://dash.example.com'] } },
  });
});

after(async () => {
  await harness?.stop();
});

describe('health and readiness', () => {
  test('/health answers ok', async () => {
    const response = await fetch(`${harness.baseUrl}/health`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
  });

  test('/ready lists the configured accounts with their capabilities', async () => {
    const response = await fetch(`${harness.proxygraph.opsUrl}/ready`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as { status: string; accounts: Array<{ id: string; provider: string }> };
    assert.equal(body.status, 'ready');
    assert.deepEqual(
      body.accounts.map((account) => [account.id, account.provider]),
      [[WEBSHARE_ACCOUNT_ID, 'webshare']],
    );
  });

  test('every response carries a request id, echoing a valid incoming one', async () => {
    const response = await fetch(`${harness.baseUrl}/health`, { headers: { 'x-request-id': 'trace-123' } });
    assert.equal(response.headers.get('x-request-id'), 'trace-123');
    const generated = await fetch(`${harness.baseUrl}/health`);
    assert.match(generated.headers.get('x-request-id')!, /^[0-9a-f-]{36}$/);
  });

  test('an unknown route is a JSON 404', async () => {
    const response = await fetch(`${harness.baseUrl}/nope`);
    assert.equal(response.status, 404);
  });
});

describe('API-key authentication', () => {
  test('a request without a key is UNAUTHENTICATED with HTTP 401', async () => {
    const result = await harness.client.request(AccountsDocument, {});
    assert.equal(result.status, 401);
    assert.deepEqual(errorCodes(result), ['UNAUTHENTICATED']);
  });

  test('a wrong key is UNAUTHENTICATED', async () => {
    const result = await harness.client.withHeaders({ authorization: 'Bearer wrong-key-xxxxxxxx' }).request(AccountsDocument, {});
    assert.deepEqual(errorCodes(result), ['UNAUTHENTICATED']);
  });

  test('a read-only key reads but cannot write or see passwords', async () => {
    const reader = harness.client.withHeaders({ authorization: `Bearer ${READER_KEY}` });
    const proxies = await reader.data(AccountProxiesDocument, { id: WEBSHARE_ACCOUNT_ID, first: 1 });
    const id = proxies.account!.proxies!.edges[0].node.id;
    const secrets = await reader.request(ProxySecretsDocument, { id });
    // Only the password field is refused; the URLs come without the password (they embed one only under `credentials`).
    assert.deepEqual(errorCodes(secrets), ['FORBIDDEN']);
    const proxy = (secrets.data as { proxy: { password: unknown; url: string; socks: string } }).proxy;
    assert.equal(proxy.password, null);
    assert.match(proxy.url, /^http:\/\/[^:@/]+@[^@]+:\d+$/);
    assert.match(proxy.socks, /^socks5:\/\/[^:@/]+@[^@]+:\d+$/);
    const write = await reader.request(AuthorizeIpDocument, { input: { ip: '192.0.2.9' } });
    assert.deepEqual(errorCodes(write), ['FORBIDDEN']);
  });

  test('a key with the credentials scope sees proxy passwords', async () => {
    const admin = harness.client.withHeaders({ authorization: `Bearer ${ADMIN_KEY}` });
    const proxies = await admin.data(AccountProxiesDocument, { id: WEBSHARE_ACCOUNT_ID, first: 1 });
    const secrets = await admin.data(ProxySecretsDocument, { id: proxies.account!.proxies!.edges[0].node.id });
    assert.ok(secrets.proxy!.password);
  });

  test("accounts outside a key's allow-list are invisible", async () => {
    const other = harness.client.withHeaders({ authorization: `Bearer ${OTHER_KEY}` });
    const data = await other.data(AccountsDocument, {});
    assert.deepEqual(data.accounts, []);
    const direct = await other.request(AccountProxiesDocument, { id: WEBSHARE_ACCOUNT_ID, first: 1 });
    assert.deepEqual(direct.data, { account: null });
    assert.deepEqual(errorCodes(direct), ['NOT_FOUND']);
  });
});

describe('browser safety', () => {
  test('a simple GET without a preflight-forcing header is blocked by CSRF prevention', async () => {
    const response = await fetch(`${harness.proxygraph.url}?query=${encodeURIComponent('{ accounts { id } }')}`);
    assert.equal(response.status, 400);
  });

  test('a CORS preflight from a configured origin is allowed; another origin is not', async () => {
    const allowed = await fetch(harness.proxygraph.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://dash.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://dash.example.com');
    const denied = await fetch(harness.proxygraph.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' },
    });
    assert.equal(denied.headers.get('access-control-allow-origin'), null);
  });
});
