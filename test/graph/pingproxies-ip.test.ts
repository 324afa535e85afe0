/**
 * Ping Proxies IP authorizations through the graph: each proxy user's `ip_address_authentications` list,
 * changed by read-modify-write under a per-proxy-user lock, so concurrent adds never lose each other.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PING, PING_ACCOUNT_ID, pingId, startPingHarness, type PingHarness } from '../support/pingproxies-harness';
import { errorCodes } from '../support/graphql-client';
import {
  PingAuthorizeIpDocument,
  PingIpAuthorizationsDocument,
  PingRevokeIpAuthorizationDocument,
  PingRevokeIpDocument,
  PingSubUserDocument,
} from '../generated/graphql';

let harness: PingHarness;

before(async () => {
  harness = await startPingHarness();
});
after(async () => {
  await harness?.stop();
});
beforeEach(() => harness.ping.server.resetCalls());

const ipsOf = (proxyUserId: string) => harness.ping.state.proxyUsers.get(proxyUserId)!.ip_address_authentications;

describe('Ping Proxies IP authorizations', () => {
  test("Account.ipAuthorizations lists every live proxy user's IPs, each linked to its proxy user", async () => {
    const data = await harness.client.data(PingIpAuthorizationsDocument, { id: PING_ACCOUNT_ID });
    const entries = data.account!.ipAuthorizations!.map((entry) => [entry.ip, entry.subUser?.username]);
    assert.deepEqual(entries.sort(), [
      ['1.1.1.1', 'stevejobs'],
      ['2.2.2.2', 'stevejobs'],
      ['203.0.113.10', 'default_user'],
    ]);
    for (const entry of data.account!.ipAuthorizations!) {
      assert.equal(entry.id, pingId('IpAuthorization', `${entry.subUser!.username}/${entry.ip}`));
    }
    assert.equal(harness.ping.server.callCount(PING.userSearch), 1);
  });

  test('authorizeIp with a sub-user adds the IP to that proxy user: read fresh, edit, verify', async () => {
    const data = await harness.client.data(PingAuthorizeIpDocument, { input: { ip: '198.51.100.20', subUserIds: [pingId('SubUser', 'stevejobs')] } });
    const [result] = data.authorizeIp;
    assert.deepEqual(
      { ok: result.ok, alreadyDone: result.alreadyDone, ip: result.ipAuthorization?.ip, user: result.ipAuthorization?.subUser?.username },
      {
        ok: true,
        alreadyDone: false,
        ip: '198.51.100.20',
        user: 'stevejobs',
      },
    );
    assert.deepEqual(ipsOf('stevejobs'), ['1.1.1.1', '2.2.2.2', '198.51.100.20']);
    const [edit] = harness.ping.server.callsTo(PING.userEdit);
    assert.deepEqual(JSON.parse(edit.body), { ip_address_authentications: ['1.1.1.1', '2.2.2.2', '198.51.100.20'] });
    assert.equal(harness.ping.server.callCount(PING.userRetrieve), 2);
  });

  test('authorizeIp without a sub-user adds the IP to the default proxy user', async () => {
    const data = await harness.client.data(PingAuthorizeIpDocument, { input: { ip: '2001:db8::20', accountIds: [PING_ACCOUNT_ID] } });
    assert.equal(data.authorizeIp[0].ok, true);
    assert.equal(data.authorizeIp[0].ipAuthorization!.subUser!.username, 'default_user');
    assert.ok(ipsOf('default_user').includes('2001:db8::20'));
  });

  test('an IP already on that proxy user is ok and alreadyDone, with no edit', async () => {
    const data = await harness.client.data(PingAuthorizeIpDocument, { input: { ip: '1.1.1.1', subUserIds: [pingId('SubUser', 'stevejobs')] } });
    assert.deepEqual([data.authorizeIp[0].ok, data.authorizeIp[0].alreadyDone], [true, true]);
    assert.equal(harness.ping.server.callCount(PING.userEdit), 0);
  });

  test('without a sub-user, an IP held by another proxy user is a CONFLICT, not "already done" on the default user', async () => {
    const data = await harness.client.data(PingAuthorizeIpDocument, { input: { ip: '1.1.1.1', accountIds: [PING_ACCOUNT_ID] } });
    const [result] = data.authorizeIp;
    assert.equal(result.ok, false);
    assert.equal(result.alreadyDone, false);
    assert.equal(result.error!.code, 'CONFLICT');
    assert.deepEqual(
      ipsOf('default_user').filter((ip) => ip === '1.1.1.1'),
      [],
    );
  });

  test('an IP that belongs to another proxy user is a CONFLICT from Ping, with its request id', async () => {
    const data = await harness.client.data(PingAuthorizeIpDocument, { input: { ip: '203.0.113.10', subUserIds: [pingId('SubUser', 'marketing_team')] } });
    const [result] = data.authorizeIp;
    assert.equal(result.ok, false);
    assert.equal(result.error!.code, 'CONFLICT');
    assert.match(result.error!.upstreamRequestId!, /^[0-9a-f-]{36}$/);
    assert.deepEqual(ipsOf('marketing_team'), []);
    assert.deepEqual(
      ipsOf('default_user').filter((ip) => ip === '203.0.113.10'),
      ['203.0.113.10'],
    );
  });

  test('20 concurrent authorizeIp calls on one proxy user leave all 20 IPs on it', async () => {
    const ips = Array.from({ length: 20 }, (_, index) => `192.0.2.${index + 1}`);
    const results = await Promise.all(
      ips.map((ip) => harness.client.data(PingAuthorizeIpDocument, { input: { ip, subUserIds: [pingId('SubUser', 'marketing_team')] } })),
    );
    for (const data of results) assert.equal(data.authorizeIp[0].ok, true, JSON.stringify(data.authorizeIp[0].error));
    assert.deepEqual([...ipsOf('marketing_team')].sort(), [...ips].sort());
    // Queued changes share read-edit-verify passes, and the pacer keeps every call inside Ping's budget.
    assert.ok(harness.ping.server.calls.every((call) => call.status === 200));
  });

  test('when concurrent adds include an IP owned by another proxy user, only that one fails', async () => {
    const ips = ['192.0.2.101', '192.0.2.102', '203.0.113.10', '192.0.2.103'];
    const results = await Promise.all(
      ips.map((ip) => harness.client.data(PingAuthorizeIpDocument, { input: { ip, subUserIds: [pingId('SubUser', 'stevejobs')] } })),
    );
    assert.deepEqual(
      results.map((data) => data.authorizeIp[0].error?.code ?? 'ok'),
      ['ok', 'ok', 'CONFLICT', 'ok'],
    );
    for (const ip of ['192.0.2.101', '192.0.2.102', '192.0.2.103']) assert.ok(ipsOf('stevejobs').includes(ip));
    assert.ok(!ipsOf('stevejobs').includes('203.0.113.10'));
  });

  test('an invalid IP is BAD_USER_INPUT with no upstream call', async () => {
    const result = await harness.client.request(PingAuthorizeIpDocument, { input: { ip: '300.1.1.1', subUserIds: [pingId('SubUser', 'stevejobs')] } });
    assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT']);
    assert.equal(harness.ping.server.calls.length, 0);
  });

  test('revokeIpAuthorization removes the IP from its proxy user; a second revoke removes nothing and says so', async () => {
    const id = pingId('IpAuthorization', 'stevejobs/2.2.2.2');
    const data = await harness.client.data(PingRevokeIpAuthorizationDocument, { id });
    assert.equal(data.revokeIpAuthorization.deleted, true);
    assert.ok(!ipsOf('stevejobs').includes('2.2.2.2'));
    assert.ok(ipsOf('stevejobs').includes('1.1.1.1'));
    const again = await harness.client.request(PingRevokeIpAuthorizationDocument, { id });
    assert.deepEqual(again.errors, []);
    assert.equal(again.data?.revokeIpAuthorization.deleted, false);
  });

  test('revokeIp removes an IP wherever it is authorized on the account', async () => {
    const data = await harness.client.data(PingRevokeIpDocument, { ip: '192.0.2.7', accountIds: [PING_ACCOUNT_ID] });
    assert.deepEqual(data.revokeIp, [{ ok: true, alreadyDone: false, removedCount: 1, error: null }]);
    assert.ok(!ipsOf('marketing_team').includes('192.0.2.7'));
    assert.equal(ipsOf('marketing_team').length, 19);
  });

  test('SubUser.ipAuthorizations come with the proxy user, without another call', async () => {
    const data = await harness.client.data(PingSubUserDocument, { id: pingId('SubUser', 'stevejobs') });
    assert.deepEqual(
      data.subUser!.ipAuthorizations.map((entry) => entry.ip),
      ipsOf('stevejobs'),
    );
    assert.equal(harness.ping.server.calls.length, 1);
  });
});
