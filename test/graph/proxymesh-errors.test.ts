/**
 * ProxyMesh errors as a client sees them: invalid input refused before any upstream call, ProxyMesh's
 * status codes mapped to typed codes, and no credential in any error.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startProxyMeshHarness, proxymeshSubUserId, PROXYMESH_ACCOUNT_ID, type ProxyMeshHarness } from '../support/proxymesh-harness';
import { errorCodes, type GraphQLResult } from '../support/graphql-client';
import {
  AuthorizeIpDocument,
  ProxyMeshAccountDocument,
  ProxyMeshAddHostnameDocument,
  ProxyMeshAuthorizeProxyServerDocument,
  ProxyMeshCreateSubUserDocument,
  ProxyMeshImportSubUserDocument,
  ProxyMeshProxiesDocument,
  ProxyMeshUpdateSubUserDocument,
} from '../generated/graphql';

const GIB = 2 ** 30;
const SUB_ACCOUNT_ID = 'pm-as-sub';
let harness: ProxyMeshHarness;

before(async () => {
  harness = await startProxyMeshHarness({
    // An account configured, by mistake, with a sub-account's own login.
    extraAccounts: (sim) => {
      const sub = [...sim.state.subs.values()].find((entry) => entry.active)!;
      return [{ id: SUB_ACCOUNT_ID, provider: 'proxymesh', baseUrl: sim.origin, credentials: { username: sub.username, password: sub.password } }];
    },
  });
});
after(async () => {
  await harness?.stop();
});
beforeEach(() => {
  harness.proxymesh.server.resetCalls();
  harness.proxymesh.server.clearFaults();
  harness.proxymesh.setRequireHttps(false);
});

function assertRefusedLocally(result: GraphQLResult<unknown>, field?: string): void {
  assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT']);
  if (field)
    assert.ok(
      Object.keys(result.errors[0].extensions?.fields ?? {}).some((name) => name.endsWith(field)),
      JSON.stringify(result.errors[0]),
    );
  assert.equal(harness.proxymesh.server.calls.length, 0);
}

const create = (input: Record<string, unknown>) =>
  harness.client.request(ProxyMeshCreateSubUserDocument, { input: { accountId: PROXYMESH_ACCOUNT_ID, username: 'pm-valid', ...input } });

describe('ProxyMesh input is validated before any upstream call', () => {
  test('usernames: more than 30 characters, or characters outside A-Z a-z 0-9 _ . @ + -, or none at all', async () => {
    assertRefusedLocally(await create({ username: 'a'.repeat(31) }), 'username');
    assertRefusedLocally(await create({ username: 'pm/slash' }), 'username');
    assertRefusedLocally(await create({ username: 'has space' }), 'username');
    assertRefusedLocally(await create({ username: null }), 'username');
  });

  test('passwords over 128 characters, names over 20, malformed or over-long emails', async () => {
    assertRefusedLocally(await create({ password: 'p'.repeat(129) }), 'password');
    assertRefusedLocally(await create({ firstName: 'f'.repeat(21) }), 'firstName');
    assertRefusedLocally(await create({ lastName: 'l'.repeat(21) }), 'lastName');
    assertRefusedLocally(await create({ email: 'not-an-email' }), 'email');
    assertRefusedLocally(await create({ email: `${'e'.repeat(250)}@example.com` }), 'email');
  });

  test('limits must be whole GB (0 = no limit), never negative', async () => {
    assertRefusedLocally(await create({ monthlyBandwidthLimitBytes: GIB + 1 }), 'monthlyBandwidthLimitBytes');
    assertRefusedLocally(await create({ bandwidthLimitBytes: GIB / 2 }), 'bandwidthLimitBytes');
    assertRefusedLocally(await create({ bandwidthLimitBytes: -GIB }), 'bandwidthLimitBytes');
  });

  test('fields ProxyMesh has no place for are refused rather than dropped', async () => {
    assertRefusedLocally(await create({ label: 'a label' }), 'label');
    assertRefusedLocally(await create({ maxThreads: 5 }), 'maxThreads');
    assertRefusedLocally(await create({ proxyCountries: [{ country: 'US', count: 1 }] }), 'proxyCountries');
    const update = await harness.client.request(ProxyMeshUpdateSubUserDocument, { id: proxymeshSubUserId('pm_dennis1'), input: { email: 'bad@' } });
    assertRefusedLocally(update, 'email');
  });

  test('IPs, hostnames, proxy hosts and imported usernames must be well-formed', async () => {
    const ip = await harness.client.request(AuthorizeIpDocument, { input: { ip: '300.1.1.1', accountIds: [PROXYMESH_ACCOUNT_ID] } });
    assertRefusedLocally(ip, 'ip');
    assertRefusedLocally(await harness.client.request(ProxyMeshAddHostnameDocument, { accountId: PROXYMESH_ACCOUNT_ID, hostname: 'not a host' }), 'hostname');
    assertRefusedLocally(await harness.client.request(ProxyMeshAddHostnameDocument, { accountId: PROXYMESH_ACCOUNT_ID, hostname: 'nodot' }), 'hostname');
    assertRefusedLocally(await harness.client.request(ProxyMeshAuthorizeProxyServerDocument, { accountId: PROXYMESH_ACCOUNT_ID, host: 'bad host!' }), 'host');
    assertRefusedLocally(await harness.client.request(ProxyMeshAuthorizeProxyServerDocument, { accountId: PROXYMESH_ACCOUNT_ID, host: 'de:99999' }), 'host');
    assertRefusedLocally(await harness.client.request(ProxyMeshImportSubUserDocument, { accountId: PROXYMESH_ACCOUNT_ID, username: 'pm#bad' }), 'username');
  });

  test('a valid sub-account passes validation and is created', async () => {
    const result = await create({ password: 'p'.repeat(128), firstName: 'f'.repeat(20), email: 'ok@example.com', bandwidthLimitBytes: 3 * GIB });
    assert.deepEqual(result.errors, []);
    assert.equal(harness.proxymesh.server.callCount('POST /api/sub/create/'), 1);
  });
});

describe('ProxyMesh status codes become typed errors', () => {
  test('302 (plain HTTP where HTTPS is required) is PROVIDER_ERROR', async () => {
    harness.proxymesh.setRequireHttps(true);
    const result = await harness.client.request(ProxyMeshProxiesDocument, { id: PROXYMESH_ACCOUNT_ID });
    assert.deepEqual(errorCodes(result), ['PROVIDER_ERROR']);
    assert.equal(result.errors[0].extensions?.provider, 'PROXYMESH');
  });

  test("a 400 form error from ProxyMesh is BAD_USER_INPUT carrying ProxyMesh's field messages", async () => {
    harness.proxymesh.server.injectFault({ endpoint: 'POST /api/sub/edit/', status: 400, body: { email: ['Enter a valid email address.'] } });
    const result = await harness.client.request(ProxyMeshUpdateSubUserDocument, { id: proxymeshSubUserId('pm_dennis1'), input: { email: 'x@example.com' } });
    assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT']);
    assert.deepEqual(result.errors[0].extensions?.fields, { email: ['Enter a valid email address.'] });
  });

  test('500 and a dropped connection are PROVIDER_UNAVAILABLE', async () => {
    harness.proxymesh.server.injectFault({ endpoint: 'GET /api/proxies/', status: 500, body: '<h1>Server Error (500)</h1>' });
    assert.deepEqual(errorCodes(await harness.client.request(ProxyMeshProxiesDocument, { id: PROXYMESH_ACCOUNT_ID })), ['PROVIDER_UNAVAILABLE']);
    harness.proxymesh.server.clearFaults();
    harness.proxymesh.server.injectFault({ endpoint: 'GET /api/proxies/', kind: 'reset' });
    assert.deepEqual(errorCodes(await harness.client.request(ProxyMeshProxiesDocument, { id: PROXYMESH_ACCOUNT_ID })), ['PROVIDER_UNAVAILABLE']);
  });

  test('authenticating as a sub-account is PROVIDER_FORBIDDEN, and (not being a login failure) does not stop further calls', async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const result = await harness.client.request(ProxyMeshAccountDocument, { id: SUB_ACCOUNT_ID });
      assert.deepEqual(errorCodes(result), ['PROVIDER_FORBIDDEN']);
      assert.equal(result.errors[0].extensions?.accountId, SUB_ACCOUNT_ID);
    }
    assert.equal(harness.proxymesh.server.calls.length, 2);
    assert.equal(harness.proxymesh.authFailureCount(), 0);
  });

  test('no error carries the account password or the Authorization header', async () => {
    harness.proxymesh.server.injectFault({ endpoint: 'GET /api/proxies/', status: 503, body: { error: 'Unable to lookup subscription plan.' } });
    const result = await harness.client.request(ProxyMeshAccountDocument, { id: PROXYMESH_ACCOUNT_ID });
    assert.deepEqual(errorCodes(result), ['PROVIDER_UNAVAILABLE']);
    const text = JSON.stringify(result);
    assert.ok(!text.includes(harness.proxymesh.credentials.password));
    assert.ok(!/basic [A-Za-z0-9+/=]{8,}/i.test(text));
  });
});
