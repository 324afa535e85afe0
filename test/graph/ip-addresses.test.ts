/**
 * Issue 11, item 5: one IP validator and one canonical form on every path, before any upstream call and
 * before any comparison. Zone ids are refused, IPv4-mapped IPv6 is written as dotted IPv4, addresses that can
 * never be a client's public IP are refused as authorizations and DNS targets, and what a provider holds in
 * another spelling (written by another client) is matched, and removed by the spelling the provider holds.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEstateHarness, type EstateHarness } from '../support/estate-harness';
import { estateUpstreamCalls, resetEstateCalls } from '../support/estate-calls';
import { errorCodes, type GraphQLResult } from '../support/graphql-client';
import { encodeGlobalId } from '../../src/domain/ids';
import type { ProxyMeshSimulator } from '../../src/simulators/proxymesh';
import type { PingProxiesSimulator } from '../../src/simulators/pingproxies';
import type { WebshareSimulator } from '../../src/simulators/webshare';
import type { WonderProxySimulator } from '../../src/simulators/wonderproxy';
import { addIpAuthorization } from '../../src/simulators/webshare/state';

let estate: EstateHarness;
const sims = () => ({
  webshare: estate.simulators.webshare as WebshareSimulator,
  proxymesh: estate.simulators.proxymesh as ProxyMeshSimulator,
  wonderproxy: estate.simulators.wonderproxy as WonderProxySimulator,
  pingproxies: estate.simulators.pingproxies as PingProxiesSimulator,
});

before(async () => {
  estate = await startEstateHarness();
});
after(() => estate?.stop());
beforeEach(() => resetEstateCalls(estate));

const upstreamCalls = () => estateUpstreamCalls(estate);

function assertRefusedLocally(result: GraphQLResult<unknown>, what: string): void {
  assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT'], `${what}: ${JSON.stringify(result.errors).slice(0, 300)}`);
  assert.equal(upstreamCalls(), 0, `${what} made an upstream call`);
}

const pingDefaultUser = () => sims().pingproxies.state.proxyUsers.get('default_user')!;
const wonderEntryId = () => encodeGlobalId('IpAuthorization', 'wp', String([...sims().wonderproxy.state.authlist.keys()][0]));
const wonderOverrideId = () => encodeGlobalId('DnsOverride', 'wp', String([...sims().wonderproxy.state.overrides.keys()][0]));
const future = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

const AUTHORIZE =
  'mutation($input: AuthorizeIpInput!) { authorizeIp(input: $input) { account { id } ok alreadyDone error { code } ipAuthorization { id ip } } }';
const REVOKE = 'mutation($ip: String!, $ids: [ID!]) { revokeIp(ip: $ip, accountIds: $ids) { account { id } ok alreadyDone removedCount error { code } } }';
const LIST = 'query($filter: IpAuthorizationFilter) { ipAuthorizations(filter: $filter) { id ip account { id } } }';
const CREATE_DNS = 'mutation($input: CreateDnsOverrideInput!) { createDnsOverride(input: $input) { id ip } }';

describe('IP addresses: one validator, one canonical form', () => {
  test('an IPv6 zone id is refused on every path that takes an IP, whatever its length, before any upstream call', async () => {
    const zoned = `fe80::1%${'x'.repeat(10_000)}`;
    const short = 'fe80::1%eth0';
    for (const ip of [zoned, short]) {
      assertRefusedLocally(await estate.client.request(AUTHORIZE, { input: { ip, accountIds: ['ping', 'pm', 'ws'] } }), 'authorizeIp');
      assertRefusedLocally(await estate.client.request(REVOKE, { ip, ids: ['ping'] }), 'revokeIp');
      assertRefusedLocally(await estate.client.request(LIST, { filter: { ip } }), 'ipAuthorizations filter');
      assertRefusedLocally(await estate.client.request('query($ip: String) { dnsOverrides(filter: { ip: $ip }) { id } }', { ip }), 'dnsOverrides filter');
      assertRefusedLocally(
        await estate.client.request(CREATE_DNS, {
          input: { accountId: 'wp', server: 'denver', hostname: 'example.com', ip: `fe80::1%${'y'.repeat(5_000)}`, expiresAt: future() },
        }),
        'createDnsOverride',
      );
      assertRefusedLocally(
        await estate.client.request('mutation($id: ID!, $ip: String) { updateIpAuthorization(id: $id, input: { ip: $ip }) { id } }', {
          id: wonderEntryId(),
          ip,
        }),
        'updateIpAuthorization',
      );
      assertRefusedLocally(
        await estate.client.request('mutation($id: ID!, $ip: String) { updateDnsOverride(id: $id, input: { ip: $ip }) { id } }', {
          id: wonderOverrideId(),
          ip,
        }),
        'updateDnsOverride',
      );
    }
    assert.ok(!pingDefaultUser().ip_address_authentications.some((ip) => ip.includes('%')));
  });

  test("addresses that can never be a client's public IP are refused as authorizations and as DNS targets", async () => {
    const refused = [
      '0.0.0.0',
      '127.0.0.1',
      '255.255.255.255',
      '::',
      '::1',
      '169.254.169.254',
      '10.1.2.3',
      '172.16.0.9',
      '192.168.1.1',
      '100.64.0.1',
      '224.0.0.1',
      '240.0.0.1',
      'fe80::1',
      'fc00::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:169.254.169.254',
    ];
    for (const ip of refused) {
      assertRefusedLocally(await estate.client.request(AUTHORIZE, { input: { ip, accountIds: ['ping', 'pm', 'ws'] } }), `authorizeIp ${ip}`);
      assertRefusedLocally(
        await estate.client.request(CREATE_DNS, { input: { accountId: 'wp', server: 'denver', hostname: 'example.com', ip, expiresAt: future() } }),
        `createDnsOverride ${ip}`,
      );
      assertRefusedLocally(
        await estate.client.request('mutation($id: ID!, $ip: String) { updateIpAuthorization(id: $id, input: { ip: $ip }) { id } }', {
          id: wonderEntryId(),
          ip,
        }),
        `updateIpAuthorization ${ip}`,
      );
    }
  });

  test('documentation ranges stay accepted as authorizations (examples and tests use them)', async () => {
    for (const ip of ['192.0.2.44', '198.51.100.44', '203.0.113.44', '2001:db8::44']) {
      const data = (await estate.client.data(AUTHORIZE, { input: { ip, accountIds: ['pm'] } })) as { authorizeIp: Array<{ ok: boolean }> };
      assert.deepEqual(
        data.authorizeIp.map((result) => result.ok),
        [true],
        ip,
      );
      await estate.client.data(REVOKE, { ip, ids: ['pm'] });
    }
  });

  test('an IPv4-mapped IPv6 address is authorized, sent and listed as its dotted IPv4 form', async () => {
    const data = (await estate.client.data(AUTHORIZE, { input: { ip: '::FFFF:198.51.100.77', accountIds: ['pm', 'ping'] } })) as {
      authorizeIp: Array<{ ok: boolean; ipAuthorization: { ip: string } | null }>;
    };
    assert.deepEqual(
      data.authorizeIp.map((result) => [result.ok, result.ipAuthorization?.ip]),
      [
        [true, '198.51.100.77'],
        [true, '198.51.100.77'],
      ],
    );
    const sentToProxyMesh = new URLSearchParams(sims().proxymesh.server.callsTo('POST /api/ip/add/')[0].body);
    assert.equal(sentToProxyMesh.get('ip'), '198.51.100.77');
    assert.ok(pingDefaultUser().ip_address_authentications.includes('198.51.100.77'));
    await estate.client.data(REVOKE, { ip: '198.51.100.77', ids: ['pm', 'ping'] });
  });

  test('revokeIp in one spelling removes what ProxyMesh, Ping, Webshare and WonderProxy hold in another, sending the spelling each holds', async () => {
    const { proxymesh, webshare, wonderproxy } = sims();
    // Written by another client: ProxyMesh keeps IPv4-mapped addresses in hex, Ping as given.
    proxymesh.state.ips.push('::ffff:c633:6451');
    pingDefaultUser().ip_address_authentications.push('::ffff:198.51.100.81');
    const planId = [...webshare.state.ipAuthorizations.values()][0].planId;
    const webshareEntry = addIpAuthorization(webshare.state, planId, '::FFFF:198.51.100.81', Date.now());
    const wonderId = wonderproxy.state.next.authlist++;
    wonderproxy.state.authlist.set(wonderId, {
      id: wonderId,
      ip: '::ffff:c633:6451',
      user: [...wonderproxy.state.users.keys()][0],
      expiry: Math.floor(Date.now() / 1000) + 86_400,
    });

    const listed = (await estate.client.data(LIST, { filter: { ip: '198.51.100.81' } })) as {
      ipAuthorizations: Array<{ ip: string; account: { id: string } }>;
    };
    assert.deepEqual(listed.ipAuthorizations.map((entry) => [entry.account.id, entry.ip]).sort(), [
      ['ping', '198.51.100.81'],
      ['pm', '198.51.100.81'],
      ['wp', '198.51.100.81'],
      ['ws', '198.51.100.81'],
    ]);

    const data = (await estate.client.data(REVOKE, { ip: '198.51.100.81' })) as {
      revokeIp: Array<{ account: { id: string }; ok: boolean; removedCount: number }>;
    };
    assert.deepEqual(
      data.revokeIp.map((result) => [result.account.id, result.ok, result.removedCount]),
      [
        ['ws', true, 1],
        ['pm', true, 1],
        ['wp', true, 1],
        ['ping', true, 1],
      ],
    );
    assert.ok(!proxymesh.state.ips.includes('::ffff:c633:6451'));
    assert.equal(new URLSearchParams(proxymesh.server.callsTo('POST /api/ip/delete/')[0].body).get('ip'), '::ffff:c633:6451');
    assert.ok(!pingDefaultUser().ip_address_authentications.some((ip) => ip.endsWith('198.51.100.81')));
    assert.ok(!webshare.state.ipAuthorizations.has(webshareEntry.record.id));
    assert.ok(!wonderproxy.state.authlist.has(wonderId));
  });

  test('revokeIp given a non-canonical spelling removes the canonical entry', async () => {
    const { proxymesh, pingproxies } = sims();
    proxymesh.state.ips.push('198.51.100.82');
    pingDefaultUser().ip_address_authentications.push('198.51.100.82');
    const data = (await estate.client.data(REVOKE, { ip: ' ::ffff:C633:6452 ', ids: ['pm', 'ping'] })) as {
      revokeIp: Array<{ ok: boolean; removedCount: number }>;
    };
    assert.deepEqual(
      data.revokeIp.map((result) => [result.ok, result.removedCount]),
      [
        [true, 1],
        [true, 1],
      ],
    );
    assert.ok(!proxymesh.state.ips.includes('198.51.100.82'));
    assert.ok(!pingproxies.state.proxyUsers.get('default_user')!.ip_address_authentications.includes('198.51.100.82'));
  });

  test('authorizing an IP that Ping already holds in another spelling is alreadyDone, with no write', async () => {
    pingDefaultUser().ip_address_authentications.push('::ffff:198.51.100.83');
    const data = (await estate.client.data(AUTHORIZE, { input: { ip: '198.51.100.83', accountIds: ['ping'] } })) as {
      authorizeIp: Array<{ ok: boolean; alreadyDone: boolean; ipAuthorization: { ip: string } | null }>;
    };
    assert.deepEqual(
      data.authorizeIp.map((result) => [result.ok, result.alreadyDone, result.ipAuthorization?.ip]),
      [[true, true, '198.51.100.83']],
    );
    assert.equal(sims().pingproxies.server.callCount(/PATCH/), 0);
    await estate.client.data(REVOKE, { ip: '198.51.100.83', ids: ['ping'] });
  });

  test('an IP authorization id in canonical spelling reads and revokes the entry ProxyMesh and Ping hold in another', async () => {
    const { proxymesh } = sims();
    proxymesh.state.ips.push('::ffff:c633:6454');
    pingDefaultUser().ip_address_authentications.push('::ffff:198.51.100.84');
    const pmId = encodeGlobalId('IpAuthorization', 'pm', '198.51.100.84');
    const pingId = encodeGlobalId('IpAuthorization', 'ping', 'default_user/198.51.100.84');
    for (const id of [pmId, pingId]) {
      const result = await estate.client.request('query($reps: [_Any!]!) { _entities(representations: $reps) { ... on IpAuthorization { id ip } } }', {
        reps: [{ __typename: 'IpAuthorization', id }],
      });
      assert.deepEqual(result.data, { _entities: [{ id, ip: '198.51.100.84' }] }, JSON.stringify(result.errors));
      const revoked = await estate.client.request('mutation($id: ID!) { revokeIpAuthorization(id: $id) { deleted } }', { id });
      assert.deepEqual(revoked.data, { revokeIpAuthorization: { deleted: true } }, JSON.stringify(revoked.errors));
    }
    assert.ok(!proxymesh.state.ips.includes('::ffff:c633:6454'));
    assert.equal(new URLSearchParams(proxymesh.server.callsTo('POST /api/ip/delete/')[0].body).get('ip'), '::ffff:c633:6454');
    assert.ok(!pingDefaultUser().ip_address_authentications.some((ip) => ip.endsWith('198.51.100.84')));
  });
});
