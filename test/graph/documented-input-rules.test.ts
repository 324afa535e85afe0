/**
 * What the providers' docs say about valid input is checked before the first upstream call (issue 12, §4a): a
 * violation is BAD_USER_INPUT naming its fields, and the simulators' call logs show no call. A limit the plan
 * sets (sub-users left) needs the counter read first: it is PLAN_LIMIT, and the write is never sent.
 * One test per rule family; the first two are the review's findings.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEstateHarness, type EstateHarness } from '../support/estate-harness';
import { assertRefusedBeforeUpstream, errorFields, resetEstateCalls } from '../support/estate-calls';
import { errorCodes, type GraphQLResult } from '../support/graphql-client';
import { PING } from '../support/pingproxies-harness';
import { encodeGlobalId } from '../../src/domain/ids';
import type { PingProxiesSimulator } from '../../src/simulators/pingproxies';
import type { WebshareSimulator } from '../../src/simulators/webshare';
import type { ProxyMeshSimulator } from '../../src/simulators/proxymesh';

let estate: EstateHarness;
before(async () => {
  estate = await startEstateHarness();
});
after(() => estate?.stop());
beforeEach(() => resetEstateCalls(estate));

const ping = () => estate.simulators.pingproxies as PingProxiesSimulator;
const webshare = () => estate.simulators.webshare as WebshareSimulator;
const proxymesh = () => estate.simulators.proxymesh as ProxyMeshSimulator;

const assertRefused = (result: GraphQLResult<unknown>, field: string, what: string) => assertRefusedBeforeUpstream(estate, result, field, what);

const DELETE_SUB_USER = 'mutation($id: ID!) { deleteSubUser(id: $id) { deleted } }';
const CREATE_SUB_USER = 'mutation($input: CreateSubUserInput!) { createSubUser(input: $input) { id } }';
const REPLACE = 'mutation($input: ReplaceProxiesInput!) { replaceProxies(input: $input) { id state } }';
const CREDENTIALS = 'mutation($input: ProxyCredentialsInput!) { updateProxyCredentials(accountId: "ws", input: $input) { id } }';

const replace = (toReplace: Record<string, unknown>, replaceWith: Array<Record<string, unknown>>) =>
  estate.client.request(REPLACE, { input: { accountId: 'ws', toReplace, replaceWith, dryRun: true } });

describe("the review's findings: refused before the upstream call, not after it", () => {
  test("deleting Ping's default proxy user is BAD_USER_INPUT and never sends the delete; once a read has shown it, no call at all", async () => {
    const id = encodeGlobalId('SubUser', 'ping', 'default_user');
    const first = await estate.client.request(DELETE_SUB_USER, { id });
    assert.deepEqual(errorCodes(first), ['BAD_USER_INPUT'], JSON.stringify(first.errors));
    assert.equal(ping().server.callCount(PING.userDelete), 0, 'the delete reached Ping');
    assert.ok(errorFields(first).includes('id'));
    assert.equal(ping().state.proxyUsers.get('default_user')!.proxy_user_is_deleted, false);

    // The adapter remembers the default proxy user from any read that shows it.
    await estate.client.request('{ account(id: "ping") { subUsers(first: 5) { totalCount } } }');
    resetEstateCalls(estate);
    assertRefused(await estate.client.request(DELETE_SUB_USER, { id }), 'id', 'second delete of the default user');
  });

  test('a replacement whose replaceWith counts cannot add up to what toReplace removes is refused with no upstream call', async () => {
    assertRefused(await replace({ type: 'COUNTRY', countryCode: 'US', count: 3 }, [{ type: 'ANY', count: 2 }]), 'replaceWith', '3 removed, 2 added');
    assertRefused(
      await replace({ type: 'IP_ADDRESS', ipAddresses: ['198.51.100.1', '198.51.100.2'] }, [{ type: 'ANY', count: 1 }]),
      'replaceWith',
      '2 addresses, 1 added',
    );
    assertRefused(
      await replace({ type: 'COUNTRY', countryCode: 'US', count: 2 }, [
        { type: 'COUNTRY', countryCode: 'FR', count: 3 },
        { type: 'COUNTRY', countryCode: 'DE' },
      ]),
      'replaceWith',
      'more added than removed, one item open',
    );
    assert.equal(webshare().state.replacements.size, 0);

    // Counts that add up go to Webshare.
    const equal = await replace({ type: 'COUNTRY', countryCode: 'US', count: 2 }, [
      { type: 'ANY', count: 1 },
      { type: 'COUNTRY', countryCode: 'FR', count: 1 },
    ]);
    assert.deepEqual(errorCodes(equal), []);
    assert.equal(webshare().server.callCount('POST /api/v3/proxy/replace/'), 1);
  });
});

describe('each documented rule is checked before the first upstream call', () => {
  test('Webshare replacement selectors: each type carries its own field, on its own side, with host bits zero', async () => {
    const cases: Array<[Record<string, unknown>, Array<Record<string, unknown>>, string]> = [
      [{ type: 'ANY', count: 1 }, [{ type: 'ANY', count: 1 }], 'toReplace'],
      [{ type: 'COUNTRY', countryCode: 'US', count: 1 }, [{ type: 'IP_ADDRESS', ipAddresses: ['198.51.100.1'] }], 'replaceWith.0'],
      [{ type: 'IP_RANGE', count: 1 }, [{ type: 'ANY', count: 1 }], 'toReplace.ipRanges'],
      [{ type: 'IP_RANGE', ipRanges: ['1.2.3.4/24'], count: 1 }, [{ type: 'ANY', count: 1 }], 'toReplace.ipRanges'],
      [{ type: 'ASN', asnNumbers: ['7631'], countryCode: 'US', count: 1 }, [{ type: 'ANY', count: 1 }], 'toReplace.countryCode'],
      [{ type: 'IP_ADDRESS', ipAddresses: ['198.51.100.1'], count: 1 }, [{ type: 'ANY', count: 1 }], 'toReplace.count'],
      [{ type: 'COUNTRY', countryCode: 'US', count: 1 }, [{ type: 'ANY' }], 'replaceWith.0.count'],
    ];
    for (const [toReplace, replaceWith, field] of cases)
      assertRefused(await replace(toReplace, replaceWith), field, JSON.stringify({ toReplace, replaceWith }));
  });

  test('Webshare proxy credentials: something to change, and a password that is not the username', async () => {
    assertRefused(await estate.client.request(CREDENTIALS, { input: {} }), 'input', 'empty change');
    assertRefused(await estate.client.request(CREDENTIALS, { input: { username: 'teamproxy01', password: 'TeamProxy01' } }), 'password', 'password = username');
    assertRefused(await estate.client.request(CREDENTIALS, { input: { username: 'short' } }), 'username', '5 characters');
    assertRefused(
      await estate.client.request(CREDENTIALS, { input: { requestIdleTimeoutSeconds: 7_201 } }),
      'requestIdleTimeoutSeconds',
      'idle timeout over 2 hours',
    );
  });

  test('sub-user fields a provider has no place for are refused, not dropped: Webshare contact details and metadata, Ping names', async () => {
    assertRefused(
      await estate.client.request(CREATE_SUB_USER, { input: { accountId: 'ws', label: 'contact', email: 'ann@example.com' } }),
      'email',
      'Webshare email',
    );
    assertRefused(
      await estate.client.request(CREATE_SUB_USER, { input: { accountId: 'ws', label: 'meta', metadata: { team: 'a' } } }),
      'metadata',
      'Webshare metadata',
    );
    assertRefused(
      await estate.client.request(CREATE_SUB_USER, { input: { accountId: 'ws', label: 'one-name', username: 'another-name' } }),
      'username',
      'Webshare label and username',
    );
    assertRefused(
      await estate.client.request(CREATE_SUB_USER, { input: { accountId: 'ping', username: 'named_user_01', firstName: 'Ann' } }),
      'firstName',
      'Ping firstName',
    );
  });

  test("Webshare sub-users: refreshing one without its own proxy list is BAD_USER_INPUT (Webshare's own refusal: no read before every refresh)", async () => {
    const created = await estate.client.request(CREATE_SUB_USER, { input: { accountId: 'ws', label: 'account-list-user' } });
    const id = (created.data as { createSubUser: { id: string } }).createSubUser.id;
    const result = await estate.client.request('mutation($id: ID!) { refreshSubUserProxies(id: $id) { id } }', { id });
    assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT']);
  });

  test("Webshare sub-user limit: with none left on the plan, createSubUser is PLAN_LIMIT (Webshare's own refusal: no plan read before every create)", async () => {
    const plans = [...webshare().state.plans.values()].map((entry) => entry.plan);
    const totals = plans.map((plan) => plan.subusers_total);
    plans.forEach((plan) => (plan.subusers_total = 0));
    try {
      const result = await estate.client.request(CREATE_SUB_USER, { input: { accountId: 'ws', label: 'one-too-many' } });
      assert.deepEqual(errorCodes(result), ['PLAN_LIMIT']);
    } finally {
      plans.forEach((plan, index) => (plan.subusers_total = totals[index]));
    }
  });

  test("Ping proxy user IP limit: an IP past the user's cap is PLAN_LIMIT for that account, and the edit is never sent", async () => {
    const user = ping().state.proxyUsers.get('stevejobs')!;
    const cap = user.proxy_user_ip_address_authentication_limit;
    user.proxy_user_ip_address_authentication_limit = user.ip_address_authentications.length;
    try {
      const result = await estate.client.request('mutation($input: AuthorizeIpInput!) { authorizeIp(input: $input) { ok error { code } } }', {
        input: { ip: '198.51.100.70', accountIds: ['ping'], subUserIds: [encodeGlobalId('SubUser', 'ping', 'stevejobs')] },
      });
      assert.deepEqual((result.data as { authorizeIp: unknown[] }).authorizeIp, [{ ok: false, error: { code: 'PLAN_LIMIT' } }]);
      assert.equal(ping().server.callCount(PING.userEdit), 0);
    } finally {
      user.proxy_user_ip_address_authentication_limit = cap;
    }
  });

  test("ProxyMesh sub-accounts cannot take the parent account's username", async () => {
    const parent = proxymesh().credentials.username;
    assertRefused(await estate.client.request(CREATE_SUB_USER, { input: { accountId: 'pm', username: parent } }), 'username', 'parent username');
    assertRefused(
      await estate.client.request(CREATE_SUB_USER, { input: { accountId: 'pm', username: parent.toUpperCase() } }),
      'username',
      'parent username, other case',
    );
  });
});
