/**
 * ProxyMesh through the graph: GraphQL over HTTP → ProxyGraph → ProxyMesh simulator over HTTP.
 * Account, proxies, servers, country pools and sub-accounts (with the registry of known sub-accounts).
 * IPs, hostnames and proxy-server authorization are in proxymesh-access.test.ts.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startProxyMeshHarness, proxymeshSubUserId, PROXYMESH_ACCOUNT_ID, type ProxyMeshHarness } from '../support/proxymesh-harness';
import { errorCodes } from '../support/graphql-client';
import {
  ProxyMeshAccountDocument,
  ProxyMeshCountryPoolsDocument,
  ProxyMeshCreateSubUserDocument,
  ProxyMeshDeleteSubUserDocument,
  ProxyMeshImportSubUserDocument,
  ProxyMeshProxiesDocument,
  ProxyMeshProxyByIdDocument,
  ProxyMeshSetSubUserActiveDocument,
  ProxyMeshSubUserDocument,
  ProxyMeshSubUsersDocument,
  ProxyMeshUpdateSubUserDocument,
} from '../generated/graphql';
import { capabilitiesOf } from '../contract/fixtures';

const GIB = 2 ** 30;
const KNOWN = ['pm_dennis1', 'pm_grace2'];
/** Seeded on the simulator (seed 5) but not named in the config. */
const UNKNOWN_SEEDED = 'pm_ada3';
let harness: ProxyMeshHarness;

before(async () => {
  harness = await startProxyMeshHarness({ proxymesh: { plan: { subAccountLimit: 6 } }, knownSubAccounts: KNOWN });
});
after(async () => {
  await harness?.stop();
});
beforeEach(() => {
  harness.proxymesh.server.resetCalls();
  harness.proxymesh.server.clearFaults();
  harness.proxymesh.setPlanLookupFailing(false);
});

const calls = (endpoint: string) => harness.proxymesh.server.callCount(endpoint);

