/**
 * Ping Proxies proxies through the graph: proxy/search windows (only the pages a window needs), filters
 * pushed down, proxy/retrieve per id, and Proxy.url from one list_by_id call per format.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PING, PING_ACCOUNT_ID, pingId, startPingHarness, type PingHarness } from '../support/pingproxies-harness';
import { PingProxiesDocument, PingProxyDocument, PingProxyUrlsDocument } from '../generated/graphql';
import type { PingProxy } from '../../src/providers/pingproxies/wire';
import { defaultProxyUser } from '../../src/simulators/pingproxies/state';

let harness: PingHarness;

before(async () => {
  harness = await startPingHarness({ simulator: { proxyCount: 150 } });
});
after(async () => {
  await harness?.stop();
});
beforeEach(() => harness.ping.server.resetCalls());

/** The account's proxies in the order ProxyGraph asks Ping for (sort_by=proxy_id_asc). */
function sorted(filter: (proxy: PingProxy) => boolean = () => true): PingProxy[] {
  return harness.ping.state.proxies.filter(filter).sort((a, b) => (a.proxy_id < b.proxy_id ? -1 : 1));
}

function searchQueries(): URLSearchParams[] {
  return harness.ping.server.callsTo(PING.proxySearch).map((call) => new URLSearchParams(call.query));
}

describe('Ping Proxies proxy list', () => {
  test('the first page is one proxy/search call sized to the page, mapped to the unified proxy', async () => {
    const data = await harness.client.data(PingProxiesDocument, { id: PING_ACCOUNT_ID, first: 25 });
    const connection = data.account!.proxies!;
    const expected = sorted();
    assert.equal(connection.totalCount, 150);
    assert.equal(connection.pageInfo.hasNextPage, true);
    assert.deepEqual(
      connection.edges.map((edge) => edge.node.id),
      expected.slice(0, 25).map((proxy) => pingId('Proxy', proxy.proxy_id)),
    );
    const wire = expected[0];
    const owner = defaultProxyUser(harness.ping.state)!;
    assert.deepEqual(connection.edges[0].node, {
      id: pingId('Proxy', wire.proxy_id),
      host: wire.proxy_ip_address,
      exitIp: wire.proxy_ip_address,
      username: owner.proxy_user_id,
      country: wire.country_id!.toUpperCase(),
      city: wire.city_name,
      asn: wire.asn_id,
      asnName: wire.asn_name,
      type: wire.proxy_type.toUpperCase(),
      status: wire.proxy_status === 'in_use' ? 'OK' : wire.proxy_status === 'pending_deletion' ? 'DOWN' : 'UNKNOWN',
      providerStatus: wire.proxy_status,
      ports: { http: wire.proxy_http_port, socks5: wire.proxy_socks5_port },
    });
    const queries = searchQueries();
    assert.equal(queries.length, 1);
    assert.equal(queries[0].get('page'), '1');
    assert.equal(queries[0].get('per_page'), '25');
    assert.equal(queries[0].get('sort_by'), 'proxy_id_asc');
  });

  test('a later window reads only the page that covers it, and the cursors continue exactly', async () => {
    const first = await harness.client.data(PingProxiesDocument, { id: PING_ACCOUNT_ID, first: 30 });
    harness.ping.server.resetCalls();
    const next = await harness.client.data(PingProxiesDocument, { id: PING_ACCOUNT_ID, first: 25, after: first.account!.proxies!.pageInfo.endCursor });
    const expected = sorted()
      .slice(30, 55)
      .map((proxy) => pingId('Proxy', proxy.proxy_id));
    assert.deepEqual(
      next.account!.proxies!.edges.map((edge) => edge.node.id),
      expected,
    );
    assert.equal(next.account!.proxies!.pageInfo.hasPreviousPage, true);
    const queries = searchQueries();
    assert.equal(queries.length, 1);
    const perPage = Number(queries[0].get('per_page'));
    const page = Number(queries[0].get('page'));
    assert.ok(perPage <= 100 && (page - 1) * perPage <= 30 && page * perPage >= 55);
  });

  test('the last page says there is no next page', async () => {
    const data = await harness.client.data(PingProxiesDocument, { id: PING_ACCOUNT_ID, first: 100, after: Buffer.from('offset:99').toString('base64url') });
    assert.equal(data.account!.proxies!.edges.length, 50);
    assert.equal(data.account!.proxies!.pageInfo.hasNextPage, false);
  });

  test('one country, one status and one type are pushed down as country_id, proxy_status and proxy_type', async () => {
    const data = await harness.client.data(PingProxiesDocument, {
      id: PING_ACCOUNT_ID,
      first: 100,
      filter: { countries: ['us'], statuses: ['OK'], types: ['ISP'] },
    });
    const expected = sorted((proxy) => proxy.country_id === 'us' && proxy.proxy_status === 'in_use' && proxy.proxy_type === 'isp');
    assert.equal(data.account!.proxies!.totalCount, expected.length);
    assert.deepEqual(
      data.account!.proxies!.edges.map((edge) => edge.node.id),
      expected.map((proxy) => pingId('Proxy', proxy.proxy_id)),
    );
    const [query] = searchQueries();
    assert.equal(query.get('country_id'), 'us');
    assert.equal(query.get('proxy_status'), 'in_use');
    assert.equal(query.get('proxy_type'), 'isp');
  });

  test('every status but DOWN becomes not_proxy_status=pending_deletion; DEGRADED alone matches nothing without a call', async () => {
    const data = await harness.client.data(PingProxiesDocument, { id: PING_ACCOUNT_ID, first: 5, filter: { statuses: ['OK', 'UNKNOWN'] } });
    assert.equal(data.account!.proxies!.totalCount, sorted((proxy) => proxy.proxy_status !== 'pending_deletion').length);
    assert.equal(searchQueries()[0].get('not_proxy_status'), 'pending_deletion');
    harness.ping.server.resetCalls();
    const none = await harness.client.data(PingProxiesDocument, { id: PING_ACCOUNT_ID, first: 5, filter: { statuses: ['DEGRADED'] } });
    assert.deepEqual(none.account!.proxies!.edges, []);
    assert.equal(none.account!.proxies!.totalCount, 0);
    assert.equal(harness.ping.server.calls.length, 0);
  });

  test('several countries cannot be pushed down: the list is read whole and filtered, windows still exact', async () => {
    const filter = { countries: ['DE', 'GB'] };
    const data = await harness.client.data(PingProxiesDocument, {
      id: PING_ACCOUNT_ID,
      first: 5,
      after: Buffer.from('offset:2').toString('base64url'),
      filter,
    });
    const expected = sorted((proxy) => proxy.country_id === 'de' || proxy.country_id === 'gb');
    assert.equal(data.account!.proxies!.totalCount, expected.length);
    assert.deepEqual(
      data.account!.proxies!.edges.map((edge) => edge.node.id),
      expected.slice(3, 8).map((proxy) => pingId('Proxy', proxy.proxy_id)),
    );
    assert.equal(searchQueries().length, 2); // 150 proxies = 2 pages of 100
  });

  test('proxy(id) is one proxy/retrieve; an unknown id is null, not an error', async () => {
    const wire = sorted()[7];
    const data = await harness.client.data(PingProxyDocument, { id: pingId('Proxy', wire.proxy_id) });
    assert.equal(data.proxy!.host, wire.proxy_ip_address);
    assert.equal(harness.ping.server.callCount(PING.proxyRetrieve), 1);
    const missing = await harness.client.data(PingProxyDocument, { id: pingId('Proxy', '00000000-0000-4000-8000-000000000000') });
    assert.equal(missing.proxy, null);
  });

  test('Proxy references de-duplicate: one proxy/retrieve per distinct id', async () => {
    const ids = sorted()
      .slice(0, 3)
      .map((proxy) => pingId('Proxy', proxy.proxy_id));
    const result = await harness.client.request(
      'query Entities($representations: [_Any!]!) { _entities(representations: $representations) { ... on Proxy { id host } } }',
      { representations: [...ids, ids[0]].map((id) => ({ __typename: 'Proxy', id })) },
    );
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      (result.data as { _entities: Array<{ id: string }> })._entities.map((entity) => entity.id),
      [...ids, ids[0]],
    );
    assert.equal(harness.ping.server.callCount(PING.proxyRetrieve), 3);
  });
});

