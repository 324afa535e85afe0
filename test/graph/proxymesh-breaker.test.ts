/**
 * ProxyMesh bans an account for 3 hours after 4 authentication failures. ProxyGraph's credential breaker
 * makes sure a wrong password costs one failure: the first 401 opens it, and until the configuration
 * changes or an admin resets it, no call is made with those credentials.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { startProxyGraph } from '../../src/app';
import type { AccountConfig } from '../../src/config/schema';
import { startProxyMeshHarness, PROXYMESH_ACCOUNT_ID, type ProxyMeshHarness } from '../support/proxymesh-harness';
import { errorCodes, GraphQLTestClient } from '../support/graphql-client';
import { ProxyMeshAccountDocument, ProxyMeshIpAuthorizationsDocument, ProxyMeshResetCredentialsDocument } from '../generated/graphql';

const BAD_ACCOUNT_ID = 'pm-bad';
const WRONG_PASSWORD = 'definitely-the-wrong-password';
let harness: ProxyMeshHarness;

function badAccount(origin: string, username: string, password = WRONG_PASSWORD): AccountConfig {
  return { id: BAD_ACCOUNT_ID, provider: 'proxymesh', baseUrl: origin, credentials: { username, password } };
}

before(async () => {
  harness = await startProxyMeshHarness({ extraAccounts: (sim) => [badAccount(sim.origin, sim.credentials.username)] });
});
after(async () => {
  await harness?.stop();
});

describe('ProxyMesh credential breaker', () => {
  test('100 concurrent queries with a wrong password cost exactly one authentication failure at ProxyMesh', async () => {
    harness.proxymesh.server.resetCalls();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        index % 2 === 0
          ? harness.client.request(ProxyMeshAccountDocument, { id: BAD_ACCOUNT_ID })
          : harness.client.request(ProxyMeshIpAuthorizationsDocument, { id: BAD_ACCOUNT_ID }),
      ),
    );
    for (const result of results) {
      assert.ok(result.errors.length >= 1);
      assert.ok(errorCodes(result).every((code) => code === 'PROVIDER_AUTH_FAILED'));
      assert.equal(result.errors[0].extensions?.accountId, BAD_ACCOUNT_ID);
      assert.ok(!JSON.stringify(result).includes(WRONG_PASSWORD));
    }
    assert.equal(harness.proxymesh.authFailureCount(), 1);
    assert.equal(harness.proxymesh.server.calls.length, 1);
    assert.equal(harness.proxymesh.isBanned(), false);
  });

  test('the good account on the same ProxyMesh login keeps working', async () => {
    const data = await harness.client.data(ProxyMeshAccountDocument, { id: PROXYMESH_ACCOUNT_ID });
    assert.ok(data.account!.servers!.length > 0);
  });

  test('while open, calls fail fast with no HTTP request, and /ready reports the open breaker', async () => {
    harness.proxymesh.server.resetCalls();
    for (let attempt = 0; attempt < 5; attempt++) {
      const result = await harness.client.request(ProxyMeshAccountDocument, { id: BAD_ACCOUNT_ID });
      assert.deepEqual(errorCodes(result), ['PROVIDER_AUTH_FAILED']);
    }
    assert.equal(harness.proxymesh.server.calls.length, 0);
    const ready = (await (await fetch(`${harness.proxygraph.opsUrl}/ready`)).json()) as {
      accounts: Array<{ id: string; credentialBreakerOpen: boolean }>;
    };
    assert.equal(ready.accounts.find((account) => account.id === BAD_ACCOUNT_ID)!.credentialBreakerOpen, true);
    assert.equal(ready.accounts.find((account) => account.id === PROXYMESH_ACCOUNT_ID)!.credentialBreakerOpen, false);
  });

  test('resetProviderCredentials closes the breaker: the credentials are tried exactly once more', async () => {
    const reset = await harness.client.data(ProxyMeshResetCredentialsDocument, { accountId: BAD_ACCOUNT_ID });
    assert.equal(reset.resetProviderCredentials.id, BAD_ACCOUNT_ID);
    harness.proxymesh.server.resetCalls();
    const results = await Promise.all(Array.from({ length: 10 }, () => harness.client.request(ProxyMeshAccountDocument, { id: BAD_ACCOUNT_ID })));
    assert.ok(results.every((result) => errorCodes(result).includes('PROVIDER_AUTH_FAILED')));
    assert.equal(harness.proxymesh.server.calls.length, 1);
    assert.equal(harness.proxymesh.authFailureCount(), 2);
    assert.equal(harness.proxymesh.isBanned(), false);
  });

  test('the open breaker survives a restart with the same credentials, and corrected credentials start closed', async () => {
    const { proxymesh, store } = harness;
    const start = (account: AccountConfig) =>
      startProxyGraph({
        config: { accounts: [account], auth: { mode: 'none' } },
        port: 0,
        opsPort: 0,
        host: '127.0.0.1',
        logger: pino({ level: 'silent' }),
        stateStore: store,
      });
    proxymesh.server.resetCalls();
    const same = await start(badAccount(proxymesh.origin, proxymesh.credentials.username));
    try {
      const result = await new GraphQLTestClient(same.url).request(ProxyMeshAccountDocument, { id: BAD_ACCOUNT_ID });
      assert.deepEqual(errorCodes(result), ['PROVIDER_AUTH_FAILED']);
      assert.equal(proxymesh.server.calls.length, 0);
    } finally {
      await same.stop();
    }
    const fixed = await start(badAccount(proxymesh.origin, proxymesh.credentials.username, proxymesh.credentials.password));
    try {
      const data = await new GraphQLTestClient(fixed.url).data(ProxyMeshAccountDocument, { id: BAD_ACCOUNT_ID });
      assert.ok(data.account!.servers!.length > 0);
    } finally {
      await fixed.stop();
    }
  });
});

describe('ProxyMesh bearer-token accounts', () => {
  test('an account configured with a bearer token reads through Authorization: Bearer', async () => {
    const bearer = await startProxyMeshHarness({ bearer: true });
    try {
      const data = await bearer.client.data(ProxyMeshAccountDocument, { id: PROXYMESH_ACCOUNT_ID });
      assert.ok(data.account!.servers!.length > 0);
      assert.equal(data.account!.profile!.name, null);
      assert.equal(bearer.proxymesh.authFailureCount(), 0);
    } finally {
      await bearer.stop();
    }
  });

  test('a wrong bearer token also costs one failure, however many queries follow', async () => {
    const wrong = await startProxyMeshHarness({
      extraAccounts: (sim) => [{ id: BAD_ACCOUNT_ID, provider: 'proxymesh', baseUrl: sim.origin, credentials: { bearerToken: 'pm_wrong_token' } }],
    });
    try {
      for (let attempt = 0; attempt < 10; attempt++) {
        const result = await wrong.client.request(ProxyMeshAccountDocument, { id: BAD_ACCOUNT_ID });
        assert.deepEqual(errorCodes(result), ['PROVIDER_AUTH_FAILED']);
        assert.ok(!JSON.stringify(result).includes('pm_wrong_token'));
      }
      assert.equal(wrong.proxymesh.authFailureCount(), 1);
    } finally {
      await wrong.stop();
    }
  });
});
