/**
 * The error taxonomy as a client sees it: provider answers mapped to typed codes, invalid input refused
 * before any upstream call, unsupported operations typed, and no secret in any error.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, WEBSHARE_ACCOUNT_ID, type Harness } from '../support/harness';
import { errorCodes } from '../support/graphql-client';
import {
  AccountOverviewDocument,
  AccountProxiesDocument,
  AccountsDocument,
  AccountUnsupportedFieldsDocument,
  AuthorizeIpDocument,
  CreateDnsOverrideDocument,
  CreateSubUserDocument,
  DeleteSubUserDocument,
  ProxyByIdDocument,
  ReplaceProxiesDocument,
  SetSubUserActiveDocument,
  SubUserByIdDocument,
  UpdateProxyCredentialsDocument,
} from '../generated/graphql';

const BAD_TOKEN = 'not-the-right-token-0123456789';
let harness: Harness;

before(async () => {
  harness = await startHarness({
    extraAccounts: (webshare) => [{ id: 'ws-bad', provider: 'webshare', baseUrl: webshare.origin, credentials: { token: BAD_TOKEN } }],
  });
});

after(async () => {
  await harness?.stop();
});

beforeEach(() => {
  harness.webshare.server.resetCalls();
  harness.webshare.server.clearFaults();
});

function subUserId(nativeId: string): string {
  return Buffer.from(`SubUser:${WEBSHARE_ACCOUNT_ID}:${nativeId}`).toString('base64url');
}

describe('provider answers become typed errors', () => {
  test('a rejected token is PROVIDER_AUTH_FAILED for that account, and the token appears nowhere in the response', async () => {
    const result = await harness.client.request(AccountOverviewDocument, { id: 'ws-bad' });
    assert.ok(errorCodes(result).every((code) => code === 'PROVIDER_AUTH_FAILED'));
    assert.ok(result.errors.length >= 1);
    assert.equal(result.errors[0].extensions?.accountId, 'ws-bad');
    assert.equal(result.errors[0].extensions?.provider, 'WEBSHARE');
    assert.ok(!JSON.stringify(result).includes(BAD_TOKEN));
  });

  test('one failing account does not hide the other account in a cross-account list', async () => {
    const result = await harness.client.request(`{ accounts { id plan { proxyCount } } }`);
    const accounts = (result.data as { accounts: Array<{ id: string; plan: { proxyCount: number } | null }> }).accounts;
    assert.equal(accounts.find((account) => account.id === WEBSHARE_ACCOUNT_ID)!.plan!.proxyCount > 0, true);
    assert.equal(accounts.find((account) => account.id === 'ws-bad')!.plan, null);
    assert.deepEqual(errorCodes(result), ['PROVIDER_AUTH_FAILED']);
    assert.deepEqual(result.errors[0].path, ['accounts', 1, 'plan']);
  });

  test('deleting a sub-user Webshare does not know (its 404) removes nothing and says so', async () => {
    const result = await harness.client.request(DeleteSubUserDocument, { id: subUserId('987654') });
    assert.deepEqual(result.errors, []);
    assert.equal(result.data?.deleteSubUser.deleted, false);
  });

  test('deleting a sub-user of an account that does not exist is NOT_FOUND', async () => {
    const result = await harness.client.request(DeleteSubUserDocument, { id: Buffer.from('SubUser:nope:12').toString('base64url') });
    assert.deepEqual(errorCodes(result), ['NOT_FOUND']);
    assert.equal(result.errors[0].extensions?.accountId, 'nope');
  });

  test('a sub-user id Webshare does not know reads as null', async () => {
    const data = await harness.client.data(SubUserByIdDocument, { id: subUserId('987654') });
    assert.equal(data.subUser, null);
  });

  test("a provider 400 with field errors is BAD_USER_INPUT carrying the provider's fields", async () => {
    harness.webshare.server.injectFault({
      endpoint: 'PATCH /api/v2/proxy/config/',
      status: 400,
      body: { password: [{ message: 'This password is too common.', code: 'password_too_common' }] },
      times: 1,
    });
    const result = await harness.client.request(UpdateProxyCredentialsDocument, {
      accountId: WEBSHARE_ACCOUNT_ID,
      input: { password: 'password123' },
    });
    assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT']);
    assert.deepEqual(result.errors[0].extensions?.fields, { password: ['This password is too common.'] });
    assert.ok(!JSON.stringify(result).includes('password123'));
  });

  test('a provider 5xx is PROVIDER_UNAVAILABLE', async () => {
    harness.webshare.server.injectFault({ endpoint: 'GET /api/v2/profile/', status: 503, body: { detail: 'Service unavailable.' } });
    const result = await harness.client.request(AccountOverviewDocument, { id: WEBSHARE_ACCOUNT_ID });
    assert.ok(errorCodes(result).includes('PROVIDER_UNAVAILABLE'));
  });

  test('a dropped connection is PROVIDER_UNAVAILABLE, not an internal error', async () => {
    harness.webshare.server.injectFault({ endpoint: 'GET /api/v2/proxy/list/', kind: 'reset' });
    const result = await harness.client.request(AccountProxiesDocument, { id: WEBSHARE_ACCOUNT_ID, first: 5 });
    assert.deepEqual(errorCodes(result), ['PROVIDER_UNAVAILABLE']);
  });
});

describe('rate limits', () => {
  test("past Webshare's budget the answer is RATE_LIMITED with retryAfterSeconds", async () => {
    const limited = await startHarness({ webshare: { rateLimits: { generalPerMinute: 3, proxyListPerMinute: 2 } } });
    try {
      const codes: string[] = [];
      let retryAfter: unknown;
      for (let attempt = 0; attempt < 4; attempt++) {
        const result = await limited.client.request(AccountProxiesDocument, { id: WEBSHARE_ACCOUNT_ID, first: 5 });
        codes.push(...errorCodes(result));
        retryAfter ??= result.errors.find((error) => error.extensions?.code === 'RATE_LIMITED')?.extensions?.retryAfterSeconds;
      }
      assert.ok(codes.includes('RATE_LIMITED'));
      assert.equal(typeof retryAfter, 'number');
      assert.ok((retryAfter as number) > 0);
    } finally {
      await limited.stop();
    }
  });
});

describe('invalid input is refused before any upstream call', () => {
  const cases: Array<[string, () => Promise<{ errors: Array<{ extensions?: { code?: string } }> }>]> = [
    ['an invalid IP address', () => harness.client.request(AuthorizeIpDocument, { input: { ip: '999.1.1.1' } })],
    ['an expiry in the past', () => harness.client.request(AuthorizeIpDocument, { input: { ip: '192.0.2.1', expiresAt: '2001-01-01T00:00:00Z' } })],
    ['zero max threads', () => harness.client.request(CreateSubUserDocument, { input: { accountId: WEBSHARE_ACCOUNT_ID, label: 'x', maxThreads: 0 } })],
    [
      'a negative bandwidth limit',
      () => harness.client.request(CreateSubUserDocument, { input: { accountId: WEBSHARE_ACCOUNT_ID, label: 'x', bandwidthLimitBytes: -1 } }),
    ],
    ['a malformed country', () => harness.client.request(AccountProxiesDocument, { id: WEBSHARE_ACCOUNT_ID, filter: { countries: ['USA'] } })],
    ['a page size over 100', () => harness.client.request(AccountProxiesDocument, { id: WEBSHARE_ACCOUNT_ID, first: 500 })],
    ['a cursor that was never issued', () => harness.client.request(AccountProxiesDocument, { id: WEBSHARE_ACCOUNT_ID, after: 'bm9wZQ' })],
    ['a malformed proxy id', () => harness.client.request(ProxyByIdDocument, { id: 'definitely not an id' })],
    ['a sub-user id used as a proxy id', () => harness.client.request(ProxyByIdDocument, { id: subUserId('1') })],
    [
      'a proxy password shorter than 8',
      () => harness.client.request(UpdateProxyCredentialsDocument, { accountId: WEBSHARE_ACCOUNT_ID, input: { password: 'short' } }),
    ],
    [
      'ANY used as the proxies to replace',
      () =>
        harness.client.request(ReplaceProxiesDocument, {
          input: { accountId: WEBSHARE_ACCOUNT_ID, toReplace: { type: 'ANY', count: 1 }, replaceWith: [{ type: 'ANY', count: 1 }], dryRun: true },
        }),
    ],
    [
      'an IP range with host bits set',
      () =>
        harness.client.request(ReplaceProxiesDocument, {
          input: {
            accountId: WEBSHARE_ACCOUNT_ID,
            toReplace: { type: 'IP_RANGE', ipRanges: ['1.2.3.4/24'] },
            replaceWith: [{ type: 'ANY', count: 1 }],
            dryRun: true,
          },
        }),
    ],
  ];
  for (const [name, send] of cases) {
    test(`${name} is BAD_USER_INPUT with no upstream call`, async () => {
      const result = await send();
      assert.deepEqual(
        result.errors.map((error) => error.extensions?.code),
        ['BAD_USER_INPUT'],
      );
      assert.equal(harness.webshare.server.calls.length, 0);
    });
  }

  test('an unknown account is NOT_FOUND with no upstream call', async () => {
    const result = await harness.client.request(CreateSubUserDocument, { input: { accountId: 'nope', label: 'x' } });
    assert.deepEqual(errorCodes(result), ['NOT_FOUND']);
    assert.equal(harness.webshare.server.calls.length, 0);
  });
});

describe('operations Webshare cannot serve', () => {
  test('provider-specific account fields resolve to null with UNSUPPORTED_BY_PROVIDER on each path', async () => {
    const result = await harness.client.request(AccountUnsupportedFieldsDocument, { id: WEBSHARE_ACCOUNT_ID });
    assert.deepEqual(result.data, { account: { id: WEBSHARE_ACCOUNT_ID, hostnameAuthorizations: null, dnsOverrides: null, services: null } });
    assert.deepEqual(errorCodes(result), ['UNSUPPORTED_BY_PROVIDER', 'UNSUPPORTED_BY_PROVIDER', 'UNSUPPORTED_BY_PROVIDER']);
    assert.equal(harness.webshare.server.calls.length, 0);
  });

  test("mutations for other providers' features are UNSUPPORTED_BY_PROVIDER with no upstream call", async () => {
    const dns = await harness.client.request(CreateDnsOverrideDocument, {
      input: {
        accountId: WEBSHARE_ACCOUNT_ID,
        server: 'x.example.com',
        hostname: 'example.com',
        ip: '192.0.2.1',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
    });
    assert.deepEqual(errorCodes(dns), ['UNSUPPORTED_BY_PROVIDER']);
    const activation = await harness.client.request(SetSubUserActiveDocument, { id: subUserId('1'), active: false });
    assert.deepEqual(errorCodes(activation), ['UNSUPPORTED_BY_PROVIDER']);
    const listing = await harness.client.request(`{ networkServers(provider: WEBSHARE) { hostname } }`);
    assert.deepEqual(errorCodes(listing), ['UNSUPPORTED_BY_PROVIDER']);
    assert.equal(harness.webshare.server.calls.length, 0);
  });

  test('the accounts query itself never calls a provider', async () => {
    await harness.client.data(AccountsDocument, {});
    assert.equal(harness.webshare.server.calls.length, 0);
  });
});
