/**
 * Create → read → delete, for every provider and every kind of thing its capabilities say it can hold
 * (sub-users, IP authorizations, hostname authorizations, DNS overrides, proxy servers), a second delete
 * included; then the idempotency of the cross-account IP mutations (docs/architecture.md §4a). Each behaviour runs only
 * where the fixture has the capability.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { GraphQLResult } from '../support/graphql-client';
import { FIXTURES, type DeleteMutation } from './fixtures';
import { startContractEstate, type ContractEstate } from './estate';
import {
  accountPages,
  addHostnameAuthorization,
  allCodes,
  allIds,
  authorizeIp,
  createDnsOverride,
  createSubUser,
  nextUnique,
  readAccount,
  revokeIp,
} from './operations';

let estate: ContractEstate;

before(async () => {
  // With the read cache on, as in production: every read after a write must show the write.
  estate = await startContractEstate({ server: { cache: { enabled: true } } });
});

after(async () => {
  await estate?.stop();
});

interface DeletedPayload {
  id: string | null;
  deleted: boolean;
  count: number | null;
}

const DELETED = '{ id deleted count }';

async function deleteById(mutation: string, id: string): Promise<GraphQLResult<Record<string, DeletedPayload>>> {
  return estate.client.request(`mutation ContractDelete($id: ID!) { ${mutation}(id: $id) ${DELETED} }`, { id });
}

/** The first delete removed one thing, and says so. */
function assertDeleted(result: GraphQLResult<Record<string, DeletedPayload>>, mutation: string): void {
  assert.deepEqual(result.errors, []);
  assert.equal(result.data![mutation].deleted, true);
  assert.equal(result.data![mutation].count, 1);
}

/** Deleting what is gone tells the truth: NOT_FOUND, or nothing deleted (docs/architecture.md §4a). */
function assertNothingDeleted(result: GraphQLResult<Record<string, DeletedPayload>>, mutation: string): void {
  if (result.errors.length > 0) {
    assert.deepEqual(allCodes(result), ['NOT_FOUND']);
    return;
  }
  assert.deepEqual({ deleted: result.data![mutation].deleted, count: result.data![mutation].count }, { deleted: false, count: 0 });
}

async function listed<T>(accountId: string, selection: string, field: string): Promise<T[]> {
  const result = await readAccount(estate.client, accountId, selection);
  assert.deepEqual(result.errors, []);
  return result.data!.account![field] as T[];
}

