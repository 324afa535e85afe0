/**
 * Webshare hourly usage series, proxy activity, replaced proxies and download tokens through the graph:
 * GraphQL over HTTP → ProxyGraph → Webshare simulator over HTTP (docs/providers/reference.md §1.5, "Stats and
 * activity", "Proxy replacement (v3) and replaced proxies", "Download tokens").
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startHarness, WEBSHARE_ACCOUNT_ID, type Harness } from '../support/harness';
import { errorCodes, type GraphQLTestClient } from '../support/graphql-client';
import { webshareGet } from '../support/webshare-api';
import { startWebshareSimulator, type WebshareSimulator } from '../../src/simulators/webshare';
import {
  AccountReplacedProxiesDocument,
  DownloadTokenExpiryDocument,
  DownloadTokenKeyDocument,
  ProxyActivityDocument,
  ReplaceProxiesDocument,
  ReplacementReplacedProxiesDocument,
  ResetDownloadTokenDocument,
  ResetDownloadTokenExpiryDocument,
  UsageSeriesDocument,
} from '../generated/graphql';
import type {
  WebshareActivityPage,
  WebshareDownloadToken,
  WebsharePage,
  WebshareProxy,
  WebshareProxyStat,
  WebshareSubscription,
} from '../../src/providers/webshare/wire';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BAD_TOKEN = 'not-the-right-token-0123456789';
const KEYS = { admin: 'stats-admin-key-0123456789', reader: 'stats-reader-key-0123456789', writer: 'stats-writer-key-0123456789' };
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** Each throttled account has its own simulator and API key: a 429 closes only that key's budget. */
const THROTTLED = ['series', 'activity', 'replaced', 'token'] as const;

let harness: Harness;
let throttled: Record<(typeof THROTTLED)[number], WebshareSimulator>;
let admin: GraphQLTestClient;
let reader: GraphQLTestClient;
let writer: GraphQLTestClient;

before(async () => {
  const started = await Promise.all(
    THROTTLED.map((name, index) => startWebshareSimulator({ seed: 40 + index, rateLimits: false, token: `throttled-${name}-key-0123456789` })),
  );
  throttled = Object.fromEntries(THROTTLED.map((name, index) => [name, started[index]])) as typeof throttled;
  harness = await startHarness({
    webshare: { proxyCount: 120, replacementDelayMs: 50 },
    auth: {
      mode: 'apiKeys',
      keys: [
        { name: 'admin', sha256: sha256(KEYS.admin), scopes: ['read', 'write', 'credentials'], accounts: ['*'] },
        { name: 'reader', sha256: sha256(KEYS.reader), scopes: ['read'], accounts: ['*'] },
        { name: 'writer', sha256: sha256(KEYS.writer), scopes: ['read', 'write'], accounts: ['*'] },
      ],
    },
    extraAccounts: (webshare) => [
      { id: 'ws-bad', provider: 'webshare', baseUrl: webshare.origin, credentials: { token: BAD_TOKEN } },
      ...THROTTLED.map((name) => ({
        id: `ws-429-${name}`,
        provider: 'webshare' as const,
        baseUrl: throttled[name].origin,
        credentials: { token: throttled[name].credentials.token },
      })),
    ],
  });
  admin = harness.client.withHeaders({ authorization: `Bearer ${KEYS.admin}` });
  reader = harness.client.withHeaders({ authorization: `Bearer ${KEYS.reader}` });
  writer = harness.client.withHeaders({ authorization: `Bearer ${KEYS.writer}` });
});

after(async () => {
  await harness?.stop();
  await Promise.all(Object.values(throttled ?? {}).map((simulator) => simulator.stop()));
});

beforeEach(() => {
  harness.webshare.server.resetCalls();
  harness.webshare.server.clearFaults();
});

const calls = (endpoint: string) => harness.webshare.server.callsTo(endpoint).map((call) => new URLSearchParams(call.query));
const iso = (ms: number) => new Date(ms).toISOString();

