/**
 * WonderProxy failures through the graph: every documented status maps to one code of the taxonomy,
 * a wrong token never leaks, and one failing WonderProxy account does not hide another's data.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startWonderProxyHarness, WONDERPROXY_ACCOUNT_ID, type WonderProxyHarness } from '../support/wonderproxy-harness';
import { errorCodes } from '../support/graphql-client';
import { WonderProxyAccountDocument, WonderProxyClearDnsOverridesDocument, WonderProxyDnsOverridesDocument } from '../generated/graphql';

const BAD_TOKEN = 'wrong-wonderproxy-token-0123456789';
let harness: WonderProxyHarness;

before(async () => {
  harness = await startWonderProxyHarness({
    extraAccounts: (simulator) => [{ id: 'wp-bad', provider: 'wonderproxy', baseUrl: simulator.origin, credentials: { token: BAD_TOKEN } }],
  });
});
after(() => harness?.stop());
beforeEach(() => {
  harness.wonderproxy.server.resetCalls();
  harness.wonderproxy.server.clearFaults();
});

describe('WonderProxy errors', () => {
  test('a token WonderProxy does not recognise is PROVIDER_AUTH_FAILED, and neither it nor its Basic form appears anywhere', async () => {
    const response = await fetch(harness.client.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ account(id: "wp-bad") { plan { name } } }' }),
    });
    const text = await response.text();
    const body = JSON.parse(text) as { errors: Array<{ extensions: { code: string; provider: string; accountId: string } }> };
    assert.deepEqual(
      body.errors.map((error) => [error.extensions.code, error.extensions.provider, error.extensions.accountId]),
      [['PROVIDER_AUTH_FAILED', 'WONDERPROXY', 'wp-bad']],
    );
    assert.ok(!text.includes(BAD_TOKEN));
    assert.ok(!text.includes(Buffer.from(`${BAD_TOKEN}:`).toString('base64')));
  });

  const cases: Array<[number, string]> = [
    [400, 'BAD_USER_INPUT'],
    [401, 'PROVIDER_AUTH_FAILED'],
    [403, 'PROVIDER_FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [405, 'PROVIDER_ERROR'],
    [409, 'CONFLICT'],
    [429, 'RATE_LIMITED'],
    [500, 'PROVIDER_UNAVAILABLE'],
    [503, 'PROVIDER_UNAVAILABLE'],
  ];
  for (const [status, code] of cases) {
    test(`WonderProxy answering ${status} {"message"} is ${code}`, async () => {
      harness.wonderproxy.server.injectFault({
        endpoint: 'DELETE /v0/contract/overrides',
        status,
        body: { message: `simulated ${status}` },
        headers: status === 429 ? { 'retry-after': '17' } : {},
        times: 1,
      });
      const result = await harness.client.request(WonderProxyClearDnsOverridesDocument, { accountId: WONDERPROXY_ACCOUNT_ID });
      assert.deepEqual(errorCodes(result), [code]);
      assert.equal(result.errors[0].extensions!.provider, 'WONDERPROXY');
      if (status === 429) assert.equal(result.errors[0].extensions!.retryAfterSeconds, 17);
    });
  }

  test('a connection reset while reading the contract is PROVIDER_UNAVAILABLE', async () => {
    harness.wonderproxy.server.injectFault({ endpoint: 'GET /v0/contract', kind: 'reset', times: 5 });
    const result = await harness.client.request(WonderProxyAccountDocument, { id: WONDERPROXY_ACCOUNT_ID });
    assert.ok(errorCodes(result).length > 0);
    assert.ok(errorCodes(result).every((code) => code === 'PROVIDER_UNAVAILABLE'));
  });

  test("across accounts, the healthy account's DNS entries come back beside the failing account's error", async () => {
    const result = await harness.client.request(WonderProxyDnsOverridesDocument, {});
    assert.ok(result.data!.dnsOverrides.length >= 1);
    assert.ok(result.data!.dnsOverrides.every((entry) => entry.account.id === WONDERPROXY_ACCOUNT_ID));
    assert.deepEqual(
      result.errors.map((error) => [error.extensions!.code, error.extensions!.accountId]),
      [['PROVIDER_AUTH_FAILED', 'wp-bad']],
    );
  });
});