describe('ProxyMesh account, proxies, servers and country pools', () => {
  test("the account shows ProxyMesh's capabilities, the parent username as profile, and each proxy host as a server", async () => {
    const data = await harness.client.data(ProxyMeshAccountDocument, { id: PROXYMESH_ACCOUNT_ID });
    const account = data.account!;
    assert.equal(account.provider, 'PROXYMESH');
    assert.deepEqual([...account.capabilities].sort(), capabilitiesOf('proxymesh'));
    assert.equal(account.profile!.name, harness.proxymesh.credentials.username);
    const hosts = harness.proxymesh.state.proxies;
    assert.deepEqual(
      account.servers!.map((server) => server.hostname),
      hosts,
    );
    const byHost = new Map(account.servers!.map((server) => [server.hostname, server]));
    assert.equal(byHost.get('us-ca.proxymesh.com')!.location!.country, 'US');
    assert.equal(byHost.get('uk.proxymesh.com')!.location!.country, 'GB');
    assert.equal(byHost.get('open.proxymesh.com')!.location, null);
    assert.ok(account.servers!.every((server) => server.port === 31280));
    assert.equal(calls('GET /api/proxies/'), 1);
  });

  test('proxies are the gateway hosts: one per host:port, country from the host name, rotating gateways with unknown health', async () => {
    const data = await harness.client.data(ProxyMeshProxiesDocument, { id: PROXYMESH_ACCOUNT_ID, first: 10 });
    const connection = data.account!.proxies!;
    assert.equal(connection.totalCount, harness.proxymesh.state.proxies.length);
    const first = connection.edges[0].node;
    assert.equal(first.host, 'us-ca.proxymesh.com');
    assert.equal(first.ports.http, 31280);
    assert.equal(first.country, 'US');
    assert.equal(first.type, 'ROTATING_GATEWAY');
    assert.equal(first.status, 'UNKNOWN');
    assert.equal(first.username, harness.proxymesh.credentials.username);
    // With auth off the caller holds every scope, `credentials` included: the URL is ready to use
    // (the scoped cases are in proxymesh-names.test.ts).
    const { username, password } = harness.proxymesh.credentials;
    assert.equal(first.url, `http://${encodeURIComponent(username)}:${encodeURIComponent(password)}@us-ca.proxymesh.com:31280`);
    const open = connection.edges.find((edge) => edge.node.host === 'open.proxymesh.com')!.node;
    assert.equal(open.country, null);
  });

  test('country, status and type filters apply to the gateways; a status ProxyMesh never reports skips the call', async () => {
    const us = await harness.client.data(ProxyMeshProxiesDocument, { id: PROXYMESH_ACCOUNT_ID, filter: { countries: ['us', 'GB'] } });
    assert.deepEqual(us.account!.proxies!.edges.map((edge) => edge.node.country).sort(), ['GB', 'US', 'US']);
    harness.proxymesh.server.resetCalls();
    const ok = await harness.client.data(ProxyMeshProxiesDocument, { id: PROXYMESH_ACCOUNT_ID, filter: { statuses: ['OK'] } });
    assert.equal(ok.account!.proxies!.totalCount, 0);
    assert.equal(harness.proxymesh.server.calls.length, 0);
    const gateways = await harness.client.data(ProxyMeshProxiesDocument, { id: PROXYMESH_ACCOUNT_ID, filter: { types: ['ROTATING_GATEWAY'] } });
    assert.equal(gateways.account!.proxies!.totalCount, harness.proxymesh.state.proxies.length);
  });

  test('paging through the gateways with after visits each once; proxy(id) finds the same proxy', async () => {
    const head = await harness.client.data(ProxyMeshProxiesDocument, { id: PROXYMESH_ACCOUNT_ID, first: 2 });
    assert.equal(head.account!.proxies!.pageInfo.hasNextPage, true);
    const rest = await harness.client.data(ProxyMeshProxiesDocument, {
      id: PROXYMESH_ACCOUNT_ID,
      first: 100,
      after: head.account!.proxies!.pageInfo.endCursor,
    });
    const hosts = [...head.account!.proxies!.edges, ...rest.account!.proxies!.edges].map((edge) => edge.node.host);
    assert.deepEqual(hosts, harness.proxymesh.state.proxies);
    const wanted = rest.account!.proxies!.edges[0].node;
    const byId = await harness.client.data(ProxyMeshProxyByIdDocument, { id: wanted.id });
    assert.deepEqual(byId.proxy, { id: wanted.id, host: wanted.host, country: wanted.country });
  });

  test('country pools list the open and world pools with their IP counts per country', async () => {
    const data = await harness.client.data(ProxyMeshCountryPoolsDocument, { accountId: PROXYMESH_ACCOUNT_ID });
    const { open, world } = harness.proxymesh.state.geoIps;
    const expected = (pool: 'open' | 'world', counts: Record<string, number>) =>
      Object.entries(counts)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([country, count]) => ({ pool, country, count }));
    assert.deepEqual(data.countryPools, [...expected('open', open), ...expected('world', world)]);
    assert.equal(calls('GET /api/geoips/open/'), 1);
    assert.equal(calls('GET /api/geoips/world/'), 1);
  });
});

