/**
 * One graph across an estate of four providers: exact capabilities, one merged proxy connection, IP
 * authorization across accounts with one result each, usage totals, and partial failure — each provider's
 * simulator failing in turn leaves every other account's data plus one typed error.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEstateHarness, ESTATE_ACCOUNTS, type EstateHarness, type EstateProvider } from '../support/estate-harness';
import { errorCodes } from '../support/graphql-client';
import {
  EstateAccountProxyCountsDocument,
  EstateAccountsDocument,
  EstateAuthorizeIpDocument,
  EstateIpAuthorizationsDocument,
  EstateOverviewDocument,
  EstateProxiesDocument,
  EstateRevokeIpDocument,
  EstateUsageDocument,
} from '../generated/graphql';
import { FIXTURES, capabilitiesOf } from '../contract/fixtures';

let estate: EstateHarness;
before(async () => {
  estate = await startEstateHarness();
});
after(() => estate?.stop());

describe('capabilities', () => {
  test("each account reports exactly its provider's capabilities, in configuration order", async () => {
    const data = await estate.client.data(EstateAccountsDocument, {});
    assert.deepEqual(
      data.accounts.map((account) => account.id),
      ['ws', 'pm', 'wp', 'ping'],
    );
    for (const account of data.accounts) {
      const { provider } = FIXTURES.find((fixture) => fixture.accountId === account.id)!;
      assert.deepEqual([...account.capabilities].sort(), capabilitiesOf(provider), account.id);
    }
  });

  test("a field a provider cannot serve is null with UNSUPPORTED_BY_PROVIDER on that account's path only", async () => {
    const result = await estate.client.request('{ accounts { id dnsOverrides { id } } }');
    const accounts = (result.data as { accounts: Array<{ id: string; dnsOverrides: unknown[] | null }> }).accounts;
    assert.ok(Array.isArray(accounts.find((account) => account.id === 'wp')!.dnsOverrides));
    for (const id of ['ws', 'pm', 'ping']) assert.equal(accounts.find((account) => account.id === id)!.dnsOverrides, null);
    assert.deepEqual(errorCodes(result), ['UNSUPPORTED_BY_PROVIDER', 'UNSUPPORTED_BY_PROVIDER', 'UNSUPPORTED_BY_PROVIDER']);
    assert.deepEqual(result.errors.map((error) => error.path![1]).sort(), [0, 1, 3]);
  });
});

describe('Query.proxies across accounts', () => {
  test("walking every page visits each account's proxies once, in configuration order, and totalCount is the sum of the accounts' totals", async () => {
    const perAccount = await estate.client.data(EstateAccountProxyCountsDocument, {});
    const expectedTotal = perAccount.accounts.reduce((sum, account) => sum + account.proxies!.totalCount!, 0);
    const seen: Array<{ id: string; account: string }> = [];
    let after: string | null | undefined;
    let pages = 0;
    let firstTotal: number | null | undefined;
    do {
      const data = await estate.client.data(EstateProxiesDocument, { first: 100, after });
      firstTotal ??= data.proxies.totalCount;
      assert.equal(data.proxies.totalCount, expectedTotal);
      seen.push(...data.proxies.edges.map((edge) => ({ id: edge.node.id, account: edge.node.account.id })));
      after = data.proxies.pageInfo.hasNextPage ? data.proxies.pageInfo.endCursor : null;
      pages += 1;
    } while (after && pages < 20);
    assert.equal(seen.length, expectedTotal);
    assert.equal(new Set(seen.map((proxy) => proxy.id)).size, expectedTotal);
    const order = seen.map((proxy) => proxy.account).filter((account, index, all) => all[index - 1] !== account);
    assert.deepEqual(order, ['ws', 'pm', 'wp', 'ping']);
  });

  test('filters narrow every account: a country keeps only that country, a provider keeps only its accounts', async () => {
    const us = await estate.client.data(EstateProxiesDocument, { first: 100, filter: { countries: ['us'] } });
    assert.ok(us.proxies.edges.length > 0);
    assert.ok(us.proxies.edges.every((edge) => edge.node.country === 'US'));
    const wonder = await estate.client.data(EstateProxiesDocument, { first: 100, filter: { providers: ['WONDERPROXY'] } });
    assert.ok(wonder.proxies.edges.length > 0);
    assert.ok(wonder.proxies.edges.every((edge) => edge.node.account.id === 'wp' && edge.node.provider === 'WONDERPROXY'));
  });
});

describe('IP authorization across accounts', () => {
  const ip = '198.51.100.42';

  test('authorizeIp without accountIds gives one result per account that supports it, and a repeat reports alreadyDone', async () => {
    const first = await estate.client.data(EstateAuthorizeIpDocument, { input: { ip } });
    const byAccount = new Map(first.authorizeIp.map((result) => [result.account.id, result]));
    assert.deepEqual([...byAccount.keys()].sort(), ['ping', 'pm', 'wp', 'ws']);
    for (const id of ['ws', 'pm', 'ping']) {
      assert.equal(byAccount.get(id)!.ok, true, id);
      assert.equal(byAccount.get(id)!.ipAuthorization!.ip, ip);
    }
    // WonderProxy needs a user and an expiry: its result is a typed error, the others are unaffected.
    assert.equal(byAccount.get('wp')!.ok, false);
    assert.equal(byAccount.get('wp')!.error!.code, 'BAD_USER_INPUT');

    const again = await estate.client.data(EstateAuthorizeIpDocument, { input: { ip, accountIds: ['ws', 'pm', 'ping'] } });
    assert.ok(again.authorizeIp.every((result) => result.ok && result.alreadyDone));
  });

  test('Query.ipAuthorizations filtered by ip finds it on each account; revokeIp removes it everywhere', async () => {
    const listed = await estate.client.data(EstateIpAuthorizationsDocument, { filter: { ip } });
    assert.deepEqual(listed.ipAuthorizations.map((entry) => entry.account.id).sort(), ['ping', 'pm', 'ws']);
    const revoked = await estate.client.data(EstateRevokeIpDocument, { ip, accountIds: ['ws', 'pm', 'ping'] });
    assert.ok(revoked.revokeIp.every((result) => result.ok));
    const after = await estate.client.data(EstateIpAuthorizationsDocument, { filter: { ip } });
    assert.deepEqual(after.ipAuthorizations, []);
  });
});

describe('DNS overrides across accounts', () => {
  test("Query.dnsOverrides lists WonderProxy's entries; naming an account that has none is UNSUPPORTED_BY_PROVIDER, not an empty list", async () => {
    const all = await estate.client.request('{ dnsOverrides { id account { id } } }');
    assert.deepEqual(all.errors, []);
    const entries = (all.data as { dnsOverrides: Array<{ account: { id: string } }> }).dnsOverrides;
    assert.ok(entries.length > 0 && entries.every((entry) => entry.account.id === 'wp'));
    const named = await estate.client.request('{ dnsOverrides(filter: { accountIds: ["ws", "wp"] }) { id account { id } } }');
    assert.deepEqual(errorCodes(named), ['UNSUPPORTED_BY_PROVIDER']);
    assert.equal(named.errors[0].extensions?.accountId, 'ws');
    assert.equal((named.data as { dnsOverrides: unknown[] }).dnsOverrides.length, entries.length);
  });
});

describe('usage across accounts', () => {
  test('usage lists every account, marks ProxyMesh unsupported, and gives each period its own total', async () => {
    const data = await estate.client.data(EstateUsageDocument, {});
    const byAccount = new Map(data.usage.accounts.map((entry) => [entry.account.id, entry]));
    assert.equal(byAccount.get('pm')!.supported, false);
    assert.equal(byAccount.get('pm')!.notInTotalsBecause, 'UNSUPPORTED');
    const used = ['ws', 'wp', 'ping'].map((id) => byAccount.get(id)!.usage!.bandwidthUsedBytes!);
    assert.ok(used.every((bytes) => bytes > 0));
    // Webshare's and WonderProxy's billing periods and Ping's lifetime are three periods: three totals.
    assert.deepEqual(
      data.usage.totalsByPeriod.map((total) => [total.accounts.map((account) => account.id), total.usage.period, total.usage.bandwidthUsedBytes]),
      [
        [['ws'], 'BILLING_PERIOD', used[0]],
        [['wp'], 'BILLING_PERIOD', used[1]],
        [['ping'], 'LIFETIME', used[2]],
      ],
    );
  });
});

describe('partial failure', () => {
  for (const provider of Object.keys(ESTATE_ACCOUNTS) as EstateProvider[]) {
    const failing = ESTATE_ACCOUNTS[provider];
    test(`with the ${provider} simulator failing, every other account still answers (a proxy page stops at it) and each error names ${failing}`, async () => {
      const simulator = estate.simulators[provider];
      simulator.server.injectFault({ status: 503, body: { error: 'unavailable' } });
      try {
        const result = await estate.client.request(EstateOverviewDocument, {});
        assert.ok(result.errors.length >= 1, 'expected at least one error');
        for (const error of result.errors) {
          if (error.extensions?.code === 'UNSUPPORTED_BY_PROVIDER') continue;
          assert.equal(error.extensions?.accountId, failing, JSON.stringify(error));
          assert.equal(error.extensions?.code, 'PROVIDER_UNAVAILABLE');
        }
        const data = result.data!;
        assert.deepEqual(
          data.accounts.map((account) => account.id),
          ['ws', 'pm', 'wp', 'ping'],
        );
        const others = ['ws', 'pm', 'wp', 'ping'].filter((id) => id !== failing);
        const withIps = new Set(data.ipAuthorizations.map((entry) => entry.account.id));
        const withProxies = new Set(data.proxies.edges.map((edge) => edge.node.account.id));
        assert.ok(!withIps.has(failing) && !withProxies.has(failing));
        // The first page holds 100 proxies, Webshare's 250 fill it; when Webshare fails the page stops there
        // (empty: a page across accounts never skips a failed account, the next page retries it).
        if (failing === 'ws') assert.equal(data.proxies.edges.length, 0);
        else assert.ok(withProxies.has('ws'));
        for (const id of others) assert.ok(withIps.has(id), `${id} lost its IP authorizations`);
      } finally {
        simulator.server.clearFaults();
      }
    });
  }
});

describe('rate budgets', () => {
  test('Ping calls beyond its 10/s budget wait for a slot instead of earning a 429, and the waits show in /metrics', async () => {
    const baseUrl = estate.proxygraph.opsUrl;
    const waits = async () => {
      const text = await (await fetch(`${baseUrl}/metrics`)).text();
      return Number(/proxygraph_upstream_rate_limit_wait_seconds_count\{provider="pingproxies",account_id="ping"\} (\d+)/.exec(text)?.[1] ?? 0);
    };
    const before = await waits();
    // Twelve requests at once, each reading a different proxy user (distinct reads cannot be shared): past the
    // 9-call burst, calls wait for a slot.
    estate.simulators.pingproxies.server.resetCalls();
    const subUserId = (index: number) => Buffer.from(`SubUser:ping:nobody_waiting_${String(index).padStart(2, '0')}`).toString('base64url');
    await Promise.all(Array.from({ length: 12 }, (_, index) => estate.client.data(`{ subUser(id: "${subUserId(index)}") { id } }`)));
    assert.ok(estate.simulators.pingproxies.server.calls.length >= 12);
    assert.equal(estate.simulators.pingproxies.server.calls.filter((call) => call.status === 429).length, 0);
    assert.ok((await waits()) > before);
  });
});

describe('HTTP caching', () => {
  async function cacheControl(query: string): Promise<string | null> {
    const response = await fetch(estate.proxygraph.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { errors?: unknown[] };
    assert.equal(body.errors, undefined);
    return response.headers.get('cache-control');
  }

  test('provider catalogues carry a private 300 s cache hint; account data is never cacheable', async () => {
    assert.equal(await cacheControl('{ countryPools(accountId: "pm") { pool country count } }'), 'max-age=300, private');
    assert.equal(await cacheControl('{ networkServers(provider: WONDERPROXY) { hostname title } }'), 'max-age=300, private');
    assert.equal(await cacheControl('{ accounts { id } }'), 'no-store');
  });
});
