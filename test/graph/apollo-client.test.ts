/**
 * A real client: @apollo/client (core, no React) against the running server — a query, a mutation and an
 * error as the client surfaces them — plus the CORS preflight a browser sends from a configured origin.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { startHarness, WEBSHARE_ACCOUNT_ID, type Harness } from '../support/harness';
import { AccountsDocument, AuthorizeIpDocument, ProxyByIdDocument } from '../generated/graphql';

const ORIGIN = 'https://dash.example.com';
let harness: Harness;
let client: ApolloClient;

before(async () => {
  harness = await startHarness({ server: { cors: { origins: [ORIGIN] } } });
  client = new ApolloClient({ link: new HttpLink({ uri: harness.proxygraph.url, fetch }), cache: new InMemoryCache() });
});
after(async () => {
  client?.stop();
  await harness?.stop();
});

test('@apollo/client runs a query and normalises the accounts into its cache', async () => {
  const result = await client.query({ query: AccountsDocument });
  const account = result.data!.accounts.find((entry) => entry.id === WEBSHARE_ACCOUNT_ID);
  assert.ok(account);
  assert.equal(account.provider, 'WEBSHARE');
  const cached = client.readQuery({ query: AccountsDocument });
  assert.equal(cached?.accounts.length, result.data!.accounts.length);
});

test('@apollo/client runs a mutation and gets one result per account', async () => {
  const result = await client.mutate({
    mutation: AuthorizeIpDocument,
    variables: { input: { ip: '198.51.100.77', accountIds: [WEBSHARE_ACCOUNT_ID] } },
  });
  assert.equal(result.data!.authorizeIp.length, 1);
  assert.equal(result.data!.authorizeIp[0].ok, true);
  assert.equal(result.data!.authorizeIp[0].ipAuthorization!.ip, '198.51.100.77');
});

test('a GraphQL error reaches @apollo/client as CombinedGraphQLErrors carrying extensions.code', async () => {
  await assert.rejects(client.query({ query: ProxyByIdDocument, variables: { id: 'not-a-valid-id' }, fetchPolicy: 'network-only' }), (error: unknown) => {
    assert.ok(CombinedGraphQLErrors.is(error));
    assert.equal(error.errors[0].extensions?.code, 'BAD_USER_INPUT');
    return true;
  });
});

test('a CORS preflight from the configured origin is allowed for a JSON POST with an Authorization header', async () => {
  const response = await fetch(harness.proxygraph.url, {
    method: 'OPTIONS',
    headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
  });
  assert.equal(response.status, 204);
  assert.equal(response.headers.get('access-control-allow-origin'), ORIGIN);
  assert.match(response.headers.get('access-control-allow-headers') ?? '', /authorization/);
});

test('a preflight exactly as a browser sends it for Apollo Client with client awareness and a trace allows every header it names', async () => {
  // Chrome lists the non-safelisted request headers lower-cased, sorted, comma-separated without spaces.
  const requested = 'apollographql-client-name,apollographql-client-version,authorization,cache-control,content-type,traceparent,tracestate';
  const response = await fetch(harness.proxygraph.url, {
    method: 'OPTIONS',
    headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': requested, 'sec-fetch-mode': 'cors' },
  });
  assert.equal(response.status, 204);
  assert.equal(response.headers.get('access-control-allow-origin'), ORIGIN);
  const allowed = (response.headers.get('access-control-allow-headers') ?? '').split(',').map((name) => name.trim().toLowerCase());
  for (const header of requested.split(',')) assert.ok(allowed.includes(header), `${header} is allowed`);
  const exposed = (response.headers.get('access-control-expose-headers') ?? '').split(',').map((name) => name.trim());
  assert.deepEqual(exposed.sort(), ['age', 'x-proxygraph-cache', 'x-request-id']);
});
