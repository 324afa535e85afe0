/**
 * Webshare's proxy-config family through the graph: IPv6 IP authorization, the backbone list of
 * residential plans and the gateway's usernames, the v3 list status and stats, allocating unallocated
 * countries, and the proxy settings. GraphQL over HTTP → ProxyGraph → Webshare simulator over HTTP. One
 * simulator holds two plans: `ws` manages the default (datacenter) plan, `wsres` the residential one.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startHarness, WEBSHARE_ACCOUNT_ID, type Harness } from '../support/harness';
import { errorCodes, GraphQLTestClient } from '../support/graphql-client';
import { PROXY_LIST, webshareGet } from '../support/webshare-api';
import {
  AllocateUnallocatedCountriesDocument,
  AuthorizeIpDocument,
  RevokeIpDocument,
  UpdateWebshareProxySettingsDocument,
  WebshareGatewayUsernameDocument,
  WebshareProxyGatewayDocument,
  WebshareProxyListPasswordDocument,
  WebshareProxyListStatsDocument,
  WebshareProxyListStatusDocument,
  WebshareProxyNodeDocument,
  WebshareProxySettingsDocument,
  WebshareResidentialProxiesDocument,
} from '../generated/graphql';
import type { GatewayUsernameInput } from '../generated/graphql';
import type { WebshareProxyConfig } from '../../src/providers/webshare/wire';

const RESIDENTIAL = 'wsres';
const BAD_TOKEN = 'wsbad';
const NO_SUCH_PLAN = 'wsghost';
const ALLOCATE = 'POST /api/v2/proxy/config/allocate_unallocated_countries/';
const PATCH_CONFIG = 'PATCH /api/v2/proxy/config/';

let harness: Harness;
let defaultPlanId: number;
let residentialPlanId: number;

before(async () => {
  harness = await startHarness({
    webshare: { proxyCount: 250, plans: [{}, { proxy_subtype: 'residential', proxy_countries: { US: 120, DE: 30 } }] },
    extraAccounts: (webshare) => {
      const [, residential] = [...webshare.state.plans.keys()];
      const base = { provider: 'webshare' as const, baseUrl: webshare.origin };
      return [
        { ...base, id: RESIDENTIAL, label: 'Webshare residential', credentials: { token: webshare.credentials.token }, planId: residential },
        { ...base, id: BAD_TOKEN, label: 'Webshare wrong key', credentials: { token: 'not-the-key' } },
        { ...base, id: NO_SUCH_PLAN, label: 'Webshare gone plan', credentials: { token: webshare.credentials.token }, planId: 1 },
      ];
    },
  });
  [defaultPlanId, residentialPlanId] = [...harness.webshare.state.plans.keys()];
});

after(async () => {
  await harness?.stop();
});

beforeEach(() => {
  harness.webshare.server.resetCalls();
});

const calls = () => harness.webshare.server.callCount();
const config = (planId: number) => webshareGet<WebshareProxyConfig>(harness.webshare, `/api/v2/proxy/config/?plan_id=${planId}`);

describe('Webshare IP authorization with IPv6', () => {
  test('authorizeIp with an IPv6 address works on Webshare, and another spelling of it is already done', async () => {
    const ip = '2001:db8::1';
    const data = await harness.client.data(AuthorizeIpDocument, { input: { ip, accountIds: [WEBSHARE_ACCOUNT_ID] } });
    assert.deepEqual(
      data.authorizeIp.map((result) => [result.ok, result.alreadyDone, result.ipAuthorization?.ip]),
      [[true, false, ip]],
    );
    assert.ok([...harness.webshare.state.ipAuthorizations.values()].some((entry) => entry.record.ip_address === ip));
    const again = await harness.client.data(AuthorizeIpDocument, { input: { ip: '2001:DB8:0::1', accountIds: [WEBSHARE_ACCOUNT_ID] } });
    assert.deepEqual(
      again.authorizeIp.map((result) => [result.ok, result.alreadyDone, result.ipAuthorization?.ip]),
      [[true, true, ip]],
    );
    const revoked = await harness.client.data(RevokeIpDocument, { ip, accountIds: [WEBSHARE_ACCOUNT_ID] });
    assert.deepEqual(
      revoked.revokeIp.map((result) => [result.ok, result.removedCount]),
      [[true, 1]],
    );
  });
});

describe('Webshare backbone: residential plans and the gateway', () => {
  test("a residential plan's proxies come from the backbone list: no address, the gateway host, a numbered username, their own port", async () => {
    const { username } = await config(residentialPlanId);
    harness.webshare.server.resetCalls();
    const data = await harness.client.data(WebshareResidentialProxiesDocument, { id: RESIDENTIAL, first: 100 });
    const proxies = data.account!.proxies!;
    assert.equal(proxies.totalCount, 150);
    assert.equal(proxies.pageInfo.hasNextPage, true);
    for (const { node } of proxies.edges) {
      assert.equal(node.host, 'p.webshare.io');
      assert.equal(node.exitIp, null);
      assert.match(node.username!, new RegExp(`^${username}-\\d+$`));
      assert.ok(node.ports.http! >= 9_999 && node.ports.http! <= 19_999, `${node.ports.http}`);
    }
    // Cold: the direct list is tried, Webshare refuses that mode for residential plans, the plan decides.
    const modes = (endpoint: string) =>
      harness.webshare.server.callsTo(endpoint).map((call) => `${new URLSearchParams(call.query).get('mode')} ${call.status}`);
    assert.deepEqual(modes(PROXY_LIST), ['direct 400', 'backbone 200']);
    assert.equal(harness.webshare.server.callCount(/subscription\/plan/), 1);
    // Then remembered: the next page reads the backbone list at once (the plan is read only for Proxy.type).
    harness.webshare.server.resetCalls();
    const next = await harness.client.data(WebshareResidentialProxiesDocument, { id: RESIDENTIAL, first: 100, after: proxies.pageInfo.endCursor });
    assert.equal(next.account!.proxies!.edges.length, 50);
    assert.ok(next.account!.proxies!.edges.every(({ node }) => node.type === 'RESIDENTIAL'));
    assert.deepEqual(modes(PROXY_LIST), ['backbone 200']);
    const germany = await harness.client.data(WebshareResidentialProxiesDocument, { id: RESIDENTIAL, first: 100, filter: { countries: ['de'] } });
    assert.equal(germany.account!.proxies!.totalCount, 30);
  });

  test("a datacenter plan's proxies still come from the direct list, at the first try", async () => {
    await harness.client.data(WebshareResidentialProxiesDocument, { id: WEBSHARE_ACCOUNT_ID, first: 5 });
    const listCalls = harness.webshare.server.callsTo(PROXY_LIST);
    assert.deepEqual(
      listCalls.map((call) => `${new URLSearchParams(call.query).get('mode')} ${call.status}`),
      ['direct 200'],
    );
  });

  test('a residential proxy is found again by its id', async () => {
    const page = await harness.client.data(WebshareResidentialProxiesDocument, { id: RESIDENTIAL, first: 3 });
    const wanted = page.account!.proxies!.edges[2].node;
    const found = await harness.client.data(WebshareProxyNodeDocument, { id: wanted.id });
    assert.deepEqual(found.proxy, { id: wanted.id, host: wanted.host, username: wanted.username, country: wanted.country });
  });

  test('a status filter on a backbone list is refused before the list is read: Webshare cannot filter by validity there', async () => {
    const result = await harness.client.request(WebshareResidentialProxiesDocument, { id: RESIDENTIAL, first: 10, filter: { statuses: ['OK'] } });
    assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT']);
    assert.equal(harness.webshare.server.callsTo(PROXY_LIST).length, 0);
  });

  test('the gateway says how to connect: p.webshare.io, its ports, the list mode and the username grammar', async () => {
    const [datacenter, residential] = await Promise.all([config(defaultPlanId), config(residentialPlanId)]);
    const direct = await harness.client.data(WebshareProxyGatewayDocument, {
      id: WEBSHARE_ACCOUNT_ID,
      targeting: { countries: ['US', 'fr'], sessionId: '1234' },
    });
    assert.deepEqual(direct.account!.proxyGateway, {
      host: 'p.webshare.io',
      ports: [80, 1080, 3128],
      portRange: { from: 9_999, to: 19_999 },
      listMode: 'DIRECT',
      username: datacenter.username,
      cityTargeting: false,
      usernameTemplate: '{username}[-{cc}...][-city_{name}][-{session}|-rotate]',
      usernameFor: `${datacenter.username}-us-fr-1234`,
    });
    const backbone = await harness.client.data(WebshareProxyGatewayDocument, {
      id: RESIDENTIAL,
      targeting: { countries: ['us'], city: 'Los_Angeles', rotate: true },
    });
    const gateway = backbone.account!.proxyGateway!;
    assert.deepEqual([gateway.listMode, gateway.cityTargeting, gateway.username], ['BACKBONE', true, residential.username]);
    assert.equal(gateway.usernameFor, `${residential.username}-us-city_los_angeles-rotate`);
    const plain = await harness.client.data(WebshareGatewayUsernameDocument, { id: WEBSHARE_ACCOUNT_ID });
    assert.equal(plain.account!.proxyGateway!.usernameFor, datacenter.username);
  });

  test('usernames the grammar rules out are BAD_USER_INPUT: a city on a datacenter plan, a session id with rotate, letters in a session id, ZZ', async () => {
    const refused: Array<[string, GatewayUsernameInput]> = [
      [WEBSHARE_ACCOUNT_ID, { city: 'berlin' }],
      [RESIDENTIAL, { sessionId: '12', rotate: true }],
      [RESIDENTIAL, { sessionId: 'abc' }],
      [RESIDENTIAL, { city: 'new-york' }],
      [RESIDENTIAL, { countries: ['ZZ'] }],
      [RESIDENTIAL, { countries: ['usa'] }],
    ];
    for (const [id, targeting] of refused) {
      const result = await harness.client.request(WebshareGatewayUsernameDocument, { id, targeting });
      assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT'], JSON.stringify(targeting));
    }
  });
});

describe('Webshare proxy list status and stats (API v3)', () => {
  test('the status reads GET /api/v3/proxy/list/status with the plan id: state, countries, nothing unallocated, the username', async () => {
    const { username, countries } = await config(defaultPlanId);
    harness.webshare.server.resetCalls();
    const data = await harness.client.data(WebshareProxyListStatusDocument, { id: WEBSHARE_ACCOUNT_ID });
    const status = data.account!.proxyListStatus!;
    assert.equal(status.state, 'COMPLETED');
    assert.equal(status.username, username);
    assert.deepEqual(Object.fromEntries(status.countries.map((entry) => [entry.country, entry.count])), countries);
    assert.deepEqual([status.unallocatedCountries, status.unallocatedCount, status.proxiesUsed], [[], 0, true]);
    const [read] = harness.webshare.server.callsTo('GET /api/v3/proxy/list/status');
    assert.equal(new URLSearchParams(read.query).get('plan_id'), String(defaultPlanId));
  });

  test('the stats give the list by /24, /16 and /8 range and by ASN; a residential list has none', async () => {
    const data = await harness.client.data(WebshareProxyListStatsDocument, { id: WEBSHARE_ACCOUNT_ID });
    const stats = data.account!.proxyListStats!;
    const byPrefix = (prefix: number) => stats.ipRanges.filter((range) => range.prefixLength === prefix).reduce((sum, range) => sum + range.count, 0);
    assert.deepEqual([byPrefix(24), byPrefix(16), byPrefix(8)], [250, 250, 250]);
    assert.equal(
      stats.asns.reduce((sum, asn) => sum + asn.count, 0),
      250,
    );
    assert.ok(stats.asns.every((asn) => asn.name && asn.asn > 0));
    assert.ok(stats.availableCountries.length > 0 && stats.availableAsns.length > 0);
    const residential = await harness.client.data(WebshareProxyListStatsDocument, { id: RESIDENTIAL });
    assert.deepEqual([residential.account!.proxyListStats!.ipRanges, residential.account!.proxyListStats!.asns], [[], []]);
  });

  test('a wrong API key is PROVIDER_AUTH_FAILED, and a plan Webshare does not know is NOT_FOUND', async () => {
    const unauthorized = await harness.client.request(WebshareProxyListStatusDocument, { id: BAD_TOKEN });
    assert.deepEqual(errorCodes(unauthorized), ['PROVIDER_AUTH_FAILED']);
    const gone = await harness.client.request(WebshareProxyListStatsDocument, { id: NO_SUCH_PLAN });
    assert.deepEqual(errorCodes(gone), ['NOT_FOUND']);
    assert.equal(gone.errors[0].extensions?.provider, 'WEBSHARE');
  });
});

describe('Webshare allocation of unallocated countries', () => {
  const unallocate = (counts: Record<string, number>) => {
    harness.webshare.state.plans.get(defaultPlanId)!.unallocated = counts;
  };

  test('input of the wrong shape is BAD_USER_INPUT with no upstream call', async () => {
    unallocate({ FR: 3, DE: 2 });
    for (const countries of [
      [],
      [{ country: 'FR', count: 0 }],
      [{ country: 'FRA', count: 5 }],
      [
        { country: 'FR', count: 3 },
        { country: 'fr', count: 2 },
      ],
    ]) {
      const result = await harness.client.request(AllocateUnallocatedCountriesDocument, { accountId: WEBSHARE_ACCOUNT_ID, countries });
      assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT'], JSON.stringify(countries));
    }
    assert.equal(calls(), 0);
  });

  test('counts that do not add up to what is unallocated are BAD_USER_INPUT before the allocation call', async () => {
    unallocate({ FR: 3, DE: 2 });
    const result = await harness.client.request(AllocateUnallocatedCountriesDocument, {
      accountId: WEBSHARE_ACCOUNT_ID,
      countries: [{ country: 'FR', count: 4 }],
    });
    assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT']);
    assert.equal(harness.webshare.server.callCount(ALLOCATE), 0);
  });

  test('a country Webshare cannot allocate is its own 400, passed on as BAD_USER_INPUT from the provider', async () => {
    unallocate({ FR: 3, DE: 2 });
    const result = await harness.client.request(AllocateUnallocatedCountriesDocument, {
      accountId: WEBSHARE_ACCOUNT_ID,
      countries: [{ country: 'XX', count: 5 }],
    });
    assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT']);
    assert.equal(result.errors[0].extensions?.provider, 'WEBSHARE');
    assert.equal(harness.webshare.server.callCount(ALLOCATE), 1);
  });

  test('the status shows what is unallocated; allocating it (any case) sends upper-case codes and the list grows', async () => {
    unallocate({ FR: 3, DE: 2 });
    const before = await harness.client.data(WebshareProxyListStatusDocument, { id: WEBSHARE_ACCOUNT_ID });
    assert.equal(before.account!.proxyListStatus!.unallocatedCount, 5);
    assert.deepEqual(before.account!.proxyListStatus!.unallocatedCountries, [
      { country: 'FR', count: 3 },
      { country: 'DE', count: 2 },
    ]);
    const countryCount = (code: string) => before.account!.proxyListStatus!.countries.find((entry) => entry.country === code)?.count ?? 0;
    harness.webshare.server.resetCalls();
    const data = await harness.client.data(AllocateUnallocatedCountriesDocument, {
      accountId: WEBSHARE_ACCOUNT_ID,
      countries: [
        { country: 'fr', count: 3 },
        { country: 'DE', count: 2 },
      ],
    });
    const [sent] = harness.webshare.server.callsTo(ALLOCATE);
    assert.deepEqual(JSON.parse(sent.body), { new_countries: { FR: 3, DE: 2 } });
    const status = data.allocateUnallocatedCountries.proxyListStatus!;
    assert.equal(status.unallocatedCount, 0);
    assert.equal(status.countries.find((entry) => entry.country === 'FR')!.count, countryCount('FR') + 3);
    assert.equal(status.countries.find((entry) => entry.country === 'DE')!.count, countryCount('DE') + 2);
    const proxies = await harness.client.data(WebshareResidentialProxiesDocument, { id: WEBSHARE_ACCOUNT_ID, first: 1 });
    assert.equal(proxies.account!.proxies!.totalCount, 255);
  });

  test('with nothing unallocated an allocation is BAD_USER_INPUT and never sent', async () => {
    unallocate({});
    const result = await harness.client.request(AllocateUnallocatedCountriesDocument, {
      accountId: WEBSHARE_ACCOUNT_ID,
      countries: [{ country: 'FR', count: 1 }],
    });
    assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT']);
    assert.equal(harness.webshare.server.callCount(ALLOCATE), 0);
  });
});

describe('Webshare proxy settings', () => {
  test('the settings are read from GET /api/v3/proxy/config with the plan id, with units in their names', async () => {
    const data = await harness.client.data(WebshareProxySettingsDocument, { id: RESIDENTIAL });
    assert.deepEqual(data.account!.proxySettings, {
      requestTimeoutSeconds: 86_400,
      requestIdleTimeoutSeconds: 900,
      ipAuthorizationCountries: null,
      ipAuthorizationCity: null,
      ipAuthorizationState: null,
      ipAuthorizationPostalCode: null,
      ipAuthorizationAsn: null,
      autoReplaceInvalidProxies: true,
      autoReplaceLowCountryConfidenceProxies: false,
      autoReplaceOutOfRotationProxies: false,
      autoReplaceFailedSiteCheckProxies: false,
    });
    const [read] = harness.webshare.server.callsTo('GET /api/v3/proxy/config');
    assert.equal(new URLSearchParams(read.query).get('plan_id'), String(residentialPlanId));
  });

  test('updateProxySettings sends only the fields given, upper-cases countries, and answers from the PATCH without another read', async () => {
    const data = await harness.client.data(UpdateWebshareProxySettingsDocument, {
      accountId: RESIDENTIAL,
      input: {
        requestIdleTimeoutSeconds: 600,
        ipAuthorizationCountries: ['us', 'DE'],
        ipAuthorizationCity: 'Berlin',
        ipAuthorizationAsn: 'AS7922',
        autoReplaceOutOfRotationProxies: true,
      },
    });
    const [sent] = harness.webshare.server.callsTo(PATCH_CONFIG);
    assert.deepEqual(JSON.parse(sent.body), {
      request_idle_timeout: 600,
      ip_authorization_country_codes: ['US', 'DE'],
      ip_authorization_city: 'Berlin',
      ip_authorization_asn: 'AS7922',
      auto_replace_out_of_rotation_proxies: true,
    });
    assert.equal(new URLSearchParams(sent.query).get('plan_id'), String(residentialPlanId));
    const settings = data.updateProxySettings.proxySettings!;
    assert.deepEqual(
      [
        settings.requestIdleTimeoutSeconds,
        settings.ipAuthorizationCountries,
        settings.ipAuthorizationCity,
        settings.ipAuthorizationAsn,
        settings.autoReplaceOutOfRotationProxies,
      ],
      [600, ['US', 'DE'], 'Berlin', 'AS7922', true],
    );
    assert.equal(harness.webshare.server.callCount('GET /api/v3/proxy/config'), 0);
    const stored = await config(residentialPlanId);
    assert.deepEqual([stored.request_idle_timeout, stored.ip_authorization_city], [600, 'Berlin']);
  });

  test('null clears a restriction: it is sent as null', async () => {
    const data = await harness.client.data(UpdateWebshareProxySettingsDocument, {
      accountId: RESIDENTIAL,
      input: { ipAuthorizationCity: null, ipAuthorizationCountries: null },
    });
    const [sent] = harness.webshare.server.callsTo(PATCH_CONFIG);
    assert.deepEqual(JSON.parse(sent.body), { ip_authorization_city: null, ip_authorization_country_codes: null });
    assert.deepEqual(
      [data.updateProxySettings.proxySettings!.ipAuthorizationCity, data.updateProxySettings.proxySettings!.ipAuthorizationCountries],
      [null, null],
    );
  });

  test('changes the documented rules refuse are BAD_USER_INPUT with no upstream call', async () => {
    const refused = [
      {},
      { requestTimeoutSeconds: null },
      { requestTimeoutSeconds: 10 },
      { requestTimeoutSeconds: 604_801 },
      { requestIdleTimeoutSeconds: 7_201 },
      { ipAuthorizationCity: 'Berlin', ipAuthorizationState: 'Bavaria' },
      { ipAuthorizationCountries: [] },
      { ipAuthorizationCountries: ['ZZ'] },
      { ipAuthorizationCountries: ['USA'] },
      { ipAuthorizationAsn: 'ASX1' },
    ];
    for (const input of refused) {
      const result = await harness.client.request(UpdateWebshareProxySettingsDocument, { accountId: RESIDENTIAL, input });
      assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT'], JSON.stringify(input));
    }
    assert.equal(calls(), 0);
  });

  test('what only Webshare can judge (a state while a city is set) is its 400, passed on as BAD_USER_INPUT', async () => {
    await harness.client.data(UpdateWebshareProxySettingsDocument, { accountId: RESIDENTIAL, input: { ipAuthorizationCity: 'Berlin' } });
    const result = await harness.client.request(UpdateWebshareProxySettingsDocument, { accountId: RESIDENTIAL, input: { ipAuthorizationState: 'Bavaria' } });
    assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT']);
    assert.equal(result.errors[0].extensions?.provider, 'WEBSHARE');
    await harness.client.data(UpdateWebshareProxySettingsDocument, { accountId: RESIDENTIAL, input: { ipAuthorizationCity: null } });
  });
});

describe('Webshare proxy list password and scopes', () => {
  const KEYS = { reader: 'key-ws13-reader-0123456789', admin: 'key-ws13-admin-0123456789ab' };
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  let scoped: Harness;

  before(async () => {
    scoped = await startHarness({
      auth: {
        mode: 'apiKeys',
        keys: [
          { name: 'reader', sha256: sha256(KEYS.reader), scopes: ['read'], accounts: ['*'] },
          { name: 'admin', sha256: sha256(KEYS.admin), scopes: ['read', 'write', 'credentials'], accounts: ['*'] },
        ],
      },
    });
  });

  after(async () => {
    await scoped?.stop();
  });

  test('proxyListStatus.password needs the credentials scope: FORBIDDEN for a read key, the proxy password for an admin key', async () => {
    const client = (key: string) => new GraphQLTestClient(scoped.proxygraph.url, { authorization: `Bearer ${key}` });
    const reader = await client(KEYS.reader).request(WebshareProxyListPasswordDocument, { id: WEBSHARE_ACCOUNT_ID });
    assert.deepEqual(errorCodes(reader), ['FORBIDDEN']);
    const { password } = await webshareGet<WebshareProxyConfig>(scoped.webshare, '/api/v2/proxy/config/');
    const admin = await client(KEYS.admin).data(WebshareProxyListPasswordDocument, { id: WEBSHARE_ACCOUNT_ID });
    assert.equal(admin.account!.proxyListStatus!.password, password);
  });
});

// Last: a 429 closes the budget of every account on this API key until Retry-After.
describe('Webshare rate limiting on the v3 reads', () => {
  test('a 429 from the v3 list status is RATE_LIMITED with retryAfterSeconds', async () => {
    harness.webshare.server.injectFault({
      endpoint: 'GET /api/v3/proxy/list/status',
      status: 429,
      headers: { 'retry-after': '7' },
      body: { detail: 'Request was throttled. Expected available in 7 seconds.' },
      times: 1,
    });
    const result = await harness.client.request(WebshareProxyListStatusDocument, { id: WEBSHARE_ACCOUNT_ID });
    assert.deepEqual(errorCodes(result), ['RATE_LIMITED']);
    assert.ok(Number(result.errors[0].extensions?.retryAfterSeconds) > 0);
    harness.webshare.server.clearFaults();
  });
});