describe('Account.usageSeries: Webshare hourly stats as chart points', () => {
  test('a past window gives the hourly rows Webshare has for it, oldest first, in bytes, with request counts that add up, in one stats call', async () => {
    const from = iso(Date.now() - 2 * DAY);
    const to = iso(Date.now() - HOUR);
    const data = await admin.data(UsageSeriesDocument, { id: WEBSHARE_ACCOUNT_ID, from, to });
    const points = data.account!.usageSeries!;
    assert.deepEqual(
      calls('GET /api/v2/stats/').map((query) => [query.get('timestamp__gte'), query.get('timestamp__lte')]),
      [[from, to]],
    );
    assert.equal(harness.webshare.server.callCount('GET /api/v2/subscription/'), 0, 'a past window needs no subscription read');
    const rows = await webshareGet<WebshareProxyStat[]>(harness.webshare, `/api/v2/stats/?timestamp__gte=${from}&timestamp__lte=${to}`);
    assert.ok(rows.length > 24);
    assert.deepEqual(
      points,
      rows.map((row) => ({
        hourStart: new Date(row.timestamp).toISOString(),
        bandwidthBytes: row.bandwidth_total,
        requestsTotal: row.requests_successful + row.requests_failed,
        requestsSucceeded: row.requests_successful,
        requestsFailed: row.requests_failed,
        projected: false,
      })),
    );
  });

  test('a window reaching past now ends in projected hours, which carry a forecast of bytes and no request counts', async () => {
    const now = Date.now();
    const data = await admin.data(UsageSeriesDocument, { id: WEBSHARE_ACCOUNT_ID, from: iso(now - 6 * HOUR), to: iso(now + 4 * HOUR) });
    const points = data.account!.usageSeries!;
    const projected = points.filter((point) => point.projected);
    assert.ok(projected.length >= 3);
    for (const point of projected) {
      assert.ok(Date.parse(point.hourStart) > now);
      assert.ok(point.bandwidthBytes > 0);
      assert.deepEqual([point.requestsTotal, point.requestsSucceeded, point.requestsFailed], [null, null, null]);
    }
    assert.ok(points.filter((point) => !point.projected).every((point) => Date.parse(point.hourStart) <= now));
    assert.equal(harness.webshare.server.callCount('GET /api/v2/subscription/'), 1);
  });

  test('a window that ends before it starts, or starts more than 90 days ago, is BAD_USER_INPUT without any upstream call', async () => {
    const now = Date.now();
    for (const window of [{ from: iso(now - HOUR), to: iso(now - 2 * HOUR) }, { from: iso(now - 91 * DAY) }, { from: iso(now + HOUR) }]) {
      const result = await admin.request(UsageSeriesDocument, { id: WEBSHARE_ACCOUNT_ID, ...window });
      assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT'], JSON.stringify(window));
    }
    assert.equal(harness.webshare.server.calls.length, 0);
  });

  test('a window ending after the subscription is BAD_USER_INPUT on `to`, refused before the stats call', async () => {
    const subscription = await webshareGet<WebshareSubscription>(harness.webshare, '/api/v2/subscription/');
    harness.webshare.server.resetCalls();
    const result = await admin.request(UsageSeriesDocument, {
      id: WEBSHARE_ACCOUNT_ID,
      from: iso(Date.now() - HOUR),
      to: iso(Date.parse(subscription.end_date) + HOUR),
    });
    assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT']);
    assert.deepEqual(Object.keys(result.errors[0].extensions?.fields as object), ['to']);
    assert.equal(harness.webshare.server.callCount('GET /api/v2/stats/'), 0);
  });
});

