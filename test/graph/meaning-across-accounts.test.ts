/**
 * What the graph means across accounts (docs/architecture.md, "Meaning across accounts"), as clients meet it
 * over HTTP against the four simulators.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEstateHarness, type EstateHarness } from '../support/estate-harness';
import { errorCodes, type GraphQLResult } from '../support/graphql-client';

interface ProxyPage {
  proxies: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const PAGE = `query Page($after: String) { proxies(first: 7, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`;

describe('paging across accounts never skips', () => {
  let estate: EstateHarness;
  before(async () => {
    estate = await startEstateHarness();
  });
  after(() => estate?.stop());

  async function everyProxyId(): Promise<string[]> {
    const ids: string[] = [];
    for (const id of ['ws', 'pm', 'wp', 'ping']) {
      let afterCursor: string | null = null;
      for (;;) {
        const data = (await estate.client.data(
          `query($id: ID!, $after: String) { account(id: $id) { proxies(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }`,
          { id, after: afterCursor },
        )) as { account: ProxyPage };
        ids.push(...data.account.proxies.edges.map((edge) => edge.node.id));
        if (!data.account.proxies.pageInfo.hasNextPage) break;
        afterCursor = data.account.proxies.pageInfo.endCursor;
      }
    }
    return ids;
  }

  test('a walk that starts while an account fails and goes on after it recovers returns every proxy exactly once', async () => {
    const expected = await everyProxyId();
    const webshare = estate.simulators.webshare.server;
    // Webshare's proxy list fails until the walk has met the failure twice.
    webshare.injectFault({ endpoint: /proxy\/list/, status: 503, body: { detail: 'Service unavailable' } });
    const seen: string[] = [];
    let afterCursor: string | null = null;
    let failuresMet = 0;
    for (let page = 0; page < 200; page++) {
      const result: GraphQLResult<ProxyPage> = await estate.client.request<ProxyPage, { after: string | null }>(PAGE, { after: afterCursor });
      const data = result.data as ProxyPage;
      seen.push(...data.proxies.edges.map((edge) => edge.node.id));
      if (result.errors.length > 0) {
        assert.deepEqual(errorCodes(result), ['PROVIDER_UNAVAILABLE']);
        assert.equal(result.errors[0].extensions?.accountId, 'ws');
        assert.equal(data.proxies.pageInfo.hasNextPage, true);
        failuresMet += 1;
        if (failuresMet === 2) webshare.clearFaults();
      }
      if (!data.proxies.pageInfo.hasNextPage) break;
      afterCursor = data.proxies.pageInfo.endCursor;
    }
    assert.equal(failuresMet, 2);
    assert.equal(new Set(seen).size, seen.length, 'no proxy twice');
    assert.deepEqual(seen, expected);
  });

  test('an unknown account id in a filter is NOT_FOUND, as it is in a mutation', async () => {
    for (const query of [
      '{ proxies(first: 5, filter: { accountIds: ["ws", "nope"] }) { edges { node { id } } } }',
      '{ ipAuthorizations(filter: { accountIds: ["nope"] }) { id } }',
      '{ dnsOverrides(filter: { accountIds: ["nope"] }) { id } }',
    ]) {
      const result = await estate.client.request(query);
      assert.deepEqual(errorCodes(result), ['NOT_FOUND'], query);
    }
    const mutation = await estate.client.request('mutation { revokeIp(ip: "198.51.100.9", accountIds: ["nope"]) { ok } }');
    assert.deepEqual(errorCodes(mutation), ['NOT_FOUND']);
  });
});
