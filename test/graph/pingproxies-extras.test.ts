/**
 * Ping Proxies beyond proxies and proxy users, through the graph over HTTP: proxy user ACLs as sub-user
 * access rules (proxy_user_acl/*), a service's audit trail (service_adjustment/search), the credit balance,
 * proxy user list options (proxy/list/options), lines for a search (proxy/list_by_search) and residential
 * gateway lines (residential/list). Input the docs rule out is BAD_USER_INPUT with no call; Ping's own
 * 400/401/403/404/409/429 bodies arrive as typed codes carrying its api_request_id.
 */
import { createHash } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PING, PING_ACCOUNT_ID, pingId, startPingHarness, type PingHarness } from '../support/pingproxies-harness';
import { errorCodes, type GraphQLTestClient } from '../support/graphql-client';
import { DATACENTER_SERVICE_ID, ISP_SERVICE_ID } from '../../src/simulators/pingproxies/data';
import {
  PingAccessRuleDocument,
  PingAccessRulesDocument,
  PingCreateAccessRuleDocument,
  PingCreateSubUserDocument,
  PingCreditBalanceDocument,
  PingDeleteAccessRuleDocument,
  PingFormattedProxyListDocument,
  PingListOptionsDocument,
  PingResidentialListDocument,
  PingServiceAdjustmentDocument,
  PingServiceAdjustmentsDocument,
  PingSetAccessTypeDocument,
} from '../generated/graphql';

const ADMIN_KEY = 'key-ping-extras-admin-0123456789';
const READER_KEY = 'key-ping-extras-reader-012345678';
const WRONG_PRIVATE_KEY = 'wrong-private-key-extras-0123456789';
const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const ACL = {
  search: 'GET /1.0/public/user/proxy_user_acl/search',
  retrieve: 'GET /1.0/public/user/proxy_user_acl/retrieve/:proxy_user_acl_id',
  create: 'POST /1.0/public/user/proxy_user_acl/create',
  delete: 'DELETE /1.0/public/user/proxy_user_acl/delete/:proxy_user_acl_id',
  adjustments: 'GET /1.0/public/user/service_adjustment/search',
  listOptions: 'POST /1.0/public/user/proxy/list/options',
  listBySearch: 'GET /1.0/public/user/proxy/list_by_search',
  residentialList: 'GET /1.0/public/user/residential/list',
} as const;

let harness: PingHarness;
let admin: GraphQLTestClient;

before(async () => {
  harness = await startPingHarness({
    simulator: { proxyCount: 30, extraProxyUsers: 2, proxyUserLimit: 20 },
    extraAccounts: (ping) => [
      { id: 'ping-bad', provider: 'pingproxies', baseUrl: ping.origin, credentials: { publicKey: ping.credentials.publicKey, privateKey: WRONG_PRIVATE_KEY } },
    ],
    server: {
      auth: {
        mode: 'apiKeys',
        keys: [
          { name: 'admin', sha256: sha256(ADMIN_KEY), scopes: ['read', 'write', 'credentials'], accounts: ['*'] },
          { name: 'reader', sha256: sha256(READER_KEY), scopes: ['read'], accounts: ['*'] },
        ],
      },
    },
  });
  admin = harness.client.withHeaders({ authorization: `Bearer ${ADMIN_KEY}` });
});
after(async () => {
  await harness?.stop();
});
beforeEach(() => {
  harness.ping.server.resetCalls();
  harness.ping.server.clearFaults();
});

/** A proxy user made in the simulator's state, with the access type a test needs. */
function seedUser(id: string, accessType: 'all' | 'service_restricted' | 'proxy_restricted'): void {
  const template = harness.ping.state.proxyUsers.get('stevejobs')!;
  harness.ping.state.proxyUsers.set(id, {
    ...template,
    proxy_user_id: id,
    proxy_user_access_type: accessType,
    ip_address_authentications: [],
    restricted_service_ids: [],
    restricted_proxy_ids: [],
  });
}

