/**
 * Issue 11, item 7: input that reached providers or crashed. One rule every argument crosses before any
 * resolver runs refuses control characters in strings, over-long lists and over-deep JSON, as BAD_USER_INPUT
 * naming the argument path, with no upstream call; query text nested too deep is refused before parsing.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEstateHarness, type EstateHarness } from '../support/estate-harness';
import { assertRefusedBeforeUpstream, estateUpstreamCalls, resetEstateCalls } from '../support/estate-calls';
import { errorCodes, type GraphQLResult } from '../support/graphql-client';
import { encodeGlobalId } from '../../src/domain/ids';
import type { PingProxiesSimulator } from '../../src/simulators/pingproxies';
import { ISP_SERVICE_ID } from '../../src/simulators/pingproxies/data';

let estate: EstateHarness;
before(async () => {
  estate = await startEstateHarness();
});
after(() => estate?.stop());
beforeEach(() => resetEstateCalls(estate));

const ping = () => estate.simulators.pingproxies as PingProxiesSimulator;

const upstreamCalls = () => estateUpstreamCalls(estate);

const assertRefused = (result: GraphQLResult<unknown>, field: string, what: string) => assertRefusedBeforeUpstream(estate, result, field, what);

/** POSTs a body written by hand: JSON.stringify itself overflows on 5 000 levels. */
async function rawRequest(body: string): Promise<GraphQLResult<unknown>> {
  const response = await fetch(estate.client.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const json = (await response.json()) as { data?: unknown; errors?: GraphQLResult<unknown>['errors'] };
  return { status: response.status, headers: response.headers, data: json.data, errors: json.errors ?? [] };
}

const CREATE_SUB_USER = 'mutation($input: CreateSubUserInput!) { createSubUser(input: $input) { id } }';
const UPDATE_SUB_USER = 'mutation($id: ID!, $input: UpdateSubUserInput!) { updateSubUser(id: $id, input: $input) { id } }';
const CANCEL_SERVICE = 'mutation($id: ID!, $comment: String) { cancelService(id: $id, input: { reason: OTHER, comment: $comment }) { id status } }';
const PING_USER = encodeGlobalId('SubUser', 'ping', 'marketing_team');

describe('control characters are refused in every string argument, before any upstream call', () => {
  test('usernames: Ping proxy user "user\\u0000abcdefgh" and a ProxyMesh username with a C1 character', async () => {
    assertRefused(
      await estate.client.request(CREATE_SUB_USER, { input: { accountId: 'ping', username: 'user\u0000abcdefgh' } }),
      'input.username',
      'ping username',
    );
    assertRefused(await estate.client.request(CREATE_SUB_USER, { input: { accountId: 'pm', username: 'pm-\u0085x' } }), 'input.username', 'pm username');
    assert.ok(![...ping().state.proxyUsers.keys()].some((id) => id.includes('\u0000')));
  });

  test('labels, names and e-mail: Webshare label, ProxyMesh first and last name', async () => {
    assertRefused(await estate.client.request(CREATE_SUB_USER, { input: { accountId: 'ws', label: 'team\u0007a' } }), 'input.label', 'label');
    assertRefused(
      await estate.client.request(CREATE_SUB_USER, { input: { accountId: 'pm', username: 'pm-names', firstName: 'Ann\u0000' } }),
      'input.firstName',
      'firstName',
    );
    assertRefused(
      await estate.client.request(CREATE_SUB_USER, { input: { accountId: 'pm', username: 'pm-names', lastName: 'Lee\r\nX-Injected: 1' } }),
      'input.lastName',
      'lastName',
    );
  });

  test('passwords: a Ping proxy user password with NUL', async () => {
    assertRefused(await estate.client.request(UPDATE_SUB_USER, { id: PING_USER, input: { password: 'pass\u0000word' } }), 'input.password', 'password');
  });

  test('comments: cancelService with a NUL in the comment is refused and the service stays active', async () => {
    const id = encodeGlobalId('Service', 'ping', ISP_SERVICE_ID);
    assertRefused(await estate.client.request(CANCEL_SERVICE, { id, comment: 'bye\u0000' }), 'input.comment', 'comment');
    assert.equal(ping().state.services.get(ISP_SERVICE_ID)!.service_status, 'active');
  });

  test('comments are free text: tab, newline and carriage return pass the rule', async () => {
    // A service id of the documented form that Ping does not have: the comment passes every local check,
    // so the call is made and Ping answers 404.
    const result = await estate.client.request(CANCEL_SERVICE, {
      id: encodeGlobalId('Service', 'ping', 'API-0000-0000'),
      comment: 'line one\r\nline two\tend',
    });
    assert.deepEqual(errorCodes(result), ['NOT_FOUND']);
    assert.ok(ping().server.calls.length > 0);
  });

  test('ids, WonderProxy user names and metadata keys and values', async () => {
    assertRefused(await estate.client.request('query($id: ID!) { account(id: $id) { id } }', { id: 'ws\u0000' }), 'id', 'account id');
    assertRefused(
      await estate.client.request('mutation($input: AuthorizeIpInput!) { authorizeIp(input: $input) { ok } }', {
        input: { ip: '198.51.100.60', accountIds: ['wp'], user: 'joe\u001b', expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
      }),
      'input.user',
      'user',
    );
    assertRefused(
      await estate.client.request(UPDATE_SUB_USER, { id: PING_USER, input: { metadata: { 'team\u0000': 'a' } } }),
      'input.metadata',
      'metadata key',
    );
    assertRefused(
      await estate.client.request(UPDATE_SUB_USER, { id: PING_USER, input: { metadata: { team: 'a\u0000b' } } }),
      'input.metadata',
      'metadata value',
    );
    assertRefused(
      await estate.client.request('query($c: [String!]) { proxies(filter: { countries: $c }) { totalCount } }', { c: ['us', 'd\u0000'] }),
      'filter.countries',
      'filter list',
    );
  });
});

describe('lists are bounded', () => {
  test('revokeIp with 100 000 accountIds is BAD_USER_INPUT at once, with no upstream call', async () => {
    // Short ids, so the body stays under the 1 MB request limit and reaches the argument rule.
    const accountIds = Array.from({ length: 100_000 }, (_, index) => String(index));
    const startedAt = performance.now();
    const result = await estate.client.request('mutation($ids: [ID!]) { revokeIp(ip: "198.51.100.61", accountIds: $ids) { ok } }', { ids: accountIds });
    const elapsedMs = performance.now() - startedAt;
    assertRefused(result, 'accountIds', 'revokeIp accountIds');
    assert.ok(elapsedMs < 2_000, `took ${elapsedMs} ms`);
  });

  test('more than 100 ids in any id list is refused; 100 is not', async () => {
    const ids = (n: number) => Array.from({ length: n }, () => 'ws');
    assertRefused(
      await estate.client.request('mutation($ids: [ID!]) { revokeIp(ip: "198.51.100.62", accountIds: $ids) { ok } }', { ids: ids(101) }),
      'accountIds',
      '101 ids',
    );
    const hundred = await estate.client.request('mutation($ids: [ID!]) { revokeIp(ip: "198.51.100.62", accountIds: $ids) { ok } }', { ids: ids(100) });
    assert.deepEqual(errorCodes(hundred), []);
  });
});

describe('JSON values are bounded in depth, as literals and as variables', () => {
  const deepJson = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
  const deepLiteral = (levels: number) => `${'{a:'.repeat(levels)}1${'}'.repeat(levels)}`;

  test('metadata nested 5 000 deep in a variable is BAD_USER_INPUT, not INTERNAL_SERVER_ERROR', async () => {
    const query = JSON.stringify('mutation($id: ID!, $input: UpdateSubUserInput!) { updateSubUser(id: $id, input: $input) { id } }');
    const result = await rawRequest(`{"query":${query},"variables":{"id":"${PING_USER}","input":{"metadata":${deepJson(5_000)}}}}`);
    assertRefused(result, 'input.metadata', 'variable 5000 deep');
  });

  test('metadata nested 5 000 deep as a literal is BAD_USER_INPUT, not a parser stack overflow', async () => {
    const result = await rawRequest(
      JSON.stringify({ query: `mutation { updateSubUser(id: "${PING_USER}", input: { metadata: ${deepLiteral(5_000)} }) { id } }` }),
    );
    assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT'], JSON.stringify(result.errors));
    assert.equal(upstreamCalls(), 0);
  });

  test('metadata 40 deep is refused by the argument rule, as a literal and as a variable', async () => {
    const literal = await rawRequest(
      JSON.stringify({ query: `mutation { updateSubUser(id: "${PING_USER}", input: { metadata: ${deepLiteral(40)} }) { id } }` }),
    );
    assertRefused(literal, 'input.metadata', 'literal 40 deep');
    const variable = await estate.client.request(UPDATE_SUB_USER, { id: PING_USER, input: { metadata: JSON.parse(deepJson(40)) } });
    assertRefused(variable, 'input.metadata', 'variable 40 deep');
    const service = await estate.client.request('mutation($id: ID!, $m: JSONObject) { updateService(id: $id, input: { metadata: $m }) { id } }', {
      id: encodeGlobalId('Service', 'ping', ISP_SERVICE_ID),
      m: JSON.parse(deepJson(40)),
    });
    assertRefused(service, 'input.metadata', 'service metadata');
  });
});
