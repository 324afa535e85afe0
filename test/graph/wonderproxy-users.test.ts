/**
 * WonderProxy users and IP counts through the graph. The contract's users are known only from the authlist,
 * whose entries carry `user` and `user_active` (docs/providers/wonderproxy.txt): Account.ipAuthorizationUsers
 * and IpAuthorization.userActive show them. The network catalogue reports `ip_count` but no IPs: ipCount
 * shows the count and ips is null (unknown), while contract servers list their IPs.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startWonderProxyHarness, WONDERPROXY_ACCOUNT_ID, wonderproxyGet, type WonderProxyHarness } from '../support/wonderproxy-harness';
import {
  WonderProxyAuthlistUsersDocument,
  WonderProxyAuthlistUsersOnlyDocument,
  WonderProxyContractServerCountsDocument,
  WonderProxyNetworkServerCountsDocument,
  WonderProxyNetworkServerIpsDocument,
} from '../generated/graphql';
import type { WonderProxyAuthlistEntry, WonderProxyNetworkServer } from '../../src/providers/wonderproxy/wire';

const AUTHLIST = 'GET /v0/contract/ip-authlist';
let harness: WonderProxyHarness;

before(async () => {
  // Six entries over the four seeded users (joe, jill, jack, ana): each user has one or two entries.
  harness = await startWonderProxyHarness({ wonderproxy: { authlistCount: 6 } });
});
after(() => harness?.stop());
beforeEach(() => harness.wonderproxy.server.resetCalls());

describe('WonderProxy authlist users', () => {
  test('the users the authlist names are listed with their active state and entry count, from one authlist read shared with ipAuthorizations', async () => {
    const wire = await wonderproxyGet<WonderProxyAuthlistEntry[]>(harness.wonderproxy, '/v0/contract/ip-authlist');
    harness.wonderproxy.server.resetCalls();
    const data = await harness.client.data(WonderProxyAuthlistUsersDocument, { id: WONDERPROXY_ACCOUNT_ID });
    const expected = [...new Set(wire.map((entry) => entry.user))].sort().map((username) => ({
      username,
      active: wire.find((entry) => entry.user === username)!.user_active,
    }));
    assert.deepEqual(data.account!.ipAuthorizationUsers, expected);
    assert.ok(expected.some((user) => user.active) && expected.some((user) => !user.active));
    const entries = data.account!.ipAuthorizations!;
    assert.equal(entries.length, wire.length);
    for (const entry of entries) {
      assert.equal(entry.userActive, wire.find((candidate) => candidate.user === entry.user)!.user_active);
    }
    assert.equal(harness.wonderproxy.server.callCount(AUTHLIST), 1);
  });

  test('a user who stops being an active proxy user shows as inactive on the next request', async () => {
    const before = await harness.client.data(WonderProxyAuthlistUsersOnlyDocument, { id: WONDERPROXY_ACCOUNT_ID });
    assert.equal(before.account!.ipAuthorizationUsers!.find((user) => user.username === 'joe')!.active, true);
    harness.wonderproxy.state.users.set('joe', false);
    try {
      const after = await harness.client.data(WonderProxyAuthlistUsersOnlyDocument, { id: WONDERPROXY_ACCOUNT_ID });
      assert.equal(after.account!.ipAuthorizationUsers!.find((user) => user.username === 'joe')!.active, false);
    } finally {
      harness.wonderproxy.state.users.set('joe', true);
    }
  });
});

describe('WonderProxy IP counts', () => {
  test('network servers show ip_count as ipCount, and ips as null (unknown), without another call', async () => {
    const wire = await wonderproxyGet<WonderProxyNetworkServer[]>(harness.wonderproxy, '/v0/servers');
    harness.wonderproxy.server.resetCalls();
    const data = await harness.client.data(WonderProxyNetworkServerIpsDocument, {});
    assert.equal(data.networkServers.length, wire.length);
    for (const server of data.networkServers) {
      assert.equal(server.ipCount, wire.find((entry) => entry.hostname === server.hostname)!.ip_count);
      assert.equal(server.ips, null);
    }
    assert.deepEqual(
      harness.wonderproxy.server.calls.map((call) => call.endpoint),
      ['GET /v0/servers'],
    );
  });

  test("contract servers list their IPs, and ipCount is the catalogue's count for the same host", async () => {
    const data = await harness.client.data(WonderProxyContractServerCountsDocument, { id: WONDERPROXY_ACCOUNT_ID });
    const catalogue = await harness.client.data(WonderProxyNetworkServerCountsDocument, {});
    for (const server of data.account!.servers!) {
      assert.ok(server.ips!.length > 0);
      assert.equal(server.ipCount, server.ips!.length);
      assert.equal(catalogue.networkServers.find((entry) => entry.hostname === server.hostname)!.ipCount, server.ipCount);
    }
  });
});
