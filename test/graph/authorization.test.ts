/**
 * Authorization on every path (issue 11, items 1 and 2): scopes and account visibility are enforced where
 * entities are loaded, so `_entities` obeys the same rules as root fields; the router secret is decided from
 * the whole operation, however deeply its fragments nest.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startIdentityProvider, type TestIdentityProvider } from '../support/identity-provider';
import { startEstateHarness, type EstateHarness } from '../support/estate-harness';
import { errorCodes, GraphQLTestClient } from '../support/graphql-client';
import { startHarness, WEBSHARE_ACCOUNT_ID, type Harness } from '../support/harness';

const KEYS = {
  admin: 'key-admin-0123456789abcdef',
  read: 'key-read-0123456789abcdef',
  write: 'key-write-0123456789abcdef',
  credentials: 'key-credentials-0123456789abc',
  readOnlyWs: 'key-read-ws-only-0123456789',
} as const;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

type EntityType = 'Account' | 'Proxy' | 'SubUser' | 'IpAuthorization' | 'DnsOverride';

/** One representation of each entity type, with the fields a client would select. */
interface Reference {
  typename: EntityType;
  id: string;
  selection: string;
}

function entitiesQuery(references: readonly Reference[]): string {
  const representations = references.map((reference) => `{ __typename: "${reference.typename}", id: "${reference.id}" }`).join(', ');
  const fragments = [...new Set(references.map((reference) => `... on ${reference.typename} { ${reference.selection} }`))].join(' ');
  return `{ _entities(representations: [${representations}]) { __typename ${fragments} } }`;
}

function upstreamCalls(estate: EstateHarness): number {
  return Object.values(estate.simulators).reduce((total, simulator) => total + simulator.server.calls.length, 0);
}

function resetCalls(estate: EstateHarness): void {
  for (const simulator of Object.values(estate.simulators)) simulator.server.resetCalls();
}

describe("entities through _entities obey the caller's scopes and accounts", () => {
  let estate: EstateHarness;
  const client = (key: string) => new GraphQLTestClient(estate.proxygraph.url, { authorization: `Bearer ${key}` });
  const references: Reference[] = [];

  before(async () => {
    estate = await startEstateHarness({
      server: {
        auth: {
          mode: 'apiKeys',
          keys: [
            { name: 'admin', sha256: sha256(KEYS.admin), scopes: ['read', 'write', 'credentials'], accounts: ['*'] },
            { name: 'reader', sha256: sha256(KEYS.read), scopes: ['read'], accounts: ['*'] },
            { name: 'writer', sha256: sha256(KEYS.write), scopes: ['write'], accounts: ['*'] },
            { name: 'credentials-only', sha256: sha256(KEYS.credentials), scopes: ['credentials'], accounts: ['*'] },
            { name: 'reader-ws', sha256: sha256(KEYS.readOnlyWs), scopes: ['read'], accounts: ['ws'] },
          ],
        },
      },
    });
    // Real ids of one entity of each type, read with the admin key.
    const ids = await client(KEYS.admin).data(`{
      ws: account(id: "ws") { proxies(first: 1) { edges { node { id } } } subUsers(first: 1) { edges { node { id } } } ipAuthorizations { id } }
      wp: account(id: "wp") { dnsOverrides { id } }
    }`);
    const ws = (
      ids as { ws: { proxies: { edges: { node: { id: string } }[] }; subUsers: { edges: { node: { id: string } }[] }; ipAuthorizations: { id: string }[] } }
    ).ws;
    const wp = (ids as { wp: { dnsOverrides: { id: string }[] } }).wp;
    references.push(
      { typename: 'Account', id: 'wp', selection: 'id label' },
      { typename: 'Proxy', id: ws.proxies.edges[0].node.id, selection: 'id host' },
      { typename: 'SubUser', id: ws.subUsers.edges[0].node.id, selection: 'id username' },
      { typename: 'IpAuthorization', id: ws.ipAuthorizations[0].id, selection: 'id ip' },
      { typename: 'DnsOverride', id: wp.dnsOverrides[0].id, selection: 'id hostname' },
    );
  });
  after(() => estate?.stop());

  for (const [name, key] of [
    ['a write-only key', KEYS.write],
    ['a credentials-only key', KEYS.credentials],
  ] as const) {
    for (const typename of ['Account', 'Proxy', 'SubUser', 'IpAuthorization', 'DnsOverride'] as const) {
      test(`${name} cannot read a ${typename} through _entities, and no provider is called`, async () => {
        resetCalls(estate);
        const reference = references.find((candidate) => candidate.typename === typename)!;
        const result = await client(key).request(entitiesQuery([reference]));
        assert.ok(errorCodes(result).length > 0);
        assert.ok(
          errorCodes(result).every((code) => code === 'FORBIDDEN'),
          JSON.stringify(result.errors),
        );
        const entities = (result.data as { _entities?: unknown[] } | null | undefined)?._entities;
        assert.ok(!entities || entities.every((entity) => entity === null), JSON.stringify(result.data));
        assert.equal(upstreamCalls(estate), 0);
      });
    }
  }

  test('a read key resolves every entity type through _entities', async () => {
    const result = await client(KEYS.read).request(entitiesQuery(references));
    assert.deepEqual(result.errors, []);
    const entities = (result.data as { _entities: Array<{ __typename: string; id: string } | null> })._entities;
    assert.deepEqual(
      entities.map((entity) => entity?.__typename),
      references.map((reference) => reference.typename),
    );
    assert.deepEqual(
      entities.map((entity) => entity?.id),
      references.map((reference) => reference.id),
    );
  });

  test("a read key limited to one account gets null for another account's entities, as if they did not exist", async () => {
    resetCalls(estate);
    const wpEntities = references.filter((reference) => reference.id === 'wp' || reference.typename === 'DnsOverride');
    const result = await client(KEYS.readOnlyWs).request(entitiesQuery(wpEntities));
    assert.deepEqual(result.errors, []);
    assert.deepEqual((result.data as { _entities: unknown[] })._entities, [null, null]);
    assert.equal(estate.simulators.wonderproxy.server.calls.length, 0);
  });

  test('passwords through _entities need the credentials scope as well as read', async () => {
    const proxy = references.find((reference) => reference.typename === 'Proxy')!;
    const withPassword: Reference = { ...proxy, selection: 'id password' };
    const reader = await client(KEYS.read).request(entitiesQuery([withPassword]));
    assert.deepEqual(errorCodes(reader), ['FORBIDDEN']);
    const credentialsOnly = await client(KEYS.credentials).request(entitiesQuery([withPassword]));
    assert.ok(errorCodes(credentialsOnly).every((code) => code === 'FORBIDDEN'));
    const admin = await client(KEYS.admin).request(entitiesQuery([withPassword]));
    assert.deepEqual(admin.errors, []);
  });

  test('a write-only key sees what its write returned, but a field that loads more from the account is FORBIDDEN', async () => {
    const result = await client(KEYS.write).request(
      `mutation { createSubUser(input: { accountId: "ws", label: "write-only sees its result" }) { id label account { id plan { name } } } }`,
    );
    const created = (result.data as { createSubUser: { id: string; label: string; account: { id: string; plan: unknown } } } | null)?.createSubUser;
    assert.equal(created?.label, 'write-only sees its result');
    assert.equal(created?.account.id, 'ws');
    assert.equal(created?.account.plan, null);
    assert.deepEqual(errorCodes(result), ['FORBIDDEN']);
    assert.deepEqual(result.errors[0].path, ['createSubUser', 'account', 'plan']);
  });

  test('root queries need the read scope, mutations the write scope, with no upstream call when refused', async () => {
    resetCalls(estate);
    const writeOnly = await client(KEYS.write).request('{ accounts { id } proxies(first: 1) { edges { node { id } } } }');
    assert.ok(errorCodes(writeOnly).length >= 1 && errorCodes(writeOnly).every((code) => code === 'FORBIDDEN'));
    const readOnly = await client(KEYS.read).request('mutation { revokeIp(ip: "203.0.113.200") { ok } }');
    assert.deepEqual(errorCodes(readOnly), ['FORBIDDEN']);
    assert.equal(upstreamCalls(estate), 0);
  });
});

