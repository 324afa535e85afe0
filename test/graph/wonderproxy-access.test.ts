/**
 * WonderProxy IP authlist through the graph: GraphQL over HTTP → ProxyGraph → WonderProxy simulator.
 * List (exact IP, batched users), create, read one, patch, delete one, delete all, with each documented error.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startWonderProxyHarness, WONDERPROXY_ACCOUNT_ID, wonderproxyGet, type WonderProxyHarness } from '../support/wonderproxy-harness';
import { errorCodes } from '../support/graphql-client';
import {
  AccountIpAuthorizationsDocument,
  AuthorizeIpDocument,
  IpAuthorizationsDocument,
  RevokeIpAuthorizationDocument,
  RevokeIpDocument,
  WonderProxyClearIpAuthorizationsDocument,
  WonderProxyIpAuthorizationsByUsersDocument,
  WonderProxyUpdateIpAuthorizationDocument,
} from '../generated/graphql';
import type { WonderProxyAuthlistEntry } from '../../src/providers/wonderproxy/wire';

const LIST = 'GET /v0/contract/ip-authlist';
const CREATE = 'POST /v0/contract/ip-authlist';
let harness: WonderProxyHarness;

before(async () => {
  harness = await startWonderProxyHarness();
});
after(() => harness?.stop());
beforeEach(() => harness.wonderproxy.server.resetCalls());

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000);
const toSeconds = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString();
const authlist = () => wonderproxyGet<WonderProxyAuthlistEntry[]>(harness.wonderproxy, '/v0/contract/ip-authlist');

async function authorize(ip: string, user: string | null, expiresAt: Date | null) {
  const result = await harness.client.data(AuthorizeIpDocument, {
    input: { ip, accountIds: [WONDERPROXY_ACCOUNT_ID], user, expiresAt: expiresAt?.toISOString() ?? null },
  });
  return result.authorizeIp[0];
}

describe('WonderProxy IP authorizations: reading', () => {
  test("the authlist is listed with each entry's user and expiry as DateTime", async () => {
    const upstream = await authlist();
    harness.wonderproxy.server.resetCalls();
    const { account } = await harness.client.data(AccountIpAuthorizationsDocument, { id: WONDERPROXY_ACCOUNT_ID });
    assert.deepEqual(
      account!.ipAuthorizations!.map(({ ip, user, expiresAt }) => ({ ip, user, expiresAt })),
      upstream.map((entry) => ({ ip: entry.ip, user: entry.user, expiresAt: new Date(entry.expiry * 1000).toISOString() })),
    );
    assert.equal(harness.wonderproxy.server.callCount(LIST), 1);
  });

  test('an IP filter keeps only that exact address, compared on canonical forms in one list call (upstream ?ip= matches text)', async () => {
    const data = await harness.client.data(IpAuthorizationsDocument, { filter: { ip: '::ffff:123.52.25.14' } });
    assert.deepEqual(
      data.ipAuthorizations.map((entry) => entry.ip),
      ['123.52.25.14'],
    );
    assert.equal(harness.wonderproxy.server.callCount(LIST), 1);
    assert.equal(new URLSearchParams(harness.wonderproxy.server.callsTo(LIST)[0].query).get('ip'), null);
  });

  test('lookups by user in one operation go out as one ?user=a,b call', async () => {
    const data = await harness.client.data(WonderProxyIpAuthorizationsByUsersDocument, { first: ['joe'], second: ['jill', 'jack'] });
    assert.ok(data.first.length >= 1 && data.first.every((entry) => entry.user === 'joe'));
    assert.ok(data.second.length >= 2 && data.second.every((entry) => entry.user === 'jill' || entry.user === 'jack'));
    assert.equal(harness.wonderproxy.server.callCount(LIST), 1);
    const users = new URLSearchParams(harness.wonderproxy.server.callsTo(LIST)[0].query).get('user')!;
    assert.deepEqual(users.split(',').sort(), ['jack', 'jill', 'joe']);
  });

  test('a user name that cannot travel in ?user= is refused before any call', async () => {
    const result = await harness.client.request(WonderProxyIpAuthorizationsByUsersDocument, { first: ['joe,jill'], second: ['jack'] });
    assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT']);
    // Only the valid alias reached WonderProxy.
    assert.deepEqual(
      harness.wonderproxy.server.callsTo(LIST).map((call) => new URLSearchParams(call.query).get('user')),
      ['jack'],
    );
  });

  test('a federation reference to an entry reads it by id; a removed one resolves to null', async () => {
    const { account } = await harness.client.data(AccountIpAuthorizationsDocument, { id: WONDERPROXY_ACCOUNT_ID });
    const target = account!.ipAuthorizations![0];
    harness.wonderproxy.server.resetCalls();
    const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on IpAuthorization { id ip user } } }`;
    const gone = Buffer.from(`IpAuthorization:${WONDERPROXY_ACCOUNT_ID}:999999`).toString('base64url');
    const result = await harness.client.request<{ _entities: Array<{ ip: string; user: string } | null> }, { representations: unknown[] }>(query, {
      representations: [
        { __typename: 'IpAuthorization', id: target.id },
        { __typename: 'IpAuthorization', id: gone },
      ],
    });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.data!._entities, [{ id: target.id, ip: target.ip, user: target.user }, null]);
    assert.equal(harness.wonderproxy.server.callCount('GET /v0/contract/ip-authlist/:id'), 2);
  });
});

describe('WonderProxy IP authorizations: changes', () => {
  test('authorizeIp creates an entry for a user with an expiry in epoch seconds', async () => {
    const expiresAt = inHours(2);
    const result = await authorize('31.14.15.92', 'jack', expiresAt);
    assert.equal(result.ok, true);
    assert.equal(result.alreadyDone, false);
    assert.deepEqual(
      { ip: result.ipAuthorization!.ip, user: result.ipAuthorization!.user, expiresAt: result.ipAuthorization!.expiresAt },
      { ip: '31.14.15.92', user: 'jack', expiresAt: toSeconds(expiresAt) },
    );
    assert.deepEqual(JSON.parse(harness.wonderproxy.server.callsTo(CREATE)[0].body), {
      ip: '31.14.15.92',
      user: 'jack',
      expiry: Math.floor(expiresAt.getTime() / 1000),
    });
    assert.ok((await authlist()).some((entry) => entry.ip === '31.14.15.92'));
  });

  test('authorizing an IP this account already has, for no longer than it holds, is ok and already done', async () => {
    // The entry from the test above runs two hours; asking for one hour is covered by it (a later
    // expiry would extend the entry, and inHours(2) again could land one second later).
    const result = await authorize('31.14.15.92', 'jack', inHours(1));
    assert.equal(result.ok, true);
    assert.equal(result.alreadyDone, true);
    assert.equal(result.ipAuthorization!.ip, '31.14.15.92');
  });

  test('a missing user (with no default user configured), or a past expiresAt, is refused before any call', async () => {
    const noUser = await authorize('31.14.15.100', null, inHours(1));
    assert.equal(noUser.error!.code, 'BAD_USER_INPUT');
    const past = await harness.client.request(AuthorizeIpDocument, {
      input: { ip: '31.14.15.100', accountIds: [WONDERPROXY_ACCOUNT_ID], user: 'joe', expiresAt: new Date(Date.now() - 60_000).toISOString() },
    });
    assert.deepEqual(errorCodes(past), ['BAD_USER_INPUT']);
    const badIp = await harness.client.request(AuthorizeIpDocument, {
      input: { ip: '999.1.1.1', accountIds: [WONDERPROXY_ACCOUNT_ID], user: 'joe', expiresAt: inHours(1).toISOString() },
    });
    assert.deepEqual(errorCodes(badIp), ['BAD_USER_INPUT']);
    assert.equal(harness.wonderproxy.server.callCount(), 0);
  });

  test('without expiresAt an entry gets the default lifetime of 30 days, and nothing is reported as not applied', async () => {
    const before = Date.now();
    const entry = await authorize('31.14.15.101', 'joe', null);
    assert.equal(entry.ok, true);
    assert.deepEqual(entry.notApplied, []);
    const expiresAtMs = Date.parse(entry.ipAuthorization!.expiresAt!);
    assert.ok(Math.abs(expiresAtMs - (before + 30 * 86_400_000)) < 60_000, entry.ipAuthorization!.expiresAt!);
  });

  test("an IP on another contract's authlist, or an inactive user, is CONFLICT carrying WonderProxy's message", async () => {
    const foreign = await authorize('45.180.22.7', 'joe', inHours(1));
    assert.equal(foreign.ok, false);
    assert.equal(foreign.error!.code, 'CONFLICT');
    assert.ok(foreign.error!.message.includes('That IP address is already on the authlist'));
    const inactive = await authorize('31.14.15.101', 'jill', inHours(1));
    assert.equal(inactive.error!.code, 'CONFLICT');
  });

  test('updateIpAuthorization patches only the fields given; a taken IP is CONFLICT and an unknown id NOT_FOUND', async () => {
    const created = (await authorize('31.14.16.1', 'joe', inHours(1))).ipAuthorization!;
    harness.wonderproxy.server.resetCalls();
    const expiresAt = inHours(5);
    const { updateIpAuthorization } = await harness.client.data(WonderProxyUpdateIpAuthorizationDocument, {
      id: created.id,
      input: { ip: '31.14.16.2', expiresAt: expiresAt.toISOString() },
    });
    assert.deepEqual(updateIpAuthorization, { id: created.id, ip: '31.14.16.2', user: 'joe', expiresAt: toSeconds(expiresAt) });
    assert.deepEqual(JSON.parse(harness.wonderproxy.server.callsTo('PATCH /v0/contract/ip-authlist/:id')[0].body), {
      ip: '31.14.16.2',
      expiry: Math.floor(expiresAt.getTime() / 1000),
    });
    const taken = await harness.client.request(WonderProxyUpdateIpAuthorizationDocument, { id: created.id, input: { ip: '31.14.15.92' } });
    assert.deepEqual(errorCodes(taken), ['CONFLICT']);
    const unknown = Buffer.from(`IpAuthorization:${WONDERPROXY_ACCOUNT_ID}:999999`).toString('base64url');
    assert.deepEqual(errorCodes(await harness.client.request(WonderProxyUpdateIpAuthorizationDocument, { id: unknown, input: { user: 'joe' } })), [
      'NOT_FOUND',
    ]);
    const empty = await harness.client.request(WonderProxyUpdateIpAuthorizationDocument, { id: created.id, input: {} });
    assert.deepEqual(errorCodes(empty), ['BAD_USER_INPUT']);
  });

  test('revokeIpAuthorization deletes one entry; deleting it again removes nothing and says so', async () => {
    const created = (await authorize('31.14.17.1', 'joe', inHours(1))).ipAuthorization!;
    const removed = await harness.client.data(RevokeIpAuthorizationDocument, { id: created.id });
    assert.deepEqual(removed.revokeIpAuthorization, { id: created.id, deleted: true });
    assert.ok(!(await authlist()).some((entry) => entry.ip === '31.14.17.1'));
    const again = await harness.client.request(RevokeIpAuthorizationDocument, { id: created.id });
    assert.deepEqual(again.errors, []);
    assert.deepEqual(again.data?.revokeIpAuthorization, { id: created.id, deleted: false });
  });

  test('revokeIp removes an address by value', async () => {
    await authorize('31.14.18.1', 'joe', inHours(1));
    const { revokeIp } = await harness.client.data(RevokeIpDocument, { ip: '31.14.18.1', accountIds: [WONDERPROXY_ACCOUNT_ID] });
    assert.deepEqual(
      revokeIp.map((result) => [result.ok, result.removedCount]),
      [[true, 1]],
    );
  });

  test('clearIpAuthorizations empties the authlist with one DELETE and says how many entries it removed', async () => {
    const before = (await authlist()).length;
    assert.ok(before > 0);
    const { clearIpAuthorizations } = await harness.client.data(WonderProxyClearIpAuthorizationsDocument, { accountId: WONDERPROXY_ACCOUNT_ID });
    assert.deepEqual(clearIpAuthorizations, { id: null, deleted: true, count: before });
    assert.equal(harness.wonderproxy.server.callCount('DELETE /v0/contract/ip-authlist'), 1);
    assert.deepEqual(await authlist(), []);
  });
});