const aclsOf = (userId: string) => [...harness.ping.state.acls.values()].filter((acl) => acl.proxy_user_id === userId);
const inUseProxy = (serviceId: string) => harness.ping.state.proxies.find((proxy) => proxy.service_id === serviceId && proxy.proxy_status === 'in_use')!;

describe('Ping proxy user ACLs as sub-user access rules', () => {
  test('SubUser.accessRules reads proxy_user_acl/search for that proxy user: the seeded service grant of marketing_team', async () => {
    const data = await admin.data(PingAccessRulesDocument, { id: pingId('SubUser', 'marketing_team'), first: 10 });
    const acl = aclsOf('marketing_team')[0];
    assert.equal(data.subUser!.accessType, 'service_restricted');
    assert.equal(data.subUser!.accessRules!.totalCount, 1);
    assert.deepEqual(
      data.subUser!.accessRules!.edges.map((edge) => edge.node),
      [
        {
          id: pingId('SubUserAccessRule', acl.proxy_user_acl_id),
          target: 'SERVICE',
          subUserId: pingId('SubUser', 'marketing_team'),
          serviceId: pingId('Service', ISP_SERVICE_ID),
          proxyId: null,
          createdAt: new Date(`${acl.proxy_user_acl_creation_datetime!.replace(' ', 'T')}Z`).toISOString(),
        },
      ],
    );
    const query = new URLSearchParams(harness.ping.server.callsTo(ACL.search)[0].query);
    assert.equal(query.get('proxy_user_id'), 'marketing_team');
    assert.equal(query.get('sort_by'), 'proxy_user_acl_id_asc');
  });

  test('a proxy-restricted user is granted one proxy: create sends {proxy_user_id, proxy_id}, reads the rule back by id, and the rule resolves its sub-user and proxy', async () => {
    seedUser('reseller_customer_01', 'proxy_restricted');
    const proxy = inUseProxy(ISP_SERVICE_ID);
    const created = await admin.data(PingCreateAccessRuleDocument, {
      input: { subUserId: pingId('SubUser', 'reseller_customer_01'), proxyId: pingId('Proxy', proxy.proxy_id) },
    });
    const acl = aclsOf('reseller_customer_01')[0];
    assert.equal(created.createSubUserAccessRule.id, pingId('SubUserAccessRule', acl.proxy_user_acl_id));
    assert.equal(created.createSubUserAccessRule.target, 'PROXY');
    assert.equal(created.createSubUserAccessRule.proxyId, pingId('Proxy', proxy.proxy_id));
    assert.deepEqual(JSON.parse(harness.ping.server.callsTo(ACL.create)[0].body), { proxy_user_id: 'reseller_customer_01', proxy_id: proxy.proxy_id });
    assert.equal(harness.ping.server.callCount(ACL.retrieve), 1);

    const read = await admin.data(PingAccessRuleDocument, { id: created.createSubUserAccessRule.id });
    assert.equal(read.subUserAccessRule!.subUser!.username, 'reseller_customer_01');
    assert.equal(read.subUserAccessRule!.proxy!.id, pingId('Proxy', proxy.proxy_id));
    assert.equal(read.subUserAccessRule!.service, null);
  });

  test('deleteSubUserAccessRule removes the entry; a second delete finds nothing (Ping 404) and says deleted: false', async () => {
    const acl = aclsOf('reseller_customer_01')[0];
    const id = pingId('SubUserAccessRule', acl.proxy_user_acl_id);
    assert.deepEqual((await admin.data(PingDeleteAccessRuleDocument, { id })).deleteSubUserAccessRule, { id, deleted: true });
    assert.deepEqual(aclsOf('reseller_customer_01'), []);
    assert.deepEqual((await admin.data(PingDeleteAccessRuleDocument, { id })).deleteSubUserAccessRule, { id, deleted: false });
    assert.equal(harness.ping.server.callCount(ACL.delete), 2);
    assert.equal((await admin.data(PingAccessRuleDocument, { id })).subUserAccessRule, null);
  });

  test("input the docs rule out is BAD_USER_INPUT or NOT_FOUND before any ACL call: both or neither target, another account's target, a malformed proxy id, the default proxy user", async () => {
    const subUserId = pingId('SubUser', 'marketing_team');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ subUserId, serviceId: pingId('Service', ISP_SERVICE_ID), proxyId: pingId('Proxy', inUseProxy(ISP_SERVICE_ID).proxy_id) }, 'BAD_USER_INPUT'],
      [{ subUserId }, 'BAD_USER_INPUT'],
      [{ subUserId, serviceId: pingId('Service', ISP_SERVICE_ID, 'ping-bad') }, 'BAD_USER_INPUT'],
      [{ subUserId, proxyId: pingId('Proxy', 'not-a-uuid') }, 'NOT_FOUND'],
      [{ subUserId: pingId('SubUser', 'default_user'), serviceId: pingId('Service', ISP_SERVICE_ID) }, 'BAD_USER_INPUT'],
    ];
    for (const [input, code] of cases) {
      const result = await admin.request(PingCreateAccessRuleDocument, { input: input as never });
      assert.deepEqual(errorCodes(result), [code], JSON.stringify(input));
    }
    assert.equal(harness.ping.server.callCount(ACL.create), 0);
  });

  test("Ping's own refusals keep their api_request_id: a service grant for a proxy-restricted user is 400, an unknown proxy user 404, the same grant twice 409", async () => {
    seedUser('reseller_customer_02', 'proxy_restricted');
    const wrongKind = await admin.request(PingCreateAccessRuleDocument, {
      input: { subUserId: pingId('SubUser', 'reseller_customer_02'), serviceId: pingId('Service', ISP_SERVICE_ID) },
    });
    assert.deepEqual(errorCodes(wrongKind), ['BAD_USER_INPUT']);
    assert.match(String(wrongKind.errors[0].extensions?.upstreamRequestId), REQUEST_ID);

    const unknown = await admin.request(PingCreateAccessRuleDocument, {
      input: { subUserId: pingId('SubUser', 'nobody_here_02'), serviceId: pingId('Service', ISP_SERVICE_ID) },
    });
    assert.deepEqual(errorCodes(unknown), ['NOT_FOUND']);
    assert.match(String(unknown.errors[0].extensions?.upstreamRequestId), REQUEST_ID);

    const proxyId = pingId('Proxy', inUseProxy(DATACENTER_SERVICE_ID).proxy_id);
    await admin.data(PingCreateAccessRuleDocument, { input: { subUserId: pingId('SubUser', 'reseller_customer_02'), proxyId } });
    const twice = await admin.request(PingCreateAccessRuleDocument, { input: { subUserId: pingId('SubUser', 'reseller_customer_02'), proxyId } });
    assert.deepEqual(errorCodes(twice), ['CONFLICT']);
  });

  test("setSubUserAccessType edits proxy_user_access_type; leaving a restricted type for ALL without clearAccessRules is Ping's 400, with it the rules go", async () => {
    const id = pingId('SubUser', 'reseller_customer_02');
    const refused = await admin.request(PingSetAccessTypeDocument, { id, accessType: 'ALL' });
    assert.deepEqual(errorCodes(refused), ['BAD_USER_INPUT']);
    assert.match(String(refused.errors[0].extensions?.upstreamRequestId), REQUEST_ID);
    assert.equal(aclsOf('reseller_customer_02').length, 1);

    const done = await admin.data(PingSetAccessTypeDocument, { id, accessType: 'ALL', clearAccessRules: true });
    assert.equal(done.setSubUserAccessType.accessType, 'all');
    assert.deepEqual(aclsOf('reseller_customer_02'), []);
    assert.deepEqual(JSON.parse(harness.ping.server.callsTo(PING.userEdit).at(-1)!.body), { proxy_user_access_type: 'all', clear_proxy_user_acl: true });

    const restricted = await admin.data(PingSetAccessTypeDocument, { id, accessType: 'SERVICE_RESTRICTED' });
    assert.equal(restricted.setSubUserAccessType.accessType, 'service_restricted');
    const defaultUser = await admin.request(PingSetAccessTypeDocument, { id: pingId('SubUser', 'default_user'), accessType: 'PROXY_RESTRICTED' });
    assert.deepEqual(errorCodes(defaultUser), ['BAD_USER_INPUT']);
  });

  test("wrong API keys are PROVIDER_AUTH_FAILED and a 403 from Ping is PROVIDER_FORBIDDEN, both with Ping's request id and no key in the answer", async () => {
    const denied = await admin.request(PingAccessRulesDocument, { id: pingId('SubUser', 'marketing_team', 'ping-bad') });
    assert.deepEqual(errorCodes(denied), ['PROVIDER_AUTH_FAILED']);
    assert.match(String(denied.errors[0].extensions?.upstreamRequestId), REQUEST_ID);
    assert.ok(!JSON.stringify(denied).includes(WRONG_PRIVATE_KEY));

    harness.ping.server.injectFault({
      endpoint: ACL.search,
      status: 403,
      body: { error: 'Forbidden', message: "You don't have permission to access this resource.", api_request_id: '2c5a76aa-e286-477b-b88f-e5b492a0ba72' },
      times: 1,
    });
    const forbidden = await admin.request(PingAccessRulesDocument, { id: pingId('SubUser', 'marketing_team') });
    assert.deepEqual(errorCodes(forbidden), ['PROVIDER_FORBIDDEN']);
    assert.equal(forbidden.errors[0].extensions?.upstreamRequestId, '2c5a76aa-e286-477b-b88f-e5b492a0ba72');
  });

  test('the docs\' 10–32 rule for new proxy user ids holds with the seeded 9-character "stevejobs": creating that id is refused before any call, the existing user keeps working', async () => {
    const result = await admin.request(PingCreateSubUserDocument, { input: { accountId: PING_ACCOUNT_ID, username: 'stevejobs' } });
    assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT']);
    assert.equal(harness.ping.server.callCount(PING.userCreate), 0);
    const rules = await admin.data(PingAccessRulesDocument, { id: pingId('SubUser', 'stevejobs') });
    assert.deepEqual(rules.subUser!.accessRules!.edges, []);
  });
});