describe('a JWT with no scope', () => {
  let idp: TestIdentityProvider;
  let harness: Harness;

  before(async () => {
    idp = await startIdentityProvider();
    harness = await startHarness({ auth: { mode: 'jwt', jwksUrl: idp.jwksUrl, issuer: idp.issuer, audience: idp.audience } });
  });
  after(async () => {
    await harness?.stop();
    await idp?.stop();
  });

  test('reads no account and no proxy through _entities', async () => {
    const token = await idp.token({ proxygraph_accounts: ['*'] });
    const page = await harness.proxygraph.registry.find(WEBSHARE_ACCOUNT_ID)!.adapter.openSession().proxies!.list({ offset: 0, limit: 1 }, {});
    const proxyId = Buffer.from(`Proxy:${WEBSHARE_ACCOUNT_ID}:${page.items[0].nativeId}`).toString('base64url');
    harness.webshare.server.resetCalls();
    const result = await harness.client.withHeaders({ authorization: `Bearer ${token}` }).request(
      entitiesQuery([
        { typename: 'Account', id: WEBSHARE_ACCOUNT_ID, selection: 'id' },
        { typename: 'Proxy', id: proxyId, selection: 'id host' },
      ]),
    );
    assert.ok(errorCodes(result).length > 0 && errorCodes(result).every((code) => code === 'FORBIDDEN'), JSON.stringify(result.errors));
    assert.equal(harness.webshare.server.calls.length, 0);
  });
});

describe('the router secret is decided from the whole operation', () => {
  const secret = 'router-secret-for-tests-0123456789';
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ server: { routerSecret: secret } });
  });
  after(() => harness?.stop());

  const nestInline = (depth: number, inner: string) => `{ ${'... on Query { '.repeat(depth)}${inner}${' }'.repeat(depth)} }`;

  test('_entities and _service nested in six (or ten) inline fragments still need the secret', async () => {
    for (const inner of [`_entities(representations: [{ __typename: "Account", id: "${WEBSHARE_ACCOUNT_ID}" }]) { __typename }`, '_service { sdl }']) {
      for (const depth of [6, 10]) {
        const result = await harness.client.request(nestInline(depth, inner));
        assert.equal(result.status, 403, `${depth} × ${inner}`);
        assert.deepEqual(errorCodes(result), ['FORBIDDEN']);
      }
    }
  });

  test('_entities behind a chain of named fragments still needs the secret', async () => {
    const chain = Array.from({ length: 9 }, (_, index) => `fragment F${index} on Query { ${index === 8 ? '_service { sdl }' : `...F${index + 1}`} }`).join(
      '\n',
    );
    const result = await harness.client.request(`{ ...F0 }\n${chain}`);
    assert.equal(result.status, 403);
    assert.deepEqual(errorCodes(result), ['FORBIDDEN']);
    const withSecret = await harness.client.request(`{ ...F0 }\n${chain}`, undefined, { 'x-router-secret': secret });
    assert.deepEqual(withSecret.errors, []);
  });

  test('an operation that selects neither needs no secret, however deep its fragments', async () => {
    const result = await harness.client.request(nestInline(8, `accounts { id }`));
    assert.deepEqual(result.errors, []);
  });
});
