/**
 * ProxyMesh sub-account names as ProxyMesh accepts them, `pm_` prefix included (docs/providers/proxymesh.txt:
 * "prefix all sub-account usernames with ... such as pm_"): named in the config, they are listed, read,
 * created and imported, each through the documented call; none is dropped unseen.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startProxyMeshHarness, proxymeshSubUserId, PROXYMESH_ACCOUNT_ID, type ProxyMeshHarness } from '../support/proxymesh-harness';
import { errorCodes } from '../support/graphql-client';
import { ProxyMeshCreateSubUserDocument, ProxyMeshImportSubUserDocument, ProxyMeshSubUserDocument, ProxyMeshSubUsersDocument } from '../generated/graphql';

let harness: ProxyMeshHarness;
/** The simulator's seeded sub-accounts (seed 5): pm_ names, as the docs advise. */
let seeded: string[];

before(async () => {
  harness = await startProxyMeshHarness({ proxymesh: { subAccountCount: 3 }, knownSubAccounts: ['pm_dennis1', 'pm_grace2'] });
  seeded = [...harness.proxymesh.state.subs.keys()];
});
after(() => harness?.stop());
beforeEach(() => harness.proxymesh.server.resetCalls());

describe('ProxyMesh sub-accounts whose username has an underscore', () => {
  test('the pm_ names of the config are listed, each read once from /api/sub/get/', async () => {
    assert.ok(seeded.every((username) => username.startsWith('pm_')));
    const data = await harness.client.data(ProxyMeshSubUsersDocument, { id: PROXYMESH_ACCOUNT_ID, first: 10 });
    const usernames = data.account!.subUsers!.edges.map((edge) => edge.node.username);
    assert.deepEqual(usernames, ['pm_dennis1', 'pm_grace2']);
    assert.equal(data.account!.subUsers!.totalCount, 2);
    assert.equal(harness.proxymesh.server.callCount('GET /api/sub/get/'), 2);
  });

  test('subUser(id) of a pm_ name reads it; one ProxyMesh could never hold is null with no call', async () => {
    const data = await harness.client.data(ProxyMeshSubUserDocument, { id: proxymeshSubUserId('pm_grace2') });
    assert.equal(data.subUser!.username, 'pm_grace2');
    harness.proxymesh.server.resetCalls();
    const never = await harness.client.request(ProxyMeshSubUserDocument, { id: proxymeshSubUserId('pm/grace') });
    assert.equal(never.data?.subUser ?? null, null);
    assert.equal(harness.proxymesh.server.calls.length, 0);
  });

  test('a pm_ sub-account is created with that name and is listed afterwards', async () => {
    const created = await harness.client.data(ProxyMeshCreateSubUserDocument, { input: { accountId: PROXYMESH_ACCOUNT_ID, username: 'pm_new_one' } });
    assert.equal(created.createSubUser.username, 'pm_new_one');
    assert.ok(harness.proxymesh.state.subs.has('pm_new_one'));
    const listed = await harness.client.data(ProxyMeshSubUsersDocument, { id: PROXYMESH_ACCOUNT_ID, first: 10 });
    assert.ok(listed.account!.subUsers!.edges.some((edge) => edge.node.username === 'pm_new_one'));
  });

  test('an existing pm_ sub-account not in the config is imported and then listed', async () => {
    const unnamed = seeded.find((username) => !['pm_dennis1', 'pm_grace2'].includes(username))!;
    const imported = await harness.client.request(ProxyMeshImportSubUserDocument, { accountId: PROXYMESH_ACCOUNT_ID, username: unnamed });
    assert.deepEqual(errorCodes(imported), []);
    const listed = await harness.client.data(ProxyMeshSubUsersDocument, { id: PROXYMESH_ACCOUNT_ID, first: 10 });
    assert.ok(listed.account!.subUsers!.edges.some((edge) => edge.node.username === unnamed));
  });
});