describe('Ping service adjustments as Service.adjustments', () => {
  test("each service's trail comes newest first from service_adjustment/search with its service_id, in Ping's words, JSON as given and dates in UTC", async () => {
    const data = await admin.data(PingServiceAdjustmentsDocument, { accountId: PING_ACCOUNT_ID, first: 10 });
    const isp = data.account!.services!.find((service) => service.id === pingId('Service', ISP_SERVICE_ID))!;
    const expected = harness.ping.state.adjustments.filter((entry) => entry.service_id === ISP_SERVICE_ID).reverse();
    assert.equal(isp.adjustments!.totalCount, expected.length);
    assert.deepEqual(
      isp.adjustments!.edges.map((edge) => edge.node.type),
      expected.map((entry) => entry.service_adjustment_type),
    );
    const ingestion = isp.adjustments!.edges.at(-1)!.node;
    const seeded = expected.at(-1)!;
    assert.deepEqual(ingestion, {
      id: pingId('ServiceAdjustment', String(seeded.service_adjustment_id)),
      type: 'ingestion',
      status: 'complete',
      byAdministrator: false,
      automatic: false,
      byCustomer: true,
      before: null,
      after: seeded.service_adjustment_post,
      evaluation: seeded.service_adjustment_eval,
      invoiceId: seeded.invoice_id,
      createdAt: new Date(`${seeded.service_adjustment_creation_datetime!.replace(' ', 'T')}Z`).toISOString(),
      updatedAt: new Date(`${seeded.service_adjustment_last_update_datetime!.replace(' ', 'T')}Z`).toISOString(),
    });
    const queries = harness.ping.server.callsTo(ACL.adjustments).map((call) => new URLSearchParams(call.query));
    assert.equal(queries.length, 4);
    for (const query of queries) assert.equal(query.get('sort_by'), 'service_adjustment_id_desc');
    assert.ok(queries.some((query) => query.get('service_id') === ISP_SERVICE_ID));
  });

  test('serviceAdjustment(id) reads service_adjustment/retrieve; an id that is not an integer is null without a call', async () => {
    const seeded = harness.ping.state.adjustments[0];
    const id = pingId('ServiceAdjustment', String(seeded.service_adjustment_id));
    const data = await admin.data(PingServiceAdjustmentDocument, { id });
    assert.deepEqual(data.serviceAdjustment, { id, type: seeded.service_adjustment_type, status: 'complete', invoiceId: seeded.invoice_id });
    assert.equal(harness.ping.server.callCount('GET /1.0/public/user/service_adjustment/retrieve/:service_adjustment_id'), 1);
    harness.ping.server.resetCalls();
    assert.equal((await admin.data(PingServiceAdjustmentDocument, { id: pingId('ServiceAdjustment', 'abc') })).serviceAdjustment, null);
    const missing = await admin.request(PingServiceAdjustmentDocument, { id: pingId('ServiceAdjustment', '999999') });
    assert.equal(missing.data?.serviceAdjustment, null);
    assert.equal(harness.ping.server.calls.length, 1);
  });

  test('the trail pages with Relay cursors, one Ping page per window', async () => {
    const first = await admin.data(PingServiceAdjustmentsDocument, { accountId: PING_ACCOUNT_ID, first: 1 });
    const isp = first.account!.services!.find((service) => service.id === pingId('Service', ISP_SERVICE_ID))!;
    assert.equal(isp.adjustments!.edges.length, 1);
    assert.equal(isp.adjustments!.pageInfo.hasNextPage, true);
    assert.equal(isp.adjustments!.edges[0].node.type, 'proxy_replacement');
  });
});

