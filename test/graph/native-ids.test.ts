/**
 * Issue 11, item 6: ids that reach URLs. Every native id is checked against its provider's documented form
 * before it enters a path (an id that can never exist is NOT_FOUND, null from a getter, or nothing removed, with no call), a
 * Ping proxy user cannot be created with an id outside its documented form, and the upstream layer refuses
 * `.`, `..`, empty and `/`-bearing path segments whatever a caller builds.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEstateHarness, type EstateHarness } from '../support/estate-harness';
import { estateUpstreamCalls, resetEstateCalls } from '../support/estate-calls';
import { errorCodes, type GraphQLResult } from '../support/graphql-client';
import { encodeGlobalId } from '../../src/domain/ids';
import type { PingProxiesSimulator } from '../../src/simulators/pingproxies';

let estate: EstateHarness;
before(async () => {
  estate = await startEstateHarness();
});
after(() => estate?.stop());
beforeEach(() => resetEstateCalls(estate));

const upstreamCalls = () => estateUpstreamCalls(estate);

function assertNoCall(result: GraphQLResult<unknown>, codes: string[], what: string): void {
  assert.deepEqual(errorCodes(result), codes, `${what}: ${JSON.stringify(result.errors).slice(0, 300)}`);
  assert.equal(upstreamCalls(), 0, `${what} made an upstream call`);
}

/** A removal of what can never exist: nothing removed (removal is idempotent), and no call. */
function assertNothingRemoved(result: GraphQLResult<unknown>, what: string): void {
  assertNoCall(result, [], what);
  assert.deepEqual(Object.values(result.data as Record<string, unknown>), [{ deleted: false }], what);
}

/** Native ids that could never exist on any provider, and would walk a URL path if sent. */
const CRAFTED = ['..', '.', '../..', 'a/b', '%2e%2e', '..%2f', '12/..', ' 12', 'x'.repeat(200), 'user\u0000abcdefgh'];
/** ProxyMesh usernames may be dots ([A-Za-z0-9.@+-]{1,30}); they travel in form bodies and queries, never in a path. */
const NOT_PROXYMESH_USERNAMES = CRAFTED.filter((id) => !/^\.+$/.test(id));

const UPDATE_SUB_USER = 'mutation($id: ID!) { updateSubUser(id: $id, input: { label: "x" }) { id } }';
const DELETE_SUB_USER = 'mutation($id: ID!) { deleteSubUser(id: $id) { deleted } }';
const REFRESH_SUB_USER = 'mutation($id: ID!) { refreshSubUserProxies(id: $id) { id } }';
const SET_ACTIVE = 'mutation($id: ID!) { setSubUserActive(id: $id, active: false) { id } }';
const SUB_USER = 'query($id: ID!) { subUser(id: $id) { id } }';
const PROXY = 'query($id: ID!) { proxy(id: $id) { id } }';
const REVOKE_AUTHORIZATION = 'mutation($id: ID!) { revokeIpAuthorization(id: $id) { deleted } }';

