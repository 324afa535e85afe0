/**
 * Security of the graph (docs/architecture.md §7) as clients meet it: query shape limits, the router-only federation
 * entry points, and JWT authentication against a JWKS served over HTTP.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPair, type KeyLike } from 'jose';
import { startIdentityProvider, type TestIdentityProvider } from '../support/identity-provider';
import { getIntrospectionQuery } from 'graphql';
import { startHarness, WEBSHARE_ACCOUNT_ID, type Harness } from '../support/harness';
import { errorCodes } from '../support/graphql-client';
import { AccountProxiesDocument, AuthorizeIpDocument } from '../generated/graphql';

describe('query limits', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ server: { limits: { maxDepth: 8, maxAliases: 5 } } });
  });
  after(() => harness?.stop());

  test('a query deeper than the limit is refused before execution, with no upstream call', async () => {
    harness.webshare.server.resetCalls();
    const deep = '{ accounts { proxies(first: 1) { edges { node { account { proxies(first: 1) { edges { node { id } } } } } } } } }';
    const result = await harness.client.request(deep);
    assert.equal(result.data, undefined);
    assert.deepEqual(errorCodes(result), ['GRAPHQL_VALIDATION_FAILED']);
    assert.equal(harness.webshare.server.calls.length, 0);
  });

  test('more aliases than the limit are refused', async () => {
    const aliases = Array.from({ length: 6 }, (_, index) => `a${index}: accounts { id }`).join(' ');
    const result = await harness.client.request(`{ ${aliases} }`);
    assert.deepEqual(errorCodes(result), ['GRAPHQL_VALIDATION_FAILED']);
  });

  test('a query longer than the token limit fails to parse with HTTP 400', async () => {
    const huge = `{ ${Array.from({ length: 6_000 }, () => '__typename').join(' ')} }`;
    const result = await harness.client.request(huge);
    assert.equal(result.status, 400);
    assert.deepEqual(errorCodes(result), ['GRAPHQL_PARSE_FAILED']);
  });

  test('the full introspection query (what Sandbox sends) and ordinary operations stay within the limits', async () => {
    const introspection = await harness.client.request(getIntrospectionQuery());
    assert.deepEqual(introspection.errors, []);
    const page = await harness.client.request(AccountProxiesDocument, { id: WEBSHARE_ACCOUNT_ID, first: 3 });
    assert.deepEqual(page.errors, []);
  });
});

describe('router secret', () => {
  const secret = 'router-secret-for-tests-0123456789';
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ server: { routerSecret: secret } });
  });
  after(() => harness?.stop());

  test('_service and _entities without the secret are FORBIDDEN with HTTP 403; the token never appears', async () => {
    for (const query of [
      '{ _service { sdl } }',
      `{ _entities(representations: [{ __typename: "Account", id: "${WEBSHARE_ACCOUNT_ID}" }]) { ... on Account { id } } }`,
    ]) {
      const result = await harness.client.request(query, undefined, { 'x-router-secret': 'wrong' });
      assert.equal(result.status, 403);
      assert.deepEqual(errorCodes(result), ['FORBIDDEN']);
      assert.ok(!JSON.stringify(result).includes(secret));
    }
  });

  test("the router's requests carrying the secret resolve, and other queries need no secret", async () => {
    const sdl = await harness.client.request('{ _service { sdl } }', undefined, { 'x-router-secret': secret });
    assert.deepEqual(sdl.errors, []);
    const entities = await harness.client.request(
      `{ _entities(representations: [{ __typename: "Account", id: "${WEBSHARE_ACCOUNT_ID}" }]) { ... on Account { id } } }`,
      undefined,
      { 'x-router-secret': secret },
    );
    assert.deepEqual(entities.data, { _entities: [{ id: WEBSHARE_ACCOUNT_ID }] });
    const plain = await harness.client.request('{ accounts { id } }');
    assert.deepEqual(plain.errors, []);
  });
});

describe('JWT authentication', () => {
  let idp: TestIdentityProvider;
  let otherKey: KeyLike;
  let harness: Harness;

  before(async () => {
    idp = await startIdentityProvider();
    otherKey = (await generateKeyPair('RS256')).privateKey;
    harness = await startHarness({ auth: { mode: 'jwt', jwksUrl: idp.jwksUrl, issuer: idp.issuer, audience: idp.audience } });
  });
  after(async () => {
    await harness?.stop();
    await idp?.stop();
  });

  const token = (claims: Record<string, unknown>, options?: { key?: KeyLike; expiresIn?: string; audience?: string }) => idp.token(claims, options);

  test('a valid token reads the accounts its claim lists; others do not exist for it', async () => {
    const client = harness.client.withHeaders({ authorization: `Bearer ${await token({ scope: 'read', proxygraph_accounts: [WEBSHARE_ACCOUNT_ID] })}` });
    const result = await client.request('{ accounts { id } }');
    assert.deepEqual(result.data, { accounts: [{ id: WEBSHARE_ACCOUNT_ID }] });
    const none = harness.client.withHeaders({ authorization: `Bearer ${await token({ scope: 'read', proxygraph_accounts: ['elsewhere'] })}` });
    assert.deepEqual((await none.request('{ accounts { id } }')).data, { accounts: [] });
  });

  test('a token without the write scope cannot run a mutation', async () => {
    const client = harness.client.withHeaders({ authorization: `Bearer ${await token({ scope: 'read', proxygraph_accounts: ['*'] })}` });
    const result = await client.request(AuthorizeIpDocument, { input: { ip: '203.0.113.77' } });
    assert.deepEqual(errorCodes(result), ['FORBIDDEN']);
  });

  test('expired, wrong-audience and foreign-key tokens are UNAUTHENTICATED with HTTP 401, and no token is echoed', async () => {
    const bad = [
      await token({ scope: 'read' }, { expiresIn: '-1m' }),
      await token({ scope: 'read' }, { audience: 'someone-else' }),
      await token({ scope: 'read' }, { key: otherKey }),
      'not.a.jwt',
    ];
    for (const value of bad) {
      const result = await harness.client.withHeaders({ authorization: `Bearer ${value}` }).request('{ accounts { id } }');
      assert.equal(result.status, 401);
      assert.deepEqual(errorCodes(result), ['UNAUTHENTICATED']);
      assert.ok(!JSON.stringify(result).includes(value));
    }
  });
});