describe('Ping credit balance', () => {
  test('AccountProfile.creditBalanceCents is credit_balance in cents, in USD', async () => {
    const data = await admin.data(PingCreditBalanceDocument, { id: PING_ACCOUNT_ID });
    assert.deepEqual(data.account!.profile, { email: 'steve.jobs@apple.com', creditBalanceCents: 2500, creditBalanceCurrency: 'USD' });
    assert.equal(harness.ping.server.callCount(PING.customer), 1);
  });
});

describe('Ping proxy user list options', () => {
  test("for proxy ids: every active proxy user with has_access, a service grant reaching its service's proxies only", async () => {
    const isp = inUseProxy(ISP_SERVICE_ID);
    const datacenter = inUseProxy(DATACENTER_SERVICE_ID);
    const forIsp = await admin.data(PingListOptionsDocument, { id: PING_ACCOUNT_ID, proxyIds: [pingId('Proxy', isp.proxy_id)] });
    const options = forIsp.account!.proxyUserListOptions!;
    const live = [...harness.ping.state.proxyUsers.values()].filter((user) => !user.proxy_user_is_deleted).map((user) => user.proxy_user_id);
    assert.deepEqual(
      options.map((option) => option.username),
      live,
    );
    const marketing = options.find((option) => option.username === 'marketing_team')!;
    assert.deepEqual(marketing, { subUserId: pingId('SubUser', 'marketing_team'), username: 'marketing_team', hasAccess: true, isDefault: false });
    assert.equal(options.find((option) => option.username === 'default_user')!.isDefault, true);
    assert.deepEqual(JSON.parse(harness.ping.server.callsTo(ACL.listOptions)[0].body), { proxy_ids: [isp.proxy_id] });

    const both = await admin.data(PingListOptionsDocument, {
      id: PING_ACCOUNT_ID,
      proxyIds: [pingId('Proxy', isp.proxy_id), pingId('Proxy', datacenter.proxy_id)],
    });
    assert.equal(both.account!.proxyUserListOptions!.find((option) => option.username === 'marketing_team')!.hasAccess, false);
  });

  test("for a filter: the graph filter becomes Ping's search_filter; one that cannot be one search is refused, one that matches nothing answers empty, neither with a call", async () => {
    await admin.data(PingListOptionsDocument, {
      id: PING_ACCOUNT_ID,
      filter: { countries: ['us'], statuses: ['OK'], serviceIds: [pingId('Service', ISP_SERVICE_ID)] },
    });
    assert.deepEqual(JSON.parse(harness.ping.server.callsTo(ACL.listOptions)[0].body), {
      search_filter: { country_id: 'us', proxy_status: 'in_use', service_id: ISP_SERVICE_ID },
    });
    harness.ping.server.resetCalls();
    const several = await admin.request(PingListOptionsDocument, { id: PING_ACCOUNT_ID, filter: { countries: ['US', 'DE'] } });
    assert.deepEqual(errorCodes(several), ['BAD_USER_INPUT']);
    const neither = await admin.request(PingListOptionsDocument, { id: PING_ACCOUNT_ID });
    assert.deepEqual(errorCodes(neither), ['BAD_USER_INPUT']);
    const nothing = await admin.data(PingListOptionsDocument, { id: PING_ACCOUNT_ID, filter: { statuses: ['DEGRADED'] } });
    assert.deepEqual(nothing.account!.proxyUserListOptions, []);
    assert.equal(harness.ping.server.calls.length, 0);
  });
});

