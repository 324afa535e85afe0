/**
 * ProxyMesh access control through the graph: authenticated IPs and hostnames (on the account or on a
 * sub-account) and proxy-server authorization, each with its documented errors.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startProxyMeshHarness, proxymeshSubUserId, PROXYMESH_ACCOUNT_ID, type ProxyMeshHarness } from '../support/proxymesh-harness';
import { errorCodes } from '../support/graphql-client';
import {
  AuthorizeIpDocument,
  ProxyMeshAccountDocument,
  ProxyMeshAddHostnameDocument,
  ProxyMeshAuthorizeProxyServerDocument,
  ProxyMeshDeauthorizeProxyServerDocument,
  ProxyMeshHostnamesDocument,
  ProxyMeshIpAuthorizationsDocument,
  ProxyMeshRemoveHostnameDocument,
  ProxyMeshSubUserDocument,
  RevokeIpAuthorizationDocument,
  RevokeIpDocument,
} from '../generated/graphql';

const KNOWN = ['pm_dennis1', 'pm_grace2'];
let harness: ProxyMeshHarness;

before(async () => {
  harness = await startProxyMeshHarness({ proxymesh: { plan: { proxyLimit: 7 } }, knownSubAccounts: KNOWN });
});
after(async () => {
  await harness?.stop();
});
beforeEach(() => {
  harness.proxymesh.server.resetCalls();
  harness.proxymesh.setPlanLookupFailing(false);
});

const state = () => harness.proxymesh.state;

describe('ProxyMesh authenticated IPs', () => {
  test("ipAuthorizations lists the account's IPs and each known sub-account's, with the sub-user they belong to", async () => {
    const data = await harness.client.data(ProxyMeshIpAuthorizationsDocument, { id: PROXYMESH_ACCOUNT_ID });
    const expected = [
      ...state().ips.map((ip) => ({ ip, sub: null })),
      ...KNOWN.flatMap((username) =>
        state()
          .subs.get(username)!
          .ips.map((ip) => ({ ip, sub: username })),
      ),
    ];
    assert.deepEqual(
      data.account!.ipAuthorizations!.map((entry) => ({ ip: entry.ip, sub: entry.subUser?.username ?? null })),
      expected,
    );
    assert.equal(harness.proxymesh.server.callCount('GET /api/ips/'), 1 + KNOWN.length);
  });

  test('authorizeIp adds the IP to the account; a second time it is already done (ProxyMesh\'s 400 "already authorized")', async () => {
    const input = { ip: '192.0.2.77', accountIds: [PROXYMESH_ACCOUNT_ID] };
    const first = await harness.client.data(AuthorizeIpDocument, { input });
    assert.equal(first.authorizeIp[0].ok, true);
    assert.equal(first.authorizeIp[0].alreadyDone, false);
    assert.equal(first.authorizeIp[0].ipAuthorization!.ip, '192.0.2.77');
    assert.ok(state().ips.includes('192.0.2.77'));
    const second = await harness.client.data(AuthorizeIpDocument, { input });
    assert.equal(second.authorizeIp[0].ok, true);
    assert.equal(second.authorizeIp[0].alreadyDone, true);
    assert.equal(second.authorizeIp[0].ipAuthorization!.id, first.authorizeIp[0].ipAuthorization!.id);
  });

  test('authorizeIp for a sub-user adds it on that sub-account only, and the sub-user shows it', async () => {
    const result = await harness.client.data(AuthorizeIpDocument, { input: { ip: '2001:db8::77', subUserIds: [proxymeshSubUserId('pm_grace2')] } });
    assert.equal(result.authorizeIp[0].ok, true);
    const form = new URLSearchParams(harness.proxymesh.server.callsTo('POST /api/ip/add/')[0].body);
    assert.equal(form.get('username'), 'pm_grace2');
    assert.ok(state().subs.get('pm_grace2')!.ips.includes('2001:db8::77'));
    assert.ok(!state().ips.includes('2001:db8::77'));
    const sub = await harness.client.data(ProxyMeshSubUserDocument, { id: proxymeshSubUserId('pm_grace2') });
    assert.deepEqual(
      sub.subUser!.ipAuthorizations.map((entry) => entry.ip),
      ['2001:db8::77'],
    );
  });

  test('authorizeIp with an expiry and a user authorizes the IP on ProxyMesh and says it could not honour them (its IPs have no user and never expire)', async () => {
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const result = await harness.client.data(AuthorizeIpDocument, { input: { ip: '192.0.2.78', accountIds: [PROXYMESH_ACCOUNT_ID], expiresAt, user: 'joe' } });
    assert.equal(result.authorizeIp[0].ok, true);
    assert.deepEqual(result.authorizeIp[0].notApplied, ['user', 'expiresAt']);
    assert.equal(result.authorizeIp[0].ipAuthorization!.expiresAt, null);
    assert.ok(state().ips.includes('192.0.2.78'));
  });

  test('authorizing for a sub-account ProxyMesh does not know is NOT_FOUND for that account', async () => {
    const result = await harness.client.data(AuthorizeIpDocument, { input: { ip: '192.0.2.79', subUserIds: [proxymeshSubUserId('pm-nobody')] } });
    assert.equal(result.authorizeIp[0].ok, false);
    assert.equal(result.authorizeIp[0].error!.code, 'NOT_FOUND');
  });

  test('revokeIpAuthorization removes the IP from its scope; revoking it again (ProxyMesh\'s 400 "not authorized") removes nothing and says so', async () => {
    const list = await harness.client.data(ProxyMeshIpAuthorizationsDocument, { id: PROXYMESH_ACCOUNT_ID });
    const target = list.account!.ipAuthorizations!.find((entry) => entry.ip === '2001:db8::77')!;
    const revoked = await harness.client.data(RevokeIpAuthorizationDocument, { id: target.id });
    assert.equal(revoked.revokeIpAuthorization.deleted, true);
    assert.ok(!state().subs.get('pm_grace2')!.ips.includes('2001:db8::77'));
    const form = new URLSearchParams(harness.proxymesh.server.callsTo('POST /api/ip/delete/')[0].body);
    assert.deepEqual(Object.fromEntries(form), { ip: '2001:db8::77', username: 'pm_grace2' });
    const again = await harness.client.request(RevokeIpAuthorizationDocument, { id: target.id });
    assert.deepEqual(again.errors, []);
    assert.equal(again.data?.revokeIpAuthorization.deleted, false);
  });

  test('revokeIp removes one IP wherever it is authorized: on the account and on sub-accounts', async () => {
    await harness.client.data(AuthorizeIpDocument, { input: { ip: '192.0.2.90', accountIds: [PROXYMESH_ACCOUNT_ID] } });
    await harness.client.data(AuthorizeIpDocument, { input: { ip: '192.0.2.90', subUserIds: [proxymeshSubUserId('pm_dennis1')] } });
    const result = await harness.client.data(RevokeIpDocument, { ip: '192.0.2.90', accountIds: [PROXYMESH_ACCOUNT_ID] });
    assert.equal(result.revokeIp[0].ok, true);
    assert.equal(result.revokeIp[0].removedCount, 2);
    assert.ok(!state().ips.includes('192.0.2.90'));
    assert.ok(!state().subs.get('pm_dennis1')!.ips.includes('192.0.2.90'));
  });
});

describe('ProxyMesh authenticated hostnames', () => {
  test("hostnameAuthorizations lists the account's hostnames and each known sub-account's", async () => {
    const data = await harness.client.data(ProxyMeshHostnamesDocument, { id: PROXYMESH_ACCOUNT_ID });
    const expected = [
      ...state().domains.map((hostname) => ({ hostname, sub: null })),
      ...KNOWN.flatMap((username) =>
        state()
          .subs.get(username)!
          .domains.map((hostname) => ({ hostname, sub: username })),
      ),
    ];
    assert.deepEqual(
      data.account!.hostnameAuthorizations!.map((entry) => ({ hostname: entry.hostname, sub: entry.subUser?.username ?? null })),
      expected,
    );
    assert.equal(harness.proxymesh.server.callCount('GET /api/hostnames/'), 1 + KNOWN.length);
  });

  test('a hostname is added and removed on the account or on a sub-account', async () => {
    const added = await harness.client.data(ProxyMeshAddHostnameDocument, { accountId: PROXYMESH_ACCOUNT_ID, hostname: 'Shop.Example.net' });
    assert.equal(added.addHostnameAuthorization.hostname, 'shop.example.net');
    assert.equal(added.addHostnameAuthorization.subUser, null);
    assert.ok(state().domains.includes('shop.example.net'));
    const subUserId = proxymeshSubUserId('pm_dennis1');
    const onSub = await harness.client.data(ProxyMeshAddHostnameDocument, { accountId: PROXYMESH_ACCOUNT_ID, hostname: 'shop.example.net', subUserId });
    assert.equal(onSub.addHostnameAuthorization.subUser!.username, 'pm_dennis1');
    assert.ok(state().subs.get('pm_dennis1')!.domains.includes('shop.example.net'));
    await harness.client.data(ProxyMeshRemoveHostnameDocument, { accountId: PROXYMESH_ACCOUNT_ID, hostname: 'shop.example.net', subUserId });
    assert.ok(!state().subs.get('pm_dennis1')!.domains.includes('shop.example.net'));
    assert.ok(state().domains.includes('shop.example.net'));
    const removed = await harness.client.data(ProxyMeshRemoveHostnameDocument, { accountId: PROXYMESH_ACCOUNT_ID, hostname: 'shop.example.net' });
    assert.equal(removed.removeHostnameAuthorization.deleted, true);
    assert.ok(!state().domains.includes('shop.example.net'));
  });

  test('adding a hostname twice is CONFLICT; removing one that is not there removes nothing and says so; an unknown sub-account is NOT_FOUND', async () => {
    await harness.client.data(ProxyMeshAddHostnameDocument, { accountId: PROXYMESH_ACCOUNT_ID, hostname: 'twice.example.net' });
    const twice = await harness.client.request(ProxyMeshAddHostnameDocument, { accountId: PROXYMESH_ACCOUNT_ID, hostname: 'twice.example.net' });
    assert.deepEqual(errorCodes(twice), ['CONFLICT']);
    const absent = await harness.client.request(ProxyMeshRemoveHostnameDocument, { accountId: PROXYMESH_ACCOUNT_ID, hostname: 'absent.example.net' });
    assert.deepEqual(absent.errors, []);
    assert.equal(absent.data?.removeHostnameAuthorization.deleted, false);
    const unknownSub = await harness.client.request(ProxyMeshAddHostnameDocument, {
      accountId: PROXYMESH_ACCOUNT_ID,
      hostname: 'x.example.net',
      subUserId: proxymeshSubUserId('pm-nobody'),
    });
    assert.deepEqual(errorCodes(unknownSub), ['NOT_FOUND']);
  });
});

describe('ProxyMesh proxy-server authorization', () => {
  test('authorizeProxyServer adds a host by short name and answers its full domain; the account then lists it', async () => {
    const data = await harness.client.data(ProxyMeshAuthorizeProxyServerDocument, { accountId: PROXYMESH_ACCOUNT_ID, host: 'fr' });
    assert.deepEqual(data.authorizeProxyServer, { hostname: 'fr.proxymesh.com', port: 31280, location: { country: 'FR' } });
    const account = await harness.client.data(ProxyMeshAccountDocument, { id: PROXYMESH_ACCOUNT_ID });
    assert.ok(account.account!.servers!.some((server) => server.hostname === 'fr.proxymesh.com'));
  });

  test('authorizing a host already on the account changes nothing, and a full domain with port is accepted', async () => {
    const before = state().proxies.length;
    const data = await harness.client.data(ProxyMeshAuthorizeProxyServerDocument, { accountId: PROXYMESH_ACCOUNT_ID, host: 'fr.proxymesh.com:31280' });
    assert.equal(data.authorizeProxyServer.hostname, 'fr.proxymesh.com');
    assert.equal(state().proxies.length, before);
  });

  test('deauthorizeProxyServer removes the host; removing a host no longer on the account says nothing was removed', async () => {
    const removed = await harness.client.data(ProxyMeshDeauthorizeProxyServerDocument, { accountId: PROXYMESH_ACCOUNT_ID, host: 'fr.proxymesh.com' });
    assert.equal(removed.deauthorizeProxyServer.deleted, true);
    assert.ok(!state().proxies.includes('fr.proxymesh.com'));
    const again = await harness.client.data(ProxyMeshDeauthorizeProxyServerDocument, { accountId: PROXYMESH_ACCOUNT_ID, host: 'fr' });
    assert.equal(again.deauthorizeProxyServer.deleted, false);
  });

  test("an unknown host is BAD_USER_INPUT from ProxyMesh's 400 on add and on delete", async () => {
    const add = await harness.client.request(ProxyMeshAuthorizeProxyServerDocument, { accountId: PROXYMESH_ACCOUNT_ID, host: 'atlantis' });
    assert.deepEqual(errorCodes(add), ['BAD_USER_INPUT']);
    assert.deepEqual(add.errors[0].extensions?.fields, { proxy: ['Proxy is not recognized.'] });
    const remove = await harness.client.request(ProxyMeshDeauthorizeProxyServerDocument, { accountId: PROXYMESH_ACCOUNT_ID, host: 'atlantis' });
    assert.deepEqual(errorCodes(remove), ['BAD_USER_INPUT']);
  });

  test("past the plan's proxy count it is PLAN_LIMIT, and PROVIDER_UNAVAILABLE while ProxyMesh cannot look the plan up", async () => {
    harness.proxymesh.setPlanLookupFailing(true);
    const lookup = await harness.client.request(ProxyMeshAuthorizeProxyServerDocument, { accountId: PROXYMESH_ACCOUNT_ID, host: 'jp' });
    assert.deepEqual(errorCodes(lookup), ['PROVIDER_UNAVAILABLE']);
    harness.proxymesh.setPlanLookupFailing(false);
    for (const host of ['jp', 'sg']) await harness.client.data(ProxyMeshAuthorizeProxyServerDocument, { accountId: PROXYMESH_ACCOUNT_ID, host });
    assert.equal(state().proxies.length, state().plan.proxyLimit);
    const over = await harness.client.request(ProxyMeshAuthorizeProxyServerDocument, { accountId: PROXYMESH_ACCOUNT_ID, host: 'au' });
    assert.deepEqual(errorCodes(over), ['PLAN_LIMIT']);
  });
});