describe("native ids are checked against their provider's documented form before they enter a path", () => {
  test('Webshare sub-user ids (integers) on update, delete, refresh and get: NOT_FOUND or null, no call', async () => {
    for (const nativeId of [...CRAFTED, '12abc', '-1', '1.5']) {
      const id = encodeGlobalId('SubUser', 'ws', nativeId);
      assertNoCall(await estate.client.request(UPDATE_SUB_USER, { id }), ['NOT_FOUND'], `updateSubUser ${JSON.stringify(nativeId)}`);
      assertNothingRemoved(await estate.client.request(DELETE_SUB_USER, { id }), `deleteSubUser ${JSON.stringify(nativeId)}`);
      assertNoCall(await estate.client.request(REFRESH_SUB_USER, { id }), ['NOT_FOUND'], `refreshSubUserProxies ${JSON.stringify(nativeId)}`);
      const read = await estate.client.request(SUB_USER, { id });
      assertNoCall(read, [], `subUser ${JSON.stringify(nativeId)}`);
      assert.deepEqual(read.data, { subUser: null });
      assertNothingRemoved(
        await estate.client.request(REVOKE_AUTHORIZATION, { id: encodeGlobalId('IpAuthorization', 'ws', nativeId) }),
        'revokeIpAuthorization',
      );
    }
  });

  test('Ping proxy user, service, proxy and IP authorization ids: NOT_FOUND or null, no call', async () => {
    for (const nativeId of CRAFTED) {
      const subUser = encodeGlobalId('SubUser', 'ping', nativeId);
      assertNoCall(
        await estate.client.request(UPDATE_SUB_USER.replace('label: "x"', 'password: "new-pass-1"'), { id: subUser }),
        ['NOT_FOUND'],
        `updateSubUser ${JSON.stringify(nativeId)}`,
      );
      assertNothingRemoved(await estate.client.request(DELETE_SUB_USER, { id: subUser }), `deleteSubUser ${JSON.stringify(nativeId)}`);
      const read = await estate.client.request(SUB_USER, { id: subUser });
      assertNoCall(read, [], `subUser ${JSON.stringify(nativeId)}`);
      assert.deepEqual(read.data, { subUser: null });
      const proxy = await estate.client.request(PROXY, { id: encodeGlobalId('Proxy', 'ping', nativeId) });
      assertNoCall(proxy, [], `proxy ${JSON.stringify(nativeId)}`);
      assert.deepEqual(proxy.data, { proxy: null });
      const service = encodeGlobalId('Service', 'ping', nativeId);
      assertNoCall(
        await estate.client.request('mutation($id: ID!) { updateService(id: $id, input: { automaticCollection: false }) { id } }', { id: service }),
        ['NOT_FOUND'],
        `updateService ${JSON.stringify(nativeId)}`,
      );
      assertNoCall(
        await estate.client.request('mutation($id: ID!) { cancelService(id: $id, input: { reason: OTHER }) { id } }', { id: service }),
        ['NOT_FOUND'],
        `cancelService ${JSON.stringify(nativeId)}`,
      );
      assertNothingRemoved(
        await estate.client.request(REVOKE_AUTHORIZATION, { id: encodeGlobalId('IpAuthorization', 'ping', `${nativeId}/198.51.100.9`) }),
        `revokeIpAuthorization ${JSON.stringify(nativeId)}`,
      );
    }
  });

  test('WonderProxy authlist and DNS ids (integers) and ProxyMesh usernames: NOT_FOUND, no call', async () => {
    for (const nativeId of CRAFTED) {
      const entry = encodeGlobalId('IpAuthorization', 'wp', nativeId);
      assertNothingRemoved(await estate.client.request(REVOKE_AUTHORIZATION, { id: entry }), `wp revokeIpAuthorization ${JSON.stringify(nativeId)}`);
      assertNoCall(
        await estate.client.request('mutation($id: ID!) { updateIpAuthorization(id: $id, input: { user: "joe" }) { id } }', { id: entry }),
        ['NOT_FOUND'],
        `updateIpAuthorization ${JSON.stringify(nativeId)}`,
      );
      assertNothingRemoved(
        await estate.client.request('mutation($id: ID!) { deleteDnsOverride(id: $id) { deleted } }', { id: encodeGlobalId('DnsOverride', 'wp', nativeId) }),
        'deleteDnsOverride',
      );
    }
    for (const nativeId of NOT_PROXYMESH_USERNAMES) {
      const sub = encodeGlobalId('SubUser', 'pm', nativeId);
      assertNothingRemoved(await estate.client.request(DELETE_SUB_USER, { id: sub }), `pm deleteSubUser ${JSON.stringify(nativeId)}`);
      assertNoCall(await estate.client.request(SET_ACTIVE, { id: sub }), ['NOT_FOUND'], `pm setSubUserActive ${JSON.stringify(nativeId)}`);
      assertNothingRemoved(
        await estate.client.request(REVOKE_AUTHORIZATION, { id: encodeGlobalId('IpAuthorization', 'pm', `${nativeId}|198.51.100.9`) }),
        'pm revokeIpAuthorization',
      );
    }
  });

  test('creating a Ping proxy user whose id is not of the documented form is BAD_USER_INPUT with no call', async () => {
    const before = (estate.simulators.pingproxies as PingProxiesSimulator).state.proxyUsers.size;
    for (const username of ['../../abcdefg', 'abcdefgh/..', '..........', 'has space in it', 'percent%2fid', 'colon:user:x']) {
      const result = await estate.client.request('mutation($input: CreateSubUserInput!) { createSubUser(input: $input) { id } }', {
        input: { accountId: 'ping', username },
      });
      assertNoCall(result, ['BAD_USER_INPUT'], `createSubUser ${username}`);
      assert.ok(
        Object.keys((result.errors[0].extensions?.fields ?? {}) as object).some((field) => field.endsWith('username')),
        JSON.stringify(result.errors[0]),
      );
    }
    assert.equal((estate.simulators.pingproxies as PingProxiesSimulator).state.proxyUsers.size, before);
  });
});