describe('Ping generated proxy lists', () => {
  test("formattedProxyList sends the filter to list_by_search and answers one line per matching proxy with the default user's credentials", async () => {
    const data = await admin.data(PingFormattedProxyListDocument, { id: PING_ACCOUNT_ID, filter: { countries: ['US'], types: ['ISP'], statuses: ['OK'] } });
    const owner = harness.ping.state.proxyUsers.get('default_user')!;
    const expected = harness.ping.state.proxies
      .filter((proxy) => proxy.country_id === 'us' && proxy.proxy_type === 'isp' && proxy.proxy_status === 'in_use')
      .map((proxy) => `${proxy.proxy_ip_address}:${proxy.proxy_http_port}:${owner.proxy_user_id}:${owner.proxy_user_password}`);
    assert.ok(expected.length > 0);
    assert.deepEqual(data.account!.formattedProxyList, expected);
    const query = new URLSearchParams(harness.ping.server.callsTo(ACL.listBySearch)[0].query);
    assert.deepEqual(Object.fromEntries(query), { country_id: 'us', proxy_type: 'isp', proxy_status: 'in_use' });
  });

  test("a restricted sub-user's lines cover what its rules reach, in the chosen format", async () => {
    const data = await admin.data(PingFormattedProxyListDocument, { id: PING_ACCOUNT_ID, format: 'SOCKS5', subUserId: pingId('SubUser', 'marketing_team') });
    const lines = data.account!.formattedProxyList!;
    const reachable = harness.ping.state.proxies.filter((proxy) => proxy.service_id === ISP_SERVICE_ID);
    assert.equal(lines.length, reachable.length);
    assert.ok(lines.every((line) => line.startsWith('socks5://marketing_team:secure_password@')));
    const query = new URLSearchParams(harness.ping.server.callsTo(ACL.listBySearch)[0].query);
    assert.deepEqual(Object.fromEntries(query), { list_format: 'socks5', proxy_user_id: 'marketing_team' });
  });

  test('lines with credentials need the credentials scope; IP_ADDRESS lines carry none and a read key gets them', async () => {
    const reader = harness.client.withHeaders({ authorization: `Bearer ${READER_KEY}` });
    const refused = await reader.request(PingFormattedProxyListDocument, { id: PING_ACCOUNT_ID });
    assert.deepEqual(errorCodes(refused), ['FORBIDDEN']);
    const residential = await reader.request(PingResidentialListDocument, { id: PING_ACCOUNT_ID });
    assert.deepEqual(errorCodes(residential), ['FORBIDDEN']);
    assert.equal(harness.ping.server.calls.length, 0);
    const bare = await reader.data(PingFormattedProxyListDocument, { id: PING_ACCOUNT_ID, authentication: 'IP_ADDRESS', filter: { countries: ['DE'] } });
    assert.ok(bare.account!.formattedProxyList!.every((line) => /^\d+\.\d+\.\d+\.\d+:\d+$/.test(line)));
  });

  test("residentialProxyList asks residential/list for a country, count and sticky sessions of a sub-user, and answers Ping's lines", async () => {
    const data = await admin.data(PingResidentialListDocument, {
      id: PING_ACCOUNT_ID,
      input: { subUserId: pingId('SubUser', 'stevejobs'), country: 'US', count: 3, sessionType: 'STICKY', sessionTtlSeconds: 300 },
    });
    const lines = data.account!.residentialProxyList!;
    assert.equal(lines.length, 3);
    for (const line of lines) assert.match(line, /^[a-z.]+:\d+:stevejobs-country-us-session-[a-z0-9]{8}-ttl-300:apple1984$/);
    const query = new URLSearchParams(harness.ping.server.callsTo(ACL.residentialList)[0].query);
    assert.deepEqual(Object.fromEntries(query), {
      proxy_user_id: 'stevejobs',
      country_id: 'us',
      list_count: '3',
      list_session_type: 'sticky',
      list_session_ttl: '300',
    });
  });

  test("residential input outside the rules is BAD_USER_INPUT with no call; an unknown sub-user is Ping's 404", async () => {
    for (const input of [
      { count: 0 },
      { count: 1001 },
      { sessionType: 'ROTATING' as const, sessionTtlSeconds: 60 },
      { country: 'USA' },
      { subdivision: 'texas' },
    ]) {
      const result = await admin.request(PingResidentialListDocument, { id: PING_ACCOUNT_ID, input });
      assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT'], JSON.stringify(input));
    }
    assert.equal(harness.ping.server.calls.length, 0);
    const unknown = await admin.request(PingResidentialListDocument, { id: PING_ACCOUNT_ID, input: { subUserId: pingId('SubUser', 'nobody_here_03') } });
    assert.deepEqual(errorCodes(unknown), ['NOT_FOUND']);
    assert.match(String(unknown.errors[0].extensions?.upstreamRequestId), REQUEST_ID);
  });
});