describe('ProxyMesh sub-accounts', () => {
  test('subUsers lists the sub-accounts named in the config, each read with /api/sub/get/, with GB in bytes', async () => {
    const data = await harness.client.data(ProxyMeshSubUsersDocument, { id: PROXYMESH_ACCOUNT_ID });
    const connection = data.account!.subUsers!;
    assert.deepEqual(
      connection.edges.map((edge) => edge.node.username),
      KNOWN,
    );
    assert.equal(connection.totalCount, 2);
    const dennis = connection.edges[0].node;
    const wire = harness.proxymesh.state.subs.get('pm_dennis1')!;
    assert.equal(dennis.id, proxymeshSubUserId('pm_dennis1'));
    assert.equal(dennis.firstName, wire.first_name);
    assert.equal(dennis.lastName, wire.last_name);
    assert.equal(dennis.label, `${wire.first_name} ${wire.last_name}`);
    assert.equal(dennis.email, wire.email);
    assert.equal(dennis.monthlyBandwidthLimitBytes, wire.monthly_bandwidth_limit * GIB);
    assert.equal(dennis.bandwidthLimitBytes, wire.total_bandwidth_limit * GIB);
    assert.equal(dennis.bandwidthUsedBytes, Math.round(wire.total_bandwidth * GIB));
    assert.equal(dennis.monthlyBandwidthUsedBytes, Math.round(wire.monthly_bandwidth * GIB));
    assert.equal(calls('GET /api/sub/get/'), 2);
  });

  test('createSubUser sends whole GB and the contact fields, and the new sub-account is listed from then on', async () => {
    const created = await harness.client.data(ProxyMeshCreateSubUserDocument, {
      input: {
        accountId: PROXYMESH_ACCOUNT_ID,
        username: 'pm-created',
        password: 'secret-pass',
        firstName: 'Katherine',
        lastName: 'Johnson',
        email: 'kj@example.com',
        monthlyBandwidthLimitBytes: 5 * GIB,
        bandwidthLimitBytes: 40 * GIB,
      },
    });
    const sub = created.createSubUser;
    assert.equal(sub.username, 'pm-created');
    assert.equal(sub.active, true);
    assert.equal(sub.monthlyBandwidthLimitBytes, 5 * GIB);
    assert.equal(sub.bandwidthLimitBytes, 40 * GIB);
    assert.equal(sub.email, 'kj@example.com');
    const form = new URLSearchParams(harness.proxymesh.server.callsTo('POST /api/sub/create/')[0].body);
    assert.equal(form.get('monthly_limit'), '5');
    assert.equal(form.get('total_limit'), '40');
    assert.equal(form.get('first_name'), 'Katherine');
    assert.deepEqual(await harness.store.members(`proxymesh:${PROXYMESH_ACCOUNT_ID}:subaccounts`), ['pm-created']);
    const list = await harness.client.data(ProxyMeshSubUsersDocument, { id: PROXYMESH_ACCOUNT_ID });
    assert.deepEqual(
      list.account!.subUsers!.edges.map((edge) => edge.node.username),
      [...KNOWN, 'pm-created'],
    );
  });

  test('updateSubUser edits only what is given, and setSubUserActive deactivates and reactivates', async () => {
    const id = proxymeshSubUserId('pm-created');
    const updated = await harness.client.data(ProxyMeshUpdateSubUserDocument, { id, input: { bandwidthLimitBytes: 0, lastName: 'Goble' } });
    assert.equal(updated.updateSubUser.bandwidthLimitBytes, null);
    assert.equal(updated.updateSubUser.lastName, 'Goble');
    assert.equal(updated.updateSubUser.firstName, 'Katherine');
    const form = new URLSearchParams(harness.proxymesh.server.callsTo('POST /api/sub/edit/')[0].body);
    assert.deepEqual([...form.keys()].sort(), ['last_name', 'total_limit', 'username']);
    const off = await harness.client.data(ProxyMeshSetSubUserActiveDocument, { id, active: false });
    assert.equal(off.setSubUserActive.active, false);
    assert.equal(harness.proxymesh.state.subs.get('pm-created')!.active, false);
    const on = await harness.client.data(ProxyMeshSetSubUserActiveDocument, { id, active: true });
    assert.equal(on.setSubUserActive.active, true);
    assert.equal(calls('POST /api/sub/deactivate/'), 1);
    assert.equal(calls('POST /api/sub/activate/'), 1);
  });

  test('subUser(id) reads one sub-account, with the IPs authorized for it read only when asked for', async () => {
    const data = await harness.client.data(ProxyMeshSubUserDocument, { id: proxymeshSubUserId('pm_dennis1') });
    assert.equal(data.subUser!.username, 'pm_dennis1');
    assert.deepEqual(
      data.subUser!.ipAuthorizations.map((entry) => entry.ip),
      harness.proxymesh.state.subs.get('pm_dennis1')!.ips,
    );
    assert.equal(calls('GET /api/ips/'), 1);
    assert.equal(new URLSearchParams(harness.proxymesh.server.callsTo('GET /api/ips/')[0].query).get('username'), 'pm_dennis1');
    const missing = await harness.client.data(ProxyMeshSubUserDocument, { id: proxymeshSubUserId('pm-nobody') });
    assert.equal(missing.subUser, null);
  });

  test('importSubUser checks the sub-account upstream first, then lists it; unknown ones are NOT_FOUND and not remembered', async () => {
    const imported = await harness.client.data(ProxyMeshImportSubUserDocument, { accountId: PROXYMESH_ACCOUNT_ID, username: UNKNOWN_SEEDED });
    assert.equal(imported.importSubUser.username, UNKNOWN_SEEDED);
    assert.equal(calls('GET /api/sub/get/'), 1);
    const missing = await harness.client.request(ProxyMeshImportSubUserDocument, { accountId: PROXYMESH_ACCOUNT_ID, username: 'pm-nobody' });
    assert.deepEqual(errorCodes(missing), ['NOT_FOUND']);
    const foreign = await harness.client.request(ProxyMeshImportSubUserDocument, { accountId: PROXYMESH_ACCOUNT_ID, username: 'taken-user' });
    assert.deepEqual(errorCodes(foreign), ['PROVIDER_FORBIDDEN']);
    const remembered = await harness.store.members(`proxymesh:${PROXYMESH_ACCOUNT_ID}:subaccounts`);
    assert.ok(remembered.includes(UNKNOWN_SEEDED));
    assert.ok(!remembered.includes('pm-nobody') && !remembered.includes('taken-user'));
    const list = await harness.client.data(ProxyMeshSubUsersDocument, { id: PROXYMESH_ACCOUNT_ID });
    assert.ok(list.account!.subUsers!.edges.some((edge) => edge.node.username === UNKNOWN_SEEDED));
  });

  test('deleteSubUser removes the sub-account upstream and from the registry; deleting it again removes nothing and says so', async () => {
    const id = proxymeshSubUserId('pm-created');
    const deleted = await harness.client.data(ProxyMeshDeleteSubUserDocument, { id });
    assert.deepEqual(deleted.deleteSubUser, { id, deleted: true });
    assert.equal(harness.proxymesh.state.subs.has('pm-created'), false);
    assert.ok(!(await harness.store.members(`proxymesh:${PROXYMESH_ACCOUNT_ID}:subaccounts`)).includes('pm-created'));
    const again = await harness.client.request(ProxyMeshDeleteSubUserDocument, { id });
    assert.deepEqual(again.errors, []);
    assert.deepEqual(again.data?.deleteSubUser, { id, deleted: false });
  });

  test('sub-account errors are typed: taken username CONFLICT, plan limit PLAN_LIMIT, plan lookup PROVIDER_UNAVAILABLE', async () => {
    const taken = await harness.client.request(ProxyMeshCreateSubUserDocument, { input: { accountId: PROXYMESH_ACCOUNT_ID, username: 'taken-user' } });
    assert.deepEqual(errorCodes(taken), ['CONFLICT']);
    harness.proxymesh.setPlanLookupFailing(true);
    const lookup = await harness.client.request(ProxyMeshCreateSubUserDocument, { input: { accountId: PROXYMESH_ACCOUNT_ID, username: 'pm-lookup' } });
    assert.deepEqual(errorCodes(lookup), ['PROVIDER_UNAVAILABLE']);
    harness.proxymesh.setPlanLookupFailing(false);
    const { subs, plan } = harness.proxymesh.state;
    while (subs.size < plan.subAccountLimit) {
      await harness.client.data(ProxyMeshCreateSubUserDocument, { input: { accountId: PROXYMESH_ACCOUNT_ID, username: `pm-fill${subs.size}` } });
    }
    const over = await harness.client.request(ProxyMeshCreateSubUserDocument, { input: { accountId: PROXYMESH_ACCOUNT_ID, username: 'pm-over' } });
    assert.deepEqual(errorCodes(over), ['PLAN_LIMIT']);
    assert.equal(over.errors[0].extensions?.provider, 'PROXYMESH');
  });

  test("editing another parent's sub-account is PROVIDER_FORBIDDEN; an unknown one is NOT_FOUND on edit and activate, and deleting it removes nothing", async () => {
    const foreign = await harness.client.request(ProxyMeshUpdateSubUserDocument, { id: proxymeshSubUserId('taken-user'), input: { firstName: 'X' } });
    assert.deepEqual(errorCodes(foreign), ['PROVIDER_FORBIDDEN']);
    const id = proxymeshSubUserId('pm-nobody');
    assert.deepEqual(errorCodes(await harness.client.request(ProxyMeshUpdateSubUserDocument, { id, input: { firstName: 'X' } })), ['NOT_FOUND']);
    assert.deepEqual(errorCodes(await harness.client.request(ProxyMeshSetSubUserActiveDocument, { id, active: false })), ['NOT_FOUND']);
    assert.deepEqual((await harness.client.request(ProxyMeshDeleteSubUserDocument, { id })).data?.deleteSubUser, { id, deleted: false });
  });
});