describe('Account.proxyActivity: the request log, newest first', () => {
  test("the first page is Webshare's first page with durations in milliseconds, and totalCount is its count", async () => {
    const data = await admin.data(ProxyActivityDocument, { id: WEBSHARE_ACCOUNT_ID, first: 10 });
    const connection = data.account!.proxyActivity!;
    const [query] = calls('GET /api/v2/proxy/activity/');
    assert.equal(query.get('page_size'), '10');
    assert.equal(query.get('starting_after'), null);
    const page = await webshareGet<WebshareActivityPage>(harness.webshare, '/api/v2/proxy/activity/?page_size=10');
    assert.equal(connection.totalCount, page.count);
    assert.equal(connection.pageInfo.hasNextPage, true);
    assert.equal(connection.pageInfo.hasPreviousPage, false);
    assert.deepEqual(
      connection.edges.map((edge) => edge.node),
      page.results.map((row) => ({
        at: new Date(row.timestamp).toISOString(),
        protocol: row.protocol.toUpperCase(),
        transferredBytes: row.bytes,
        requestDurationMs: row.request_duration === null ? null : Math.round(row.request_duration * 1000),
        handshakeDurationMs: row.handshake_duration === null ? null : Math.round(row.handshake_duration * 1000),
        tunnelDurationMs: row.tunnel_duration === null ? null : Math.round(row.tunnel_duration * 1000),
        errorReason: row.error_reason,
        errorHowToFix: row.error_reason_how_to_fix,
        authUsername: row.auth_username,
        proxyAddress: row.proxy_address,
        proxyPort: row.proxy_port,
        clientIp: row.client_address,
        targetHostname: row.hostname,
        targetDomain: row.domain,
        targetIp: row.ip_address,
        targetPort: row.port,
      })),
    );
  });

  test('following endCursor walks every entry exactly once, each page asking Webshare to start after the last timestamp read', async () => {
    const seen: string[] = [];
    let after: string | null | undefined;
    let totalCount: number | null | undefined;
    for (let guard = 0; guard < 20; guard++) {
      const connection = (await admin.data(ProxyActivityDocument, { id: WEBSHARE_ACCOUNT_ID, first: 100, after })).account!.proxyActivity!;
      totalCount ??= connection.totalCount;
      seen.push(...connection.edges.map((edge) => edge.node.at));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    assert.equal(seen.length, totalCount);
    assert.deepEqual([...seen].sort().reverse(), seen, 'newest first');
    const queries = calls('GET /api/v2/proxy/activity/');
    assert.ok(queries.length >= 2);
    assert.equal(queries[0].get('starting_after'), null);
    assert.ok(
      queries.slice(1).every((query) => /^\d{4}-\d{2}-\d{2}T.*\.\d{6}[+-]\d{2}:\d{2}$/.test(query.get('starting_after')!)),
      "Webshare's own timestamps, microseconds kept",
    );
  });

  test('the filter reaches Webshare as its own parameters: failedOnly is error_reason=*, byte and time bounds as __gte/__lte', async () => {
    const from = iso(Date.now() - 3 * DAY);
    const failed = (await admin.data(ProxyActivityDocument, { id: WEBSHARE_ACCOUNT_ID, first: 100, filter: { failedOnly: true, from } })).account!
      .proxyActivity!;
    assert.ok(failed.edges.length > 0);
    assert.ok(failed.edges.every((edge) => edge.node.errorReason !== null && Date.parse(edge.node.at) >= Date.parse(from)));
    const reason = failed.edges[0].node.errorReason!;
    const exact = (await admin.data(ProxyActivityDocument, { id: WEBSHARE_ACCOUNT_ID, first: 100, filter: { errorReason: reason } })).account!.proxyActivity!;
    assert.ok(exact.edges.every((edge) => edge.node.errorReason === reason));
    const sized = (await admin.data(ProxyActivityDocument, { id: WEBSHARE_ACCOUNT_ID, first: 100, filter: { minBytes: 100_000, maxBytes: 900_000 } })).account!
      .proxyActivity!;
    assert.ok(sized.edges.length > 0);
    assert.ok(sized.edges.every((edge) => edge.node.transferredBytes >= 100_000 && edge.node.transferredBytes <= 900_000));
    const queries = calls('GET /api/v2/proxy/activity/');
    assert.deepEqual([queries[0].get('error_reason'), queries[0].get('timestamp__gte')], ['*', from]);
    assert.equal(queries[1].get('error_reason'), reason);
    assert.deepEqual([queries[2].get('bytes__gte'), queries[2].get('bytes__lte')], ['100000', '900000']);
  });

  test('contradictory or malformed filters, a foreign cursor and a page over 100 are BAD_USER_INPUT without any upstream call', async () => {
    const now = Date.now();
    const foreignCursor = Buffer.from('offset:3').toString('base64url');
    const cases: Array<Record<string, unknown>> = [
      { filter: { minBytes: 10, maxBytes: 5 } },
      { filter: { from: iso(now), to: iso(now - HOUR) } },
      { filter: { errorReason: '*' } },
      { filter: { errorReason: 'client_connect_forbidden_host', failedOnly: false } },
      { filter: { minBytes: -1 } },
      { after: foreignCursor },
      { first: 101 },
    ];
    for (const variables of cases) {
      const result = await admin.request(ProxyActivityDocument, { id: WEBSHARE_ACCOUNT_ID, ...variables });
      assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT'], JSON.stringify(variables));
    }
    assert.equal(harness.webshare.server.calls.length, 0);
  });

  test('first: 0 reads nothing and claims no next page', async () => {
    const connection = (await admin.data(ProxyActivityDocument, { id: WEBSHARE_ACCOUNT_ID, first: 0 })).account!.proxyActivity!;
    assert.deepEqual([connection.edges, connection.pageInfo.hasNextPage], [[], false]);
    assert.equal(harness.webshare.server.calls.length, 0);
  });
});

describe('replaced proxies', () => {
  test('a completed replacement lists the proxy it removed and what replaced it, on the replacement and on the account', async () => {
    const list = await webshareGet<WebsharePage<WebshareProxy>>(harness.webshare, '/api/v2/proxy/list/?mode=direct&page_size=1');
    const address = list.results[0].proxy_address!;
    const created = await admin.data(ReplaceProxiesDocument, {
      input: {
        accountId: WEBSHARE_ACCOUNT_ID,
        toReplace: { type: 'IP_ADDRESS', ipAddresses: [address] },
        replaceWith: [{ type: 'COUNTRY', countryCode: 'DE' }],
        dryRun: false,
      },
    });
    const id = created.replaceProxies.id;
    let replacement;
    for (let attempt = 0; attempt < 50; attempt++) {
      replacement = (await admin.data(ReplacementReplacedProxiesDocument, { id, first: 10 })).proxyReplacement!;
      if (replacement.state === 'COMPLETED' || replacement.state === 'FAILED') break;
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    assert.equal(replacement!.state, 'COMPLETED');
    assert.equal(replacement!.replacedProxies!.totalCount, 1);
    const [removed] = replacement!.replacedProxies!.edges.map((edge) => edge.node);
    assert.deepEqual([removed.reason, removed.address, removed.replacedWithCountry], ['proxy_replaced', address, 'DE']);
    const nativeId = Buffer.from(id, 'base64url').toString('utf8').split(':').pop();
    assert.ok(calls('GET /api/v2/proxy/list/replaced/').some((query) => query.get('proxy_list_replacement') === nativeId));

    const all = (await admin.data(AccountReplacedProxiesDocument, { id: WEBSHARE_ACCOUNT_ID, first: 100 })).account!.replacedProxies!;
    assert.ok(all.edges.some((edge) => edge.node.nativeId === removed.nativeId));
    assert.equal(all.totalCount, all.edges.length);
  });
});

describe('download tokens: the key is a secret', () => {
  test("a reader sees a token's scope and expiry; asking for its key is FORBIDDEN and the key appears nowhere in the response", async () => {
    const token = await webshareGet<WebshareDownloadToken>(harness.webshare, '/api/v2/download_token/activity/');
    const data = await reader.data(DownloadTokenExpiryDocument, { id: WEBSHARE_ACCOUNT_ID, scope: 'ACTIVITY' });
    assert.deepEqual(data.account!.downloadToken, { scope: 'ACTIVITY', expiresAt: new Date(token.expire_at!).toISOString() });
    const result = await reader.request(DownloadTokenKeyDocument, { id: WEBSHARE_ACCOUNT_ID, scope: 'ACTIVITY' });
    assert.deepEqual(errorCodes(result), ['FORBIDDEN']);
    assert.ok(!JSON.stringify(result).includes(token.key));
  });

  test("with the credentials scope the key is Webshare's key of that scope", async () => {
    for (const [scope, wire] of [
      ['PROXY_LIST', 'proxy_list'],
      ['REPLACED_PROXIES', 'replaced_proxy'],
      ['ACTIVITY', 'activity'],
    ] as const) {
      const token = await webshareGet<WebshareDownloadToken>(harness.webshare, `/api/v2/download_token/${wire}/`);
      const data = await admin.data(DownloadTokenKeyDocument, { id: WEBSHARE_ACCOUNT_ID, scope });
      assert.deepEqual([data.account!.downloadToken!.scope, data.account!.downloadToken!.key], [scope, token.key]);
    }
  });

  test('resetting needs the write scope: a reader is FORBIDDEN before any upstream call', async () => {
    const result = await reader.request(ResetDownloadTokenExpiryDocument, { accountId: WEBSHARE_ACCOUNT_ID, scope: 'ACTIVITY' });
    assert.deepEqual(errorCodes(result), ['FORBIDDEN']);
    assert.equal(harness.webshare.server.calls.length, 0);
  });

  test('a reset gives a new key and the old one stops opening the activity download; a writer without credentials resets but cannot read the key', async () => {
    const before = await webshareGet<WebshareDownloadToken>(harness.webshare, '/api/v2/download_token/activity/');
    const reset = await admin.data(ResetDownloadTokenDocument, { accountId: WEBSHARE_ACCOUNT_ID, scope: 'ACTIVITY' });
    assert.notEqual(reset.resetDownloadToken.key, before.key);
    const download = (key: string) =>
      fetch(`${harness.webshare.origin}/api/v2/proxy/activity/download/?download_token=${key}`).then((response) => response.status);
    assert.deepEqual([await download(before.key), await download(reset.resetDownloadToken.key)], [401, 200]);

    harness.webshare.server.resetCalls();
    const blind = await writer.request(ResetDownloadTokenDocument, { accountId: WEBSHARE_ACCOUNT_ID, scope: 'ACTIVITY' });
    assert.deepEqual(errorCodes(blind), ['FORBIDDEN']);
    assert.equal(harness.webshare.server.callCount('POST /api/v2/download_token/:scope/reset/'), 1);
    const now = await webshareGet<WebshareDownloadToken>(harness.webshare, '/api/v2/download_token/activity/');
    assert.ok(!JSON.stringify(blind).includes(now.key));
  });
});

describe("Webshare's error answers on the new endpoints", () => {
  const operations = [
    {
      name: 'usageSeries',
      endpoint: 'GET /api/v2/stats/',
      throttled: 'series' as const,
      run: (client: GraphQLTestClient, id: string) => client.request(UsageSeriesDocument, { id, from: iso(Date.now() - DAY) }),
    },
    {
      name: 'proxyActivity',
      endpoint: 'GET /api/v2/proxy/activity/',
      throttled: 'activity' as const,
      run: (client: GraphQLTestClient, id: string) => client.request(ProxyActivityDocument, { id, first: 5 }),
    },
    {
      name: 'replacedProxies',
      endpoint: 'GET /api/v2/proxy/list/replaced/',
      throttled: 'replaced' as const,
      run: (client: GraphQLTestClient, id: string) => client.request(AccountReplacedProxiesDocument, { id, first: 5 }),
    },
    {
      name: 'downloadToken',
      endpoint: 'GET /api/v2/download_token/:scope/',
      throttled: 'token' as const,
      run: (client: GraphQLTestClient, id: string) => client.request(DownloadTokenExpiryDocument, { id, scope: 'PROXY_LIST' }),
    },
  ];

  for (const operation of operations) {
    test(`${operation.name}: a 400 in the live field-error form is BAD_USER_INPUT carrying Webshare's fields`, async () => {
      harness.webshare.server.injectFault({
        endpoint: operation.endpoint,
        status: 400,
        body: { plan_id: [{ message: 'A valid integer is required.', code: 'invalid' }] },
        times: 1,
      });
      const result = await operation.run(admin, WEBSHARE_ACCOUNT_ID);
      assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT']);
      assert.deepEqual(result.errors[0].extensions?.fields, { plan_id: ['A valid integer is required.'] });
    });

    test(`${operation.name}: a 404 {"detail": "Not found."} is NOT_FOUND`, async () => {
      harness.webshare.server.injectFault({ endpoint: operation.endpoint, status: 404, body: { detail: 'Not found.' }, times: 1 });
      const result = await operation.run(admin, WEBSHARE_ACCOUNT_ID);
      assert.deepEqual(errorCodes(result), ['NOT_FOUND']);
    });

    test(`${operation.name}: a rejected API key is PROVIDER_AUTH_FAILED, and the key appears nowhere in the response`, async () => {
      const result = await operation.run(admin, 'ws-bad');
      assert.deepEqual(errorCodes(result), ['PROVIDER_AUTH_FAILED']);
      assert.ok(!JSON.stringify(result).includes(BAD_TOKEN));
    });

    test(`${operation.name}: a 429 with Retry-After is RATE_LIMITED with retryAfterSeconds, after one call`, async () => {
      const simulator = throttled[operation.throttled];
      simulator.server.injectFault({
        endpoint: operation.endpoint,
        status: 429,
        headers: { 'retry-after': '7' },
        body: { detail: 'Request was throttled. Expected available in 7 seconds.' },
      });
      const result = await operation.run(admin, `ws-429-${operation.throttled}`);
      assert.deepEqual(errorCodes(result), ['RATE_LIMITED']);
      assert.ok((result.errors[0].extensions?.retryAfterSeconds as number) > 0);
      assert.equal(simulator.server.callCount(operation.endpoint), 1);
    });
  }
});