// Last: a 429 closes the account's budget for the seconds Ping names.
describe('Ping rate limit on the new endpoints', () => {
  test('a 429 on proxy_user_acl/create is RATE_LIMITED with the seconds Ping names, and nothing is retried', async () => {
    seedUser('reseller_customer_03', 'service_restricted');
    harness.ping.server.injectFault({
      endpoint: ACL.create,
      status: 429,
      body: {
        error: 'Too Many Requests',
        message: 'Rate limit exceeded. Please try again in 1 seconds.',
        api_request_id: '3d5a76aa-e286-477b-b88f-e5b492a0ba73',
      },
      times: 1,
    });
    const limited = await admin.request(PingCreateAccessRuleDocument, {
      input: { subUserId: pingId('SubUser', 'reseller_customer_03'), serviceId: pingId('Service', ISP_SERVICE_ID) },
    });
    assert.deepEqual(errorCodes(limited), ['RATE_LIMITED']);
    assert.equal(limited.errors[0].extensions?.retryAfterSeconds, 1);
    assert.equal(limited.errors[0].extensions?.upstreamRequestId, '3d5a76aa-e286-477b-b88f-e5b492a0ba73');
    assert.equal(harness.ping.server.callCount(ACL.create), 1);
    assert.deepEqual(aclsOf('reseller_customer_03'), []);
  });
});
