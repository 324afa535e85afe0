/**
 * Ping Proxies proxy users (SubUser) through the graph: proxy_user create/retrieve/search/edit/delete, the
 * documented input rules checked before any call, and the proxy user's limits, access type and metadata.
 * IP authorizations (the proxy users' IP lists) are in pingproxies-ip.test.ts.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PING, PING_ACCOUNT_ID, pingId, startPingHarness, type PingHarness } from '../support/pingproxies-harness';
import { errorCodes } from '../support/graphql-client';
import {
  PingCreateSubUserDocument,
  PingDeleteSubUserDocument,
  PingSubUserDocument,
  PingSubUsersDocument,
  PingUpdateSubUserDocument,
} from '../generated/graphql';

const GIB = 2 ** 30;
let harness: PingHarness;

before(async () => {
  harness = await startPingHarness({ simulator: { extraProxyUsers: 4, proxyUserLimit: 10 } });
});
after(async () => {
  await harness?.stop();
});
beforeEach(() => harness.ping.server.resetCalls());

function liveIds(): string[] {
  return [...harness.ping.state.proxyUsers.values()]
    .filter((user) => !user.proxy_user_is_deleted)
    .map((user) => user.proxy_user_id)
    .sort();
}

describe('Ping Proxies proxy users as sub-users', () => {
  test('subUsers pages through proxy_user/search without deleted users, in a stable order', async () => {
    const first = await harness.client.data(PingSubUsersDocument, { id: PING_ACCOUNT_ID, first: 3 });
    const connection = first.account!.subUsers!;
    assert.equal(connection.totalCount, 7);
    assert.deepEqual(
      connection.edges.map((edge) => edge.node.username),
      liveIds().slice(0, 3),
    );
    const next = await harness.client.data(PingSubUsersDocument, { id: PING_ACCOUNT_ID, first: 3, after: connection.pageInfo.endCursor });
    assert.deepEqual(
      next.account!.subUsers!.edges.map((edge) => edge.node.username),
      liveIds().slice(3, 6),
    );
    const queries = harness.ping.server.callsTo(PING.userSearch).map((call) => new URLSearchParams(call.query));
    assert.equal(queries.length, 2);
    for (const query of queries) {
      assert.equal(query.get('proxy_user_is_deleted'), 'false');
      assert.equal(query.get('per_page'), '3');
    }
  });

  test('subUser(id) shows residential limit and use in bytes, access type, strict security, metadata and IPs', async () => {
    const data = await harness.client.data(PingSubUserDocument, { id: pingId('SubUser', 'marketing_team') });
    const user = harness.ping.state.proxyUsers.get('marketing_team')!;
    assert.deepEqual(data.subUser, {
      id: pingId('SubUser', 'marketing_team'),
      username: 'marketing_team',
      label: null,
      active: true,
      password: 'secure_password',
      bandwidthLimitBytes: 5 * GIB,
      bandwidthUsedBytes: 1.5 * GIB,
      accessType: 'service_restricted',
      strictSecurity: true,
      metadata: { department: 'Marketing', project: 'Q2 Campaign' },
      createdAt: new Date(`${user.proxy_user_creation_datetime!.replace(' ', 'T')}Z`).toISOString(),
      ipAuthorizations: [],
    });
    assert.equal(harness.ping.server.callCount(PING.userRetrieve), 1);
  });

  test("the docs' own 9-character example user exists and reads like any other", async () => {
    const data = await harness.client.data(PingSubUserDocument, { id: pingId('SubUser', 'stevejobs') });
    assert.equal(data.subUser!.password, 'apple1984');
    assert.deepEqual(
      data.subUser!.ipAuthorizations.map((entry) => entry.ip),
      ['1.1.1.1', '2.2.2.2'],
    );
  });

  test('createSubUser posts proxy_user/create (201 + created[]) and answers the proxy user read back', async () => {
    const metadata = { team: 'analytics', seats: 3 };
    const data = await harness.client.data(PingCreateSubUserDocument, {
      input: { accountId: PING_ACCOUNT_ID, username: 'analytics_bot', password: 'S3cret-pass', bandwidthLimitBytes: 2 * GIB, metadata, strictSecurity: true },
    });
    assert.equal(data.createSubUser.id, pingId('SubUser', 'analytics_bot'));
    assert.deepEqual(
      {
        limit: data.createSubUser.bandwidthLimitBytes,
        used: data.createSubUser.bandwidthUsedBytes,
        strict: data.createSubUser.strictSecurity,
        metadata: data.createSubUser.metadata,
        access: data.createSubUser.accessType,
      },
      { limit: 2 * GIB, used: 0, strict: true, metadata, access: 'all' },
    );
    const [create] = harness.ping.server.callsTo(PING.userCreate);
    assert.equal(create.status, 201);
    assert.deepEqual(JSON.parse(create.body), {
      proxy_user_id: 'analytics_bot',
      proxy_user_password: 'S3cret-pass',
      proxy_user_residential_bytes_limit: 2 * GIB,
      proxy_user_metadata: metadata,
      proxy_user_is_strict_security: true,
    });
    assert.equal(harness.ping.server.callCount(PING.userRetrieve), 1);
  });

  test('a proxy user id outside 10-32 characters is BAD_USER_INPUT with no upstream call', async () => {
    for (const username of ['shortname', 'x'.repeat(33)]) {
      const result = await harness.client.request(PingCreateSubUserDocument, { input: { accountId: PING_ACCOUNT_ID, username } });
      assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT']);
    }
    assert.equal(harness.ping.server.calls.length, 0);
  });

  test('metadata past 30 keys, 300-character values, 32 KB or flat values, negative limits and labels are refused before any call', async () => {
    const bad: Array<Record<string, unknown>> = [
      { metadata: Object.fromEntries(Array.from({ length: 31 }, (_, index) => [`k${index}`, index])) },
      { metadata: { note: 'x'.repeat(301) } },
      { metadata: Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`${'k'.repeat(1200)}${index}`, 'v'])) },
      { metadata: { nested: { deep: true } } },
      { bandwidthLimitBytes: -1 },
      { label: 'Analytics' },
      { maxThreads: 5 },
    ];
    for (const fields of bad) {
      const result = await harness.client.request(PingCreateSubUserDocument, { input: { accountId: PING_ACCOUNT_ID, username: 'valid_user_01', ...fields } });
      assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT'], JSON.stringify(fields).slice(0, 80));
    }
    assert.equal(harness.ping.server.calls.length, 0);
  });

  test("an id already taken is a CONFLICT; past the customer's proxy user limit is PLAN_LIMIT (Ping's own refusal)", async () => {
    const taken = await harness.client.request(PingCreateSubUserDocument, { input: { accountId: PING_ACCOUNT_ID, username: 'marketing_team' } });
    assert.deepEqual(errorCodes(taken), ['CONFLICT']);
    const { customer } = harness.ping.state;
    const limit = customer.customer_proxy_user_limit;
    customer.customer_proxy_user_limit = liveIds().length;
    harness.ping.server.resetCalls();
    try {
      const over = await harness.client.request(PingCreateSubUserDocument, { input: { accountId: PING_ACCOUNT_ID, username: 'one_too_many' } });
      assert.deepEqual(errorCodes(over), ['PLAN_LIMIT']);
      // Nothing is read ahead: one create, which Ping refuses.
      assert.equal(harness.ping.server.calls.length, 1);
    } finally {
      customer.customer_proxy_user_limit = limit;
    }
  });

  test('updateSubUser replaces the metadata whole and a 0 limit clears the cap', async () => {
    const data = await harness.client.data(PingUpdateSubUserDocument, {
      id: pingId('SubUser', 'marketing_team'),
      input: { metadata: { department: 'Growth' }, bandwidthLimitBytes: 0, strictSecurity: false },
    });
    assert.deepEqual(data.updateSubUser.metadata, { department: 'Growth' });
    assert.equal(data.updateSubUser.bandwidthLimitBytes, null);
    assert.equal(data.updateSubUser.strictSecurity, false);
    const [edit] = harness.ping.server.callsTo(PING.userEdit);
    assert.deepEqual(JSON.parse(edit.body), {
      proxy_user_residential_bytes_limit: null,
      proxy_user_metadata: { department: 'Growth' },
      proxy_user_is_strict_security: false,
    });
  });

  test('deleteSubUser removes the proxy user; it then reads as gone, and deleting it again removes nothing', async () => {
    const deleted = await harness.client.data(PingDeleteSubUserDocument, { id: pingId('SubUser', 'analytics_bot') });
    assert.equal(deleted.deleteSubUser.deleted, true);
    assert.equal(harness.ping.state.proxyUsers.get('analytics_bot')!.proxy_user_is_deleted, true);
    const after = await harness.client.data(PingSubUserDocument, { id: pingId('SubUser', 'analytics_bot') });
    assert.equal(after.subUser, null);
    const again = await harness.client.request(PingDeleteSubUserDocument, { id: pingId('SubUser', 'analytics_bot') });
    assert.deepEqual(again.errors, []);
    assert.equal(again.data?.deleteSubUser.deleted, false);
  });
});