for (const fixture of FIXTURES) {
  const has = (capability: (typeof fixture.capabilities)[number]) => fixture.capabilities.includes(capability);
  const whenDeletedTwice = (mutation: DeleteMutation) => ({ todo: fixture.gaps?.[`${mutation}Twice`] });
  const accountId = fixture.accountId;

  describe(`${fixture.name}: create, read, delete`, () => {
    if (has('SUB_USERS')) {
      test('a sub-user created is read by id and listed; deleted, it reads as null and is no longer listed', async () => {
        const created = await createSubUser(estate.client, fixture, accountId);
        assert.deepEqual(created.errors, []);
        const { id, username } = created.data!.createSubUser;

        const read = await estate.client.data<{ subUser: { id: string; username: string } | null }, unknown>(
          'query($id: ID!) { subUser(id: $id) { id username } }',
          { id },
        );
        assert.deepEqual(read.subUser, { id, username });
        assert.ok((await allIds(accountPages(estate.client, accountId, 'subUsers'))).includes(id), 'listed after create');

        assertDeleted(await deleteById('deleteSubUser', id), 'deleteSubUser');
        const gone = await estate.client.data<{ subUser: unknown }, unknown>('query($id: ID!) { subUser(id: $id) { id } }', { id });
        assert.equal(gone.subUser, null);
        assert.ok(!(await allIds(accountPages(estate.client, accountId, 'subUsers'))).includes(id), 'not listed after delete');
      });

      test('deleting a sub-user twice: the second says nothing was deleted', whenDeletedTwice('deleteSubUser'), async () => {
        const { id } = (await createSubUser(estate.client, fixture, accountId)).data!.createSubUser;
        await deleteById('deleteSubUser', id);
        assertNothingDeleted(await deleteById('deleteSubUser', id), 'deleteSubUser');
      });
    }

    if (has('IP_AUTHORIZATIONS')) {
      test('an IP authorized on the account is listed; revoked by id, it is gone', async () => {
        const input = fixture.samples.ipAuthorization(nextUnique());
        const authorized = await authorizeIp(estate.client, { ...input, accountIds: [accountId] });
        assert.deepEqual(authorized.errors, []);
        assert.equal(authorized.data!.authorizeIp.length, 1);
        const [result] = authorized.data!.authorizeIp;
        assert.deepEqual({ ok: result.ok, alreadyDone: result.alreadyDone, error: result.error }, { ok: true, alreadyDone: false, error: null });
        const { id, ip } = result.ipAuthorization!;
        assert.equal(ip, input.ip);

        const before = await listed<{ id: string; ip: string }>(accountId, 'ipAuthorizations { id ip }', 'ipAuthorizations');
        assert.deepEqual(
          before.filter((entry) => entry.id === id),
          [{ id, ip }],
        );

        assertDeleted(await deleteById('revokeIpAuthorization', id), 'revokeIpAuthorization');
        const after = await listed<{ id: string; ip: string }>(accountId, 'ipAuthorizations { id ip }', 'ipAuthorizations');
        assert.deepEqual(
          after.filter((entry) => entry.id === id || entry.ip === ip),
          [],
        );
      });

      test('revoking an IP authorization twice: the second says nothing was deleted', whenDeletedTwice('revokeIpAuthorization'), async () => {
        const input = fixture.samples.ipAuthorization(nextUnique());
        const { id } = (await authorizeIp(estate.client, { ...input, accountIds: [accountId] })).data!.authorizeIp[0].ipAuthorization!;
        await deleteById('revokeIpAuthorization', id);
        assertNothingDeleted(await deleteById('revokeIpAuthorization', id), 'revokeIpAuthorization');
      });
    }

    if (has('HOSTNAME_AUTHORIZATIONS')) {
      test('a hostname authorized on the account is listed; removed, it is gone', async () => {
        const hostname = fixture.samples.hostname!(String(nextUnique()));
        const added = await addHostnameAuthorization(estate.client, accountId, hostname);
        assert.deepEqual(added.errors, []);
        assert.equal(added.data!.addHostnameAuthorization.hostname, hostname);
        const { id } = added.data!.addHostnameAuthorization;

        const before = await listed<{ id: string; hostname: string }>(accountId, 'hostnameAuthorizations { id hostname }', 'hostnameAuthorizations');
        assert.deepEqual(
          before.filter((entry) => entry.id === id),
          [{ id, hostname }],
        );

        const removed = await removeHostname(accountId, hostname);
        assertDeleted(removed, 'removeHostnameAuthorization');
        const after = await listed<{ id: string; hostname: string }>(accountId, 'hostnameAuthorizations { id hostname }', 'hostnameAuthorizations');
        assert.deepEqual(
          after.filter((entry) => entry.hostname === hostname),
          [],
        );
      });

      test('removing a hostname authorization twice: the second says nothing was deleted', whenDeletedTwice('removeHostnameAuthorization'), async () => {
        const hostname = fixture.samples.hostname!(String(nextUnique()));
        await addHostnameAuthorization(estate.client, accountId, hostname);
        await removeHostname(accountId, hostname);
        assertNothingDeleted(await removeHostname(accountId, hostname), 'removeHostnameAuthorization');
      });
    }

    if (has('DNS_OVERRIDES')) {
      test('a DNS override created is listed; deleted, it is gone', async () => {
        const created = await createDnsOverride(estate.client, fixture, accountId);
        assert.deepEqual(created.errors, []);
        const { id, hostname } = created.data!.createDnsOverride;

        const before = await listed<{ id: string; hostname: string }>(accountId, 'dnsOverrides { id hostname }', 'dnsOverrides');
        assert.deepEqual(
          before.filter((entry) => entry.id === id),
          [{ id, hostname }],
        );

        assertDeleted(await deleteById('deleteDnsOverride', id), 'deleteDnsOverride');
        const after = await listed<{ id: string; hostname: string }>(accountId, 'dnsOverrides { id hostname }', 'dnsOverrides');
        assert.deepEqual(
          after.filter((entry) => entry.id === id),
          [],
        );
      });

      test('deleting a DNS override twice: the second says nothing was deleted', whenDeletedTwice('deleteDnsOverride'), async () => {
        const { id } = (await createDnsOverride(estate.client, fixture, accountId)).data!.createDnsOverride;
        await deleteById('deleteDnsOverride', id);
        assertNothingDeleted(await deleteById('deleteDnsOverride', id), 'deleteDnsOverride');
      });
    }

    const serverHost = fixture.samples.proxyServerHost;

    if (serverHost && has('PROXY_SERVER_AUTHORIZATION') && has('SERVERS')) {
      test('a proxy server authorized on the account is listed among its servers; deauthorized, it is gone', async () => {
        const added = await proxyServer<{ hostname: string }>('authorizeProxyServer', accountId, serverHost, '{ hostname }');
        assert.deepEqual(added.errors, []);
        const { hostname } = added.data!.authorizeProxyServer;
        const servers = async () => (await listed<{ hostname: string }>(accountId, 'servers { hostname }', 'servers')).map((server) => server.hostname);
        assert.ok((await servers()).includes(hostname), `${hostname} listed`);

        assertDeleted(await proxyServer<DeletedPayload>('deauthorizeProxyServer', accountId, serverHost, DELETED), 'deauthorizeProxyServer');
        assert.ok(!(await servers()).includes(hostname), `${hostname} not listed`);
      });

      test('deauthorizing a proxy server twice: the second says nothing was deleted', whenDeletedTwice('deauthorizeProxyServer'), async () => {
        await proxyServer('authorizeProxyServer', accountId, serverHost, '{ hostname }');
        await proxyServer('deauthorizeProxyServer', accountId, serverHost, DELETED);
        assertNothingDeleted(await proxyServer<DeletedPayload>('deauthorizeProxyServer', accountId, serverHost, DELETED), 'deauthorizeProxyServer');
      });
    }
  });

  if (has('IP_AUTHORIZATIONS'))
    describe(`${fixture.name}: IP mutations are idempotent`, () => {
      test('authorizing the same IP twice: the second is ok with alreadyDone, naming the same entry', async () => {
        const sample = fixture.samples.ipAuthorization(nextUnique());
        const input = { ...sample, accountIds: [accountId] };
        const first = await authorizeIp(estate.client, input);
        const second = await authorizeIp(estate.client, input);
        assert.deepEqual([...first.errors, ...second.errors], []);
        const [once] = first.data!.authorizeIp;
        const [twice] = second.data!.authorizeIp;
        assert.deepEqual({ ok: twice.ok, alreadyDone: twice.alreadyDone, error: twice.error }, { ok: true, alreadyDone: true, error: null });
        assert.equal(twice.ipAuthorization?.id, once.ipAuthorization!.id);
        await revokeIp(estate.client, String(sample.ip), [accountId]);
      });

      test('revoking an IP twice: the second is ok with alreadyDone and removedCount 0', async () => {
        const sample = fixture.samples.ipAuthorization(nextUnique());
        assert.equal((await authorizeIp(estate.client, { ...sample, accountIds: [accountId] })).data!.authorizeIp[0].ok, true);
        const first = await revokeIp(estate.client, String(sample.ip), [accountId]);
        const second = await revokeIp(estate.client, String(sample.ip), [accountId]);
        assert.deepEqual([...first.errors, ...second.errors], []);
        const [once] = first.data!.revokeIp;
        const [twice] = second.data!.revokeIp;
        assert.deepEqual({ ok: once.ok, alreadyDone: once.alreadyDone, removedCount: once.removedCount }, { ok: true, alreadyDone: false, removedCount: 1 });
        assert.deepEqual(
          { ok: twice.ok, alreadyDone: twice.alreadyDone, removedCount: twice.removedCount, error: twice.error },
          { ok: true, alreadyDone: true, removedCount: 0, error: null },
        );
      });

      test('authorizing an IP alone, with nothing else, succeeds', { todo: fixture.gaps?.authorizeIpBare }, async () => {
        const ip = String(fixture.samples.ipAuthorization(nextUnique()).ip);
        const result = await authorizeIp(estate.client, { ip, accountIds: [accountId] });
        await revokeIp(estate.client, ip, [accountId]);
        assert.deepEqual(result.errors, []);
        assert.deepEqual({ ok: result.data!.authorizeIp[0].ok, error: result.data!.authorizeIp[0].error }, { ok: true, error: null });
      });

      test(
        'authorizeIp is idempotent whatever the arguments, and a later expiry is applied rather than dropped',
        { todo: fixture.gaps?.authorizeIpAnyArguments },
        async () => {
          const ip = String(fixture.samples.ipAuthorization(nextUnique()).ip);
          const soon = new Date(Date.now() + 2 * 3_600_000);
          const later = new Date(Date.now() + 5 * 3_600_000);
          const withArguments = (expiresAt: Date) => ({ ip, accountIds: [accountId], user: 'jack', expiresAt: expiresAt.toISOString() });
          try {
            const first = await authorizeIp(estate.client, withArguments(soon));
            const again = await authorizeIp(estate.client, withArguments(soon));
            const extended = await authorizeIp(estate.client, withArguments(later));
            for (const result of [first, again, extended]) {
              assert.deepEqual(result.errors, []);
              assert.deepEqual({ ok: result.data!.authorizeIp[0].ok, error: result.data!.authorizeIp[0].error }, { ok: true, error: null });
            }
            assert.equal(again.data!.authorizeIp[0].alreadyDone, true);
            for (const result of [first, again, extended]) assert.deepEqual(result.data!.authorizeIp[0].notApplied, fixture.ipAuthorizationNotApplied);
            // A provider without expiries reports none; one with them holds the later one.
            const expiresAt = extended.data!.authorizeIp[0].ipAuthorization?.expiresAt;
            if (expiresAt) assert.equal(Math.floor(Date.parse(expiresAt) / 1000), Math.floor(later.getTime() / 1000));
          } finally {
            await revokeIp(estate.client, ip, [accountId]);
          }
        },
      );
    });
}

function proxyServer<T>(
  mutation: 'authorizeProxyServer' | 'deauthorizeProxyServer',
  accountId: string,
  host: string,
  selection: string,
): Promise<GraphQLResult<Record<string, T>>> {
  return estate.client.request(
    `mutation ContractProxyServer($accountId: ID!, $host: String!) { ${mutation}(accountId: $accountId, host: $host) ${selection} }`,
    { accountId, host },
  );
}

function removeHostname(accountId: string, hostname: string): Promise<GraphQLResult<Record<string, DeletedPayload>>> {
  return estate.client.request(
    `mutation ContractRemoveHostname($accountId: ID!, $hostname: String!) { removeHostnameAuthorization(accountId: $accountId, hostname: $hostname) ${DELETED} }`,
    { accountId, hostname },
  );
}
