/**
 * ProxyGraph as a Federation 2 subgraph: its SDL has @key on every entity and composes with another
 * subgraph; `_entities` resolves every entity, batching references into provider bulk calls.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import gql from 'graphql-tag';
import { composeServices } from '@apollo/composition';
import { CUSTOMER_SUBGRAPH_TYPEDEFS } from '../support/customer-subgraph';
import { startHarness, WEBSHARE_ACCOUNT_ID, type Harness } from '../support/harness';
import { errorCodes } from '../support/graphql-client';
import { callsTo, PROXY_LIST } from '../support/webshare-api';
import { AccountProxiesDocument, AuthorizeIpDocument, CreateSubUserDocument } from '../generated/graphql';
import { printProxyGraphSchema } from '../../src/schema/build';
import { REPO_ROOT } from '../support/paths';

const ENTITIES = ['Account', 'Proxy', 'SubUser', 'IpAuthorization', 'DnsOverride'];

const ENTITIES_QUERY = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Account { id provider }
    ... on Proxy { id host account { id } }
    ... on SubUser { id label }
    ... on IpAuthorization { id ip }
    ... on DnsOverride { id hostname }
  }
}`;

let harness: Harness;

before(async () => {
  harness = await startHarness();
});

after(async () => {
  await harness?.stop();
});

beforeEach(() => harness.webshare.server.resetCalls());

async function serviceSdl(): Promise<string> {
  const result = await harness.client.request<{ _service: { sdl: string } }, Record<string, never>>(`{ _service { sdl } }`);
  return result.data!._service.sdl;
}

describe('subgraph SDL', () => {
  test('_service.sdl declares @key(fields: "id") on every entity and links Federation 2', async () => {
    const sdl = await serviceSdl();
    assert.match(sdl, /@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+"/);
    for (const entity of ENTITIES) {
      assert.match(sdl, new RegExp(`type ${entity}\\s+@key\\(fields: "id"\\)`), `${entity} has no @key`);
    }
  });

  test('the committed schema.graphql is exactly the schema the code builds', async () => {
    const committed = readFileSync(join(REPO_ROOT, 'schema.graphql'), 'utf8');
    assert.equal(committed, await printProxyGraphSchema(), 'schema.graphql is stale: run `npm run schema`');
  });

  test('the SDL composes with a second subgraph that references Account, Proxy and SubUser', async () => {
    const result = composeServices([
      { name: 'proxygraph', typeDefs: gql(await serviceSdl()), url: harness.proxygraph.url },
      { name: 'customers', typeDefs: CUSTOMER_SUBGRAPH_TYPEDEFS, url: 'http://127.0.0.1:1/graphql' },
    ]);
    assert.equal(result.errors, undefined, JSON.stringify(result.errors?.map((error) => error.message)));
    const supergraph = result.supergraphSdl!;
    for (const entity of ['Account', 'Proxy', 'SubUser']) {
      assert.match(
        supergraph,
        new RegExp(
          `type ${entity}\\s*\\n?\\s*@join__type\\(graph: CUSTOMERS, key: "id", resolvable: false\\)\\s*@join__type\\(graph: PROXYGRAPH, key: "id"\\)`,
        ),
      );
    }
  });
});

describe('_entities', () => {
  test('resolves Account, Proxy, SubUser and IpAuthorization references to the same objects the queries return', async () => {
    const proxies = await harness.client.data(AccountProxiesDocument, { id: WEBSHARE_ACCOUNT_ID, first: 2 });
    const proxy = proxies.account!.proxies!.edges[1].node;
    const subUser = (await harness.client.data(CreateSubUserDocument, { input: { accountId: WEBSHARE_ACCOUNT_ID, label: 'federated' } })).createSubUser;
    const authorization = (await harness.client.data(AuthorizeIpDocument, { input: { ip: '203.0.113.5' } })).authorizeIp[0].ipAuthorization!;

    const result = await harness.client.request(ENTITIES_QUERY, {
      representations: [
        { __typename: 'Account', id: WEBSHARE_ACCOUNT_ID },
        { __typename: 'Proxy', id: proxy.id },
        { __typename: 'SubUser', id: subUser.id },
        { __typename: 'IpAuthorization', id: authorization.id },
      ],
    });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.data, {
      _entities: [
        { __typename: 'Account', id: WEBSHARE_ACCOUNT_ID, provider: 'WEBSHARE' },
        { __typename: 'Proxy', id: proxy.id, host: proxy.host, account: { id: WEBSHARE_ACCOUNT_ID } },
        { __typename: 'SubUser', id: subUser.id, label: 'federated' },
        { __typename: 'IpAuthorization', id: authorization.id, ip: '203.0.113.5' },
      ],
    });
  });

  test('references to unknown accounts or malformed ids resolve to null, not to an error', async () => {
    const result = await harness.client.request(ENTITIES_QUERY, {
      representations: [
        { __typename: 'Account', id: 'no-such-account' },
        { __typename: 'Proxy', id: 'garbage' },
        { __typename: 'SubUser', id: Buffer.from(`SubUser:${WEBSHARE_ACCOUNT_ID}:424242`).toString('base64url') },
      ],
    });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.data, { _entities: [null, null, null] });
  });

  test('a DnsOverride reference on a provider without DNS overrides is a typed UNSUPPORTED_BY_PROVIDER error', async () => {
    const id = Buffer.from(`DnsOverride:${WEBSHARE_ACCOUNT_ID}:1`).toString('base64url');
    const result = await harness.client.request(ENTITIES_QUERY, { representations: [{ __typename: 'DnsOverride', id }] });
    assert.deepEqual(errorCodes(result), ['UNSUPPORTED_BY_PROVIDER']);
  });

  test('40 Proxy references load through one batched proxy-list call', async () => {
    const proxies = await harness.client.data(AccountProxiesDocument, { id: WEBSHARE_ACCOUNT_ID, first: 40 });
    const ids = proxies.account!.proxies!.edges.map((edge) => edge.node.id);
    harness.webshare.server.resetCalls();
    const result = await harness.client.request(ENTITIES_QUERY, { representations: ids.map((id) => ({ __typename: 'Proxy', id })) });
    assert.deepEqual(result.errors, []);
    const resolved = (result.data as { _entities: Array<{ id: string }> })._entities.map((entity) => entity.id);
    assert.deepEqual(resolved, ids);
    assert.equal(callsTo(harness.webshare, PROXY_LIST), 1);
    const query = new URLSearchParams(harness.webshare.server.callsTo(PROXY_LIST)[0].query);
    assert.equal(query.get('proxy_address__in')!.split(',').length, 40);
  });
});