describe('Ping Proxies proxy URLs', () => {
  test('Proxy.url on 50 proxies is one list_by_id call per format, formatted with the default proxy user', async () => {
    const data = await harness.client.data(PingProxyUrlsDocument, { id: PING_ACCOUNT_ID, first: 50 });
    const edges = data.account!.proxies!.edges;
    assert.equal(edges.length, 50);
    const calls = harness.ping.server.callsTo(PING.listById);
    assert.equal(calls.length, 2);
    const bodies = calls.map((call) => JSON.parse(call.body));
    assert.deepEqual(bodies.map((body) => body.list_format).sort(), ['http', 'socks5']);
    for (const body of bodies) assert.equal(body.proxy_ids.length, 50);
    const owner = defaultProxyUser(harness.ping.state)!;
    const expected = sorted().slice(0, 50);
    edges.forEach((edge, index) => {
      const wire = expected[index];
      assert.equal(edge.node.url, `http://${owner.proxy_user_id}:${owner.proxy_user_password}@${wire.proxy_ip_address}:${wire.proxy_http_port}`);
      assert.equal(edge.node.socks, `socks5://${owner.proxy_user_id}:${owner.proxy_user_password}@${wire.proxy_ip_address}:${wire.proxy_socks5_port}`);
    });
  });
});

describe('Ping Proxies search without a total', () => {
  let uncounted: PingHarness;
  before(async () => {
    uncounted = await startPingHarness({ simulator: { proxyCount: 120, uncountedSearches: ['proxy'] } });
  });
  after(async () => {
    await uncounted?.stop();
  });

  test('total_count -1 reads as an unknown total, and a full page still says there may be more', async () => {
    const first = await uncounted.client.data(PingProxiesDocument, { id: PING_ACCOUNT_ID, first: 100 });
    assert.equal(first.account!.proxies!.totalCount, null);
    assert.equal(first.account!.proxies!.pageInfo.hasNextPage, true);
    const rest = await uncounted.client.data(PingProxiesDocument, { id: PING_ACCOUNT_ID, first: 100, after: first.account!.proxies!.pageInfo.endCursor });
    assert.equal(rest.account!.proxies!.edges.length, 20);
    assert.equal(rest.account!.proxies!.pageInfo.hasNextPage, false);
  });
});
