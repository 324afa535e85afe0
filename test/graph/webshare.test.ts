/**
 * Every Webshare operation through the graph: GraphQL over HTTP → ProxyGraph → Webshare simulator over HTTP.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, WEBSHARE_ACCOUNT_ID, type Harness } from '../support/harness';
import { errorCodes } from '../support/graphql-client';
import { callsTo, PLAN_BY_ID, PROXY_LIST, webshareGet } from '../support/webshare-api';
import {
  AccountIpAuthorizationsDocument,
  AccountOverviewDocument,
  AccountProxiesDocument,
  AccountReplacementsDocument,
  AccountsDocument,
  AccountSubUsersDocument,
  AuthorizeIpDocument,
  CreateSubUserDocument,
  DeleteSubUserDocument,
  IpAuthorizationsDocument,
  ProxiesWithPlanDocument,
  ProxyByIdDocument,
  ProxyReplacementDocument,
  ProxySecretsDocument,
  RefreshProxyListDocument,
  RefreshSubUserProxiesDocument,
  ReplaceProxiesDocument,
  RevokeIpAuthorizationDocument,
  RevokeIpDocument,
  SubUserByIdDocument,
  SubUserCredentialsDocument,
  UpdateProxyCredentialsDocument,
  UpdateSubUserDocument,
} from '../generated/graphql';
import type { AccountProxiesQuery } from '../generated/graphql';
import type {
  WebshareAggregateStats,
  WebshareIpAuthorization,
  WebsharePage,
  WebsharePlan,
  WebshareProxy,
  WebshareSubscription,
  WebshareSubuser,
} from '../../src/providers/webshare/wire';
import { capabilitiesOf } from '../contract/fixtures';

const GIB = 2 ** 30;
let harness: Harness;

before(async () => {
  harness = await startHarness({ webshare: { proxyCount: 250, replacementDelayMs: 50 } });
});

after(async () => {
  await harness?.stop();
});

beforeEach(() => {
  harness.webshare.server.resetCalls();
});

async function simulatorProxies(page: number, pageSize: number): Promise<WebsharePage<WebshareProxy>> {
  return webshareGet(harness.webshare, `/api/v2/proxy/list/?mode=direct&page=${page}&page_size=${pageSize}`);
}

describe('Webshare account, profile, plan and usage', () => {
  test('the configured Webshare account is listed with the capabilities Webshare supports', async () => {
    const data = await harness.client.data(AccountsDocument, {});
    assert.deepEqual(data.accounts, [
      {
        id: WEBSHARE_ACCOUNT_ID,
        provider: 'WEBSHARE',
        label: 'Webshare test',
        capabilities: capabilitiesOf('webshare'),
      },
    ]);
  });

  test('profile, plan and usage come from the provider with bandwidth in bytes', async () => {
    const subscription = await webshareGet<WebshareSubscription>(harness.webshare, '/api/v2/subscription/');
    const plan = await webshareGet<WebsharePlan>(harness.webshare, `/api/v2/subscription/plan/${subscription.plan}/`);
    harness.webshare.server.resetCalls();
    const data = await harness.client.data(AccountOverviewDocument, { id: WEBSHARE_ACCOUNT_ID });
    const account = data.account!;
    assert.match(account.profile!.email!, /@/);
    assert.equal(account.plan!.id, String(plan.id));
    assert.equal(account.plan!.proxyCount, plan.proxy_count);
    assert.equal(account.plan!.bandwidthLimitBytes, plan.bandwidth_limit > 0 ? plan.bandwidth_limit * GIB : null);
    assert.equal(account.plan!.periodStart, new Date(subscription.start_date).toISOString());
    assert.equal(account.plan!.periodEnd, new Date(subscription.end_date).toISOString());
    assert.equal(account.plan!.subUsersTotal, plan.subusers_total);
    // Without a window: the billing period, read in one stats call from its start.
    const usage = account.usage!;
    assert.deepEqual(
      [usage.period, usage.periodStart, usage.periodEnd, usage.coversRequestedWindow],
      ['BILLING_PERIOD', account.plan!.periodStart, account.plan!.periodEnd, null],
    );
    const [call] = harness.webshare.server.callsTo('GET /api/v2/stats/aggregate/');
    assert.equal(harness.webshare.server.callCount('GET /api/v2/stats/aggregate/'), 1);
    assert.equal(new URLSearchParams(call.query).get('timestamp__gte'), account.plan!.periodStart);
    const stats = await webshareGet<WebshareAggregateStats>(harness.webshare, `/api/v2/stats/aggregate/${call.query}`);
    assert.equal(usage.bandwidthUsedBytes, stats.bandwidth_total);
    assert.equal(usage.requestsTotal, usage.requestsSucceeded! + usage.requestsFailed!);
    assert.equal(usage.bandwidthRemainingBytes, Math.max(0, usage.bandwidthLimitBytes! - usage.bandwidthUsedBytes!));
  });

  test('usage over an explicit window is asked of the stats endpoint for exactly that window, and says it covers it', async () => {
    const from = new Date(Date.now() - 3 * 24 * 3_600_000).toISOString();
    const to = new Date().toISOString();
    const data = await harness.client.data(AccountOverviewDocument, { id: WEBSHARE_ACCOUNT_ID, from, to });
    const usage = data.account!.usage!;
    assert.deepEqual([usage.period, usage.periodStart, usage.periodEnd, usage.coversRequestedWindow], ['REQUESTED_WINDOW', from, to, true]);
    const windowCalls = harness.webshare.server
      .callsTo('GET /api/v2/stats/aggregate/')
      .map((call) => new URLSearchParams(call.query))
      .filter((query) => query.get('timestamp__gte') === from);
    assert.deepEqual(
      windowCalls.map((query) => query.get('timestamp__lte')),
      [to],
    );
  });

  test("bandwidthRemainingBytes is the plan limit minus the billing period's usage, whatever window is asked", async () => {
    const day = 24 * 3_600_000;
    const now = Date.now();
    const windows = [
      {},
      { from: new Date(now - day).toISOString() },
      { from: new Date(now - 5 * day).toISOString(), to: new Date(now - 2 * day).toISOString() },
    ];
    const usages = [];
    for (const window of windows) usages.push((await harness.client.data(AccountOverviewDocument, { id: WEBSHARE_ACCOUNT_ID, ...window })).account!.usage!);
    const billing = usages[0];
    assert.equal(billing.period, 'BILLING_PERIOD');
    assert.deepEqual(
      usages.map((usage) => usage.bandwidthRemainingBytes),
      usages.map(() => Math.max(0, billing.bandwidthLimitBytes! - billing.bandwidthUsedBytes!)),
    );
    // The windows' own traffic differs from the billing period's: remaining does not follow it.
    assert.notEqual(usages[1].bandwidthUsedBytes, billing.bandwidthUsedBytes);
  });

  test('a window costs one more stats call (the billing period) only when bandwidthRemainingBytes is selected', async () => {
    const from = new Date(Date.now() - 2 * 24 * 3_600_000).toISOString();
    await harness.client.data(`query($id: ID!, $from: DateTime) { account(id: $id) { usage(from: $from) { bandwidthUsedBytes } } }`, {
      id: WEBSHARE_ACCOUNT_ID,
      from,
    });
    assert.equal(harness.webshare.server.callCount('GET /api/v2/stats/aggregate/'), 1);
    harness.webshare.server.resetCalls();
    await harness.client.data(`query($id: ID!, $from: DateTime) { account(id: $id) { usage(from: $from) { bandwidthUsedBytes bandwidthRemainingBytes } } }`, {
      id: WEBSHARE_ACCOUNT_ID,
      from,
    });
    assert.equal(harness.webshare.server.callCount('GET /api/v2/stats/aggregate/'), 2);
    harness.webshare.server.resetCalls();
    // Without a window the billing period's one read serves both.
    await harness.client.data(`query($id: ID!) { account(id: $id) { usage { bandwidthUsedBytes bandwidthRemainingBytes } } }`, { id: WEBSHARE_ACCOUNT_ID });
    assert.equal(harness.webshare.server.callCount('GET /api/v2/stats/aggregate/'), 1);
  });

  test("a usage window reaching past Webshare's 90 days of statistics is refused before any upstream stats call", async () => {
    const from = new Date(Date.now() - 120 * 24 * 3_600_000).toISOString();
    const result = await harness.client.request(AccountOverviewDocument, { id: WEBSHARE_ACCOUNT_ID, from });
    assert.ok(errorCodes(result).includes('BAD_USER_INPUT'));
    assert.equal(callsTo(harness.webshare, 'GET /api/v2/stats/aggregate/'), 0);
  });
});

describe('Webshare proxies', () => {
  test("the first page matches the provider's list in order, with Relay cursors and the total count", async () => {
    const upstream = await simulatorProxies(1, 25);
    harness.webshare.server.resetCalls();
    const data = await harness.client.data(AccountProxiesDocument, { id: WEBSHARE_ACCOUNT_ID, first: 25 });
    const connection = data.account!.proxies!;
    assert.equal(connection.totalCount, upstream.count);
    assert.deepEqual(
      connection.edges.map((edge) => edge.node.exitIp),
      upstream.results.map((proxy) => proxy.proxy_address),
    );
    const first = connection.edges[0].node;
    const wire = upstream.results[0];
    assert.equal(first.host, wire.proxy_address);
    assert.equal(first.ports.http, wire.port);
    assert.equal(first.country, wire.country_code.toUpperCase());
    assert.equal(first.status, wire.valid ? 'OK' : 'DOWN');
    assert.equal(first.providerStatus, wire.valid ? 'valid' : 'invalid');
    assert.equal(first.username, wire.username);
    assert.equal(first.type, 'DATACENTER');
    assert.equal(connection.pageInfo.hasNextPage, true);
    assert.equal(connection.pageInfo.hasPreviousPage, false);
    assert.equal(callsTo(harness.webshare, PROXY_LIST), 1);
  });

  test('paging across a provider page boundary reads only the two pages that cover it', async () => {
    const upstream = [...(await simulatorProxies(1, 100)).results, ...(await simulatorProxies(2, 100)).results];
    const head = await harness.client.data(AccountProxiesDocument, { id: WEBSHARE_ACCOUNT_ID, first: 90 });
    harness.webshare.server.resetCalls();
    const data = await harness.client.data(AccountProxiesDocument, {
      id: WEBSHARE_ACCOUNT_ID,
      first: 30,
      after: head.account!.proxies!.pageInfo.endCursor,
    });
    const connection = data.account!.proxies!;
    assert.deepEqual(
      connection.edges.map((edge) => edge.node.exitIp),
      upstream.slice(90, 120).map((proxy) => proxy.proxy_address),
    );
    assert.equal(connection.pageInfo.hasPreviousPage, true);
    const pages = harness.webshare.server.callsTo(PROXY_LIST).map((call) => new URLSearchParams(call.query).get('page'));
    assert.deepEqual(pages.sort(), ['1', '2']);
  });

  test('walking every page with after visits each proxy exactly once and then stops', async () => {
    const seen = new Set<string>();
    let after: string | null | undefined = null;
    let pages = 0;
    for (;;) {
      const data: AccountProxiesQuery = await harness.client.data(AccountProxiesDocument, { id: WEBSHARE_ACCOUNT_ID, first: 100, after });
      const connection = data.account!.proxies!;
      connection.edges.forEach((edge) => seen.add(edge.node.id));
      pages += 1;
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    assert.equal(seen.size, 250);
    assert.equal(pages, 3);
  });

  test('country and status filters are pushed down to Webshare as country_code__in and valid', async () => {
    const data = await harness.client.data(AccountProxiesDocument, {
      id: WEBSHARE_ACCOUNT_ID,
      first: 50,
      filter: { countries: ['us', 'DE'], statuses: ['OK'] },
    });
    const query = new URLSearchParams(harness.webshare.server.callsTo(PROXY_LIST)[0].query);
    assert.equal(query.get('country_code__in'), 'US,DE');
    assert.equal(query.get('valid'), 'true');
    assert.equal(query.get('mode'), 'direct');
    for (const edge of data.account!.proxies!.edges) {
      assert.ok(['US', 'DE'].includes(edge.node.country!));
      assert.equal(edge.node.status, 'OK');
    }
  });

  test('a type filter that the plan cannot match returns an empty page without listing proxies', async () => {
    const data = await harness.client.data(AccountProxiesDocument, { id: WEBSHARE_ACCOUNT_ID, first: 10, filter: { types: ['MOBILE'] } });
    assert.equal(data.account!.proxies!.edges.length, 0);
    assert.equal(data.account!.proxies!.totalCount, 0);
    assert.equal(callsTo(harness.webshare, PROXY_LIST), 0);
  });

  test('proxy(id) returns the same proxy as the list', async () => {
    const list = await harness.client.data(AccountProxiesDocument, { id: WEBSHARE_ACCOUNT_ID, first: 3 });
    const wanted = list.account!.proxies!.edges[2].node;
    const data = await harness.client.data(ProxyByIdDocument, { id: wanted.id });
    assert.equal(data.proxy!.id, wanted.id);
    assert.equal(data.proxy!.host, wanted.host);
    assert.equal(data.proxy!.account.id, WEBSHARE_ACCOUNT_ID);
  });

  test('proxies(first: 100) with account.plan on every node makes one list call and one plan call', async () => {
    const data = await harness.client.data(ProxiesWithPlanDocument, { first: 100 });
    assert.equal(data.proxies.edges.length, 100);
    assert.ok(data.proxies.edges.every((edge) => edge.node.account.plan!.proxyCount === 250));
    assert.equal(callsTo(harness.webshare, PROXY_LIST), 1);
    assert.equal(callsTo(harness.webshare, PLAN_BY_ID), 1);
    assert.equal(callsTo(harness.webshare, 'GET /api/v2/subscription/'), 1);
  });

  test('password and url carry the proxy credentials', async () => {
    const list = await harness.client.data(AccountProxiesDocument, { id: WEBSHARE_ACCOUNT_ID, first: 1 });
    const node = list.account!.proxies!.edges[0].node;
    const data = await harness.client.data(ProxySecretsDocument, { id: node.id });
    const upstream = (await simulatorProxies(1, 1)).results[0];
    assert.equal(data.proxy!.password, upstream.password);
    assert.equal(data.proxy!.url, `http://${upstream.username}:${upstream.password}@${upstream.proxy_address}:${upstream.port}`);
    assert.equal(data.proxy!.socks, `socks5://${upstream.username}:${upstream.password}@${upstream.proxy_address}:${upstream.port}`);
  });
});

describe('Webshare IP authorizations', () => {
  test('authorizeIp adds the IP, lists show it, a second call reports it as already done', async () => {
    const ip = '203.0.113.77';
    const created = await harness.client.data(AuthorizeIpDocument, { input: { ip, accountIds: [WEBSHARE_ACCOUNT_ID] } });
    assert.equal(created.authorizeIp.length, 1);
    assert.equal(created.authorizeIp[0].ok, true);
    assert.equal(created.authorizeIp[0].alreadyDone, false);
    assert.equal(created.authorizeIp[0].ipAuthorization!.ip, ip);

    const upstream = await webshareGet<WebsharePage<WebshareIpAuthorization>>(harness.webshare, '/api/v2/proxy/ipauthorization/?page_size=100');
    assert.ok(upstream.results.some((entry) => entry.ip_address === ip));

    const listed = await harness.client.data(AccountIpAuthorizationsDocument, { id: WEBSHARE_ACCOUNT_ID });
    assert.ok(listed.account!.ipAuthorizations!.some((entry) => entry.ip === ip));
    const across = await harness.client.data(IpAuthorizationsDocument, { filter: { ip } });
    assert.deepEqual(
      across.ipAuthorizations.map((entry) => entry.ip),
      [ip],
    );

    const again = await harness.client.data(AuthorizeIpDocument, { input: { ip } });
    assert.equal(again.authorizeIp[0].ok, true);
    assert.equal(again.authorizeIp[0].alreadyDone, true);
    assert.equal(again.authorizeIp[0].ipAuthorization!.id, created.authorizeIp[0].ipAuthorization!.id);
  });

  test('revokeIpAuthorization deletes the entry upstream and revokeIp then finds nothing to remove', async () => {
    const ip = '198.51.100.23';
    const created = await harness.client.data(AuthorizeIpDocument, { input: { ip } });
    const id = created.authorizeIp[0].ipAuthorization!.id;
    const revoked = await harness.client.data(RevokeIpAuthorizationDocument, { id });
    assert.equal(revoked.revokeIpAuthorization.deleted, true);
    assert.equal(callsTo(harness.webshare, /^DELETE \/api\/v2\/proxy\/ipauthorization\//), 1);
    const again = await harness.client.data(RevokeIpDocument, { ip });
    assert.equal(again.revokeIp[0].ok, true);
    assert.equal(again.revokeIp[0].alreadyDone, true);
    assert.equal(again.revokeIp[0].removedCount, 0);
  });

  test('revokeIp removes an authorized IP by address', async () => {
    const ip = '192.0.2.140';
    await harness.client.data(AuthorizeIpDocument, { input: { ip } });
    const result = await harness.client.data(RevokeIpDocument, { ip, accountIds: [WEBSHARE_ACCOUNT_ID] });
    assert.deepEqual(
      result.revokeIp.map((entry) => [entry.account.id, entry.ok, entry.removedCount]),
      [[WEBSHARE_ACCOUNT_ID, true, 1]],
    );
    const listed = await harness.client.data(AccountIpAuthorizationsDocument, { id: WEBSHARE_ACCOUNT_ID });
    assert.ok(!listed.account!.ipAuthorizations!.some((entry) => entry.ip === ip));
  });
});

describe('Webshare sub-users', () => {
  test('create, read, list, update and delete a sub-user, with limits converted between bytes and GB', async () => {
    const created = await harness.client.data(CreateSubUserDocument, {
      input: { accountId: WEBSHARE_ACCOUNT_ID, label: 'scraper-team', bandwidthLimitBytes: 10 * GIB, maxThreads: 50 },
    });
    const subUser = created.createSubUser;
    assert.equal(subUser.label, 'scraper-team');
    assert.equal(subUser.bandwidthLimitBytes, 10 * GIB);
    assert.equal(subUser.maxThreads, 50);

    assert.equal(callsTo(harness.webshare, 'POST /api/v2/subuser/'), 1);
    const upstreamList = await webshareGet<WebsharePage<WebshareSubuser>>(harness.webshare, '/api/v2/subuser/?page_size=100');
    const upstream = upstreamList.results.find((entry) => entry.label === 'scraper-team')!;
    assert.equal(upstream.proxy_limit, 10);

    const read = await harness.client.data(SubUserByIdDocument, { id: subUser.id });
    assert.equal(read.subUser!.label, 'scraper-team');

    const listed = await harness.client.data(AccountSubUsersDocument, { id: WEBSHARE_ACCOUNT_ID, first: 100 });
    assert.ok(listed.account!.subUsers!.edges.some((edge) => edge.node.id === subUser.id));
    assert.equal(listed.account!.subUsers!.totalCount, upstreamList.count);

    const updated = await harness.client.data(UpdateSubUserDocument, {
      id: subUser.id,
      input: { maxThreads: 75, proxyCountries: [{ country: 'us', count: 5 }] },
    });
    assert.equal(updated.updateSubUser.maxThreads, 75);
    assert.deepEqual(updated.updateSubUser.proxyCountries, [{ country: 'US', count: 5 }]);

    const deleted = await harness.client.data(DeleteSubUserDocument, { id: subUser.id });
    assert.equal(deleted.deleteSubUser.deleted, true);
    const gone = await harness.client.data(SubUserByIdDocument, { id: subUser.id });
    assert.equal(gone.subUser, null);
  });

  test('refreshing a sub-user with a custom list calls the refresh endpoint', async () => {
    const created = await harness.client.data(CreateSubUserDocument, {
      input: { accountId: WEBSHARE_ACCOUNT_ID, label: 'refresher', proxyCountries: [{ country: 'DE', count: 3 }] },
    });
    const refreshed = await harness.client.data(RefreshSubUserProxiesDocument, { id: created.createSubUser.id });
    assert.equal(refreshed.refreshSubUserProxies.id, created.createSubUser.id);
    assert.equal(callsTo(harness.webshare, /^POST \/api\/v2\/subuser\/:[^/]+\/refresh\/$/), 1);
  });

  test("a sub-user's proxy username and password are read as that sub-user through X-Subuser", async () => {
    const created = await harness.client.data(CreateSubUserDocument, { input: { accountId: WEBSHARE_ACCOUNT_ID, label: 'masked' } });
    harness.webshare.server.resetCalls();
    const data = await harness.client.data(SubUserCredentialsDocument, { id: created.createSubUser.id });
    const configCalls = harness.webshare.server.callsTo('GET /api/v2/proxy/config/');
    assert.equal(configCalls.length, 1);
    assert.ok(configCalls[0].headers['x-subuser']);
    const upstream = await webshareGet<{ username: string; password: string }>(harness.webshare, '/api/v2/proxy/config/', {
      'x-subuser': configCalls[0].headers['x-subuser'],
    });
    assert.equal(data.subUser!.proxyUsername, upstream.username);
    assert.equal(data.subUser!.password, upstream.password);
  });
});

describe('Webshare replacements, refresh and proxy credentials', () => {
  async function pollUntilSettled(id: string) {
    for (let attempt = 0; attempt < 100; attempt++) {
      const data = await harness.client.data(ProxyReplacementDocument, { id });
      const state = data.proxyReplacement!.state;
      if (state === 'VALIDATED' || state === 'COMPLETED' || state === 'FAILED') return data.proxyReplacement!;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('replacement never settled');
  }

  test('a dry-run replacement starts VALIDATING and settles VALIDATED with counts, replacing nothing', async () => {
    const before = await simulatorProxies(1, 100);
    const address = before.results[0].proxy_address!;
    const started = await harness.client.data(ReplaceProxiesDocument, {
      input: {
        accountId: WEBSHARE_ACCOUNT_ID,
        toReplace: { type: 'IP_ADDRESS', ipAddresses: [address] },
        replaceWith: [{ type: 'COUNTRY', countryCode: 'us', count: 1 }],
        dryRun: true,
      },
    });
    assert.equal(started.replaceProxies.state, 'VALIDATING');
    assert.equal(started.replaceProxies.dryRun, true);
    assert.equal(started.replaceProxies.replaceWith[0].countryCode, 'US');
    const settled = await pollUntilSettled(started.replaceProxies.id);
    assert.equal(settled.state, 'VALIDATED');
    assert.equal(settled.proxiesRemoved, 1);
    assert.ok(settled.dryRunCompletedAt);
    const after = await simulatorProxies(1, 100);
    assert.ok(after.results.some((proxy) => proxy.proxy_address === address));
  });

  test('a real replacement completes and the replaced address leaves the proxy list', async () => {
    const before = await simulatorProxies(1, 100);
    const address = before.results[1].proxy_address!;
    const started = await harness.client.data(ReplaceProxiesDocument, {
      input: {
        accountId: WEBSHARE_ACCOUNT_ID,
        toReplace: { type: 'IP_ADDRESS', ipAddresses: [address] },
        replaceWith: [{ type: 'ANY', count: 1 }],
        dryRun: false,
      },
    });
    const settled = await pollUntilSettled(started.replaceProxies.id);
    assert.equal(settled.state, 'COMPLETED');
    assert.ok(settled.completedAt);
    const all = [...(await simulatorProxies(1, 100)).results, ...(await simulatorProxies(2, 100)).results, ...(await simulatorProxies(3, 100)).results];
    assert.ok(!all.some((proxy) => proxy.proxy_address === address));
    const listed = await harness.client.data(AccountReplacementsDocument, { id: WEBSHARE_ACCOUNT_ID, first: 10 });
    assert.ok(listed.account!.proxyReplacements!.edges.some((edge) => edge.node.id === started.replaceProxies.id));
  });

  test('refreshProxyList spends one on-demand refresh, and with none left answers PLAN_LIMIT without calling refresh', async () => {
    const before = await harness.client.data(AccountOverviewDocument, { id: WEBSHARE_ACCOUNT_ID });
    let available = before.account!.plan!.onDemandRefreshesAvailable!;
    while (available > 0) {
      const data = await harness.client.data(RefreshProxyListDocument, { accountId: WEBSHARE_ACCOUNT_ID });
      assert.equal(data.refreshProxyList.plan!.onDemandRefreshesAvailable, available - 1);
      available -= 1;
    }
    const refreshCalls = callsTo(harness.webshare, 'POST /api/v2/proxy/list/refresh/');
    const result = await harness.client.request(RefreshProxyListDocument, { accountId: WEBSHARE_ACCOUNT_ID });
    assert.deepEqual(errorCodes(result), ['PLAN_LIMIT']);
    assert.equal(callsTo(harness.webshare, 'POST /api/v2/proxy/list/refresh/'), refreshCalls);
  });

  test('updateProxyCredentials changes the username every proxy reports', async () => {
    const data = await harness.client.data(UpdateProxyCredentialsDocument, {
      accountId: WEBSHARE_ACCOUNT_ID,
      input: { username: 'graphuser01', password: 'Graphpass42x', requestTimeoutSeconds: 600 },
    });
    assert.equal(data.updateProxyCredentials.proxyCredentials!.username, 'graphuser01');
    assert.equal(data.updateProxyCredentials.proxyCredentials!.requestTimeoutSeconds, 600);
    const proxies = await harness.client.data(AccountProxiesDocument, { id: WEBSHARE_ACCOUNT_ID, first: 5 });
    assert.ok(proxies.account!.proxies!.edges.every((edge) => edge.node.username === 'graphuser01'));
  });
});
