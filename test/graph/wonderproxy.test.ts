/**
 * WonderProxy through the graph: GraphQL over HTTP → ProxyGraph → WonderProxy simulator over HTTP.
 * Account, plan and usage; proxies (one per exit IP); contract servers; the network catalogue; batching of
 * server loads and the `detail=` parts asked for. Authlist and custom DNS are in wonderproxy-access.test.ts.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { detailsSent, startWonderProxyHarness, WONDERPROXY_ACCOUNT_ID, wonderproxyGet, type WonderProxyHarness } from '../support/wonderproxy-harness';
import {
  WonderProxyAccountDocument,
  WonderProxyNetworkServersDocument,
  WonderProxyNetworkServersLocatedDocument,
  WonderProxyProxiesDocument,
  WonderProxyProxiesLocatedDocument,
  WonderProxyProxyDocument,
  WonderProxyProxyTrioDocument,
  WonderProxyServersDetailedDocument,
  WonderProxyServersDocument,
  WonderProxyServerUsageDocument,
  WonderProxyUsageWindowDocument,
} from '../generated/graphql';
import type { WonderProxyContract, WonderProxyContractServer } from '../../src/providers/wonderproxy/wire';
import { capabilitiesOf } from '../contract/fixtures';

const SERVERS = 'GET /v0/contract/servers';
const SERVER = 'GET /v0/contract/servers/:server';
let harness: WonderProxyHarness;
let servers: WonderProxyContractServer[];

before(async () => {
  harness = await startWonderProxyHarness();
  servers = await wonderproxyGet(harness.wonderproxy, '/v0/contract/servers?detail=location,usage,geostatus');
});
after(() => harness?.stop());
beforeEach(() => harness.wonderproxy.server.resetCalls());

const iso = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString();

describe('WonderProxy account, plan and usage', () => {
  test('profile, plan and usage come from /v0/contract with epoch times as DateTime and bytes as bytes', async () => {
    const contract = await wonderproxyGet<WonderProxyContract>(harness.wonderproxy, '/v0/contract');
    harness.wonderproxy.server.resetCalls();
    const { account } = await harness.client.data(WonderProxyAccountDocument, { id: WONDERPROXY_ACCOUNT_ID });
    assert.equal(account!.provider, 'WONDERPROXY');
    assert.deepEqual([...account!.capabilities].sort(), capabilitiesOf('wonderproxy'));
    assert.deepEqual(account!.profile, { name: contract.name, email: null, createdAt: null });
    assert.deepEqual(account!.plan, {
      name: 'corporate',
      type: 'corporate',
      status: 'active',
      periodStart: iso(contract.period.start),
      periodEnd: iso(contract.period.end),
      bandwidthLimitBytes: contract.period.limit,
      expiresAt: iso(contract.expiry),
    });
    assert.deepEqual(account!.usage, {
      bandwidthUsedBytes: contract.period.usage,
      bandwidthLimitBytes: contract.period.limit,
      bandwidthRemainingBytes: contract.period.limit - contract.period.usage,
      requestsTotal: null,
      period: 'BILLING_PERIOD',
      periodStart: iso(contract.period.start),
      periodEnd: iso(contract.period.end),
      coversRequestedWindow: null,
    });
    // Profile, plan and usage share one read of the contract.
    assert.equal(harness.wonderproxy.server.callCount('GET /v0/contract'), 1);
  });

  test('a usage window is answered with the current billing period, marked as not covering the window', async () => {
    const contract = await wonderproxyGet<WonderProxyContract>(harness.wonderproxy, '/v0/contract');
    harness.wonderproxy.server.resetCalls();
    const { account } = await harness.client.data(WonderProxyUsageWindowDocument, {
      id: WONDERPROXY_ACCOUNT_ID,
      from: new Date(Date.now() - 86_400_000).toISOString(),
    });
    assert.deepEqual(account!.usage, {
      bandwidthUsedBytes: contract.period.usage,
      period: 'BILLING_PERIOD',
      periodStart: iso(contract.period.start),
      periodEnd: iso(contract.period.end),
      coversRequestedWindow: false,
    });
    assert.equal(harness.wonderproxy.server.callCount(), 1);
  });
});

describe('WonderProxy proxies: one per exit IP', () => {
  test("every exit IP of every contract server is a proxy on the server's hostname, with its port and health", async () => {
    const { account } = await harness.client.data(WonderProxyProxiesDocument, { id: WONDERPROXY_ACCOUNT_ID, first: 100 });
    const expected = servers.flatMap((server) => server.ips.map((ip) => ({ server, ip })));
    const connection = account!.proxies!;
    assert.equal(connection.totalCount, expected.length);
    assert.equal(connection.pageInfo.hasNextPage, false);
    const health = { ok: 'OK', warn: 'DEGRADED', crit: 'DOWN', unknown: 'UNKNOWN' } as const;
    connection.edges.forEach(({ node }, index) => {
      const { server, ip } = expected[index];
      assert.equal(node.host, server.hostname);
      assert.equal(node.exitIp, ip.ip);
      assert.deepEqual(node.ports, { http: 10_000 + ip.port_base, socks5: null });
      assert.equal(node.customDnsPort, 10_500 + ip.port_base);
      assert.equal(node.status, health[ip.status]);
      assert.equal(node.providerStatus, ip.status);
      assert.equal(node.lastCheckedAt, iso(ip.status_time));
      assert.equal(node.title, server.title);
      assert.equal(node.type, null);
      assert.equal(node.provider, 'WONDERPROXY');
    });
    // Nothing optional was selected, so nothing optional was asked for.
    assert.deepEqual(detailsSent(harness.wonderproxy, SERVERS), ['']);
  });

  test('country, city and per-Geo-IP statuses are asked for only when selected', async () => {
    const { account } = await harness.client.data(WonderProxyProxiesLocatedDocument, { id: WONDERPROXY_ACCOUNT_ID, first: 3 });
    assert.deepEqual(detailsSent(harness.wonderproxy, SERVERS), ['location,geostatus']);
    const first = account!.proxies!.edges[0].node;
    const server = servers.find((candidate) => candidate.hostname === first.host)!;
    const ip = server.ips.find((candidate) => candidate.ip === first.exitIp)!;
    assert.equal(first.country, server.location!.country.toUpperCase());
    assert.equal(first.city, server.location!.city);
    assert.deepEqual(
      first.geoStatus,
      Object.entries(ip.geostatus!)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([source, entry]) => ({
          source,
          status: { ok: 'OK', warn: 'DEGRADED', crit: 'DOWN', unknown: 'UNKNOWN' }[entry.status],
          providerStatus: entry.status,
          checkedAt: iso(entry.status_time),
        })),
    );
  });

  test('pages follow cursors, and filters by status and country narrow the list', async () => {
    const page1 = (await harness.client.data(WonderProxyProxiesDocument, { id: WONDERPROXY_ACCOUNT_ID, first: 4 })).account!.proxies!;
    const page2 = (await harness.client.data(WonderProxyProxiesDocument, { id: WONDERPROXY_ACCOUNT_ID, first: 4, after: page1.pageInfo.endCursor })).account!
      .proxies!;
    assert.equal(page1.pageInfo.hasNextPage, true);
    const all = servers.flatMap((server) => server.ips.map((ip) => ip.ip));
    assert.deepEqual(
      [...page1.edges, ...page2.edges].map((edge) => edge.node.exitIp),
      all.slice(0, 8),
    );
    harness.wonderproxy.server.resetCalls();
    const ok = (await harness.client.data(WonderProxyProxiesDocument, { id: WONDERPROXY_ACCOUNT_ID, first: 100, filter: { statuses: ['OK'] } })).account!
      .proxies!;
    assert.equal(ok.totalCount, servers.flatMap((server) => server.ips).filter((ip) => ip.status === 'ok').length);
    const inBrazil = (await harness.client.data(WonderProxyProxiesDocument, { id: WONDERPROXY_ACCOUNT_ID, first: 100, filter: { countries: ['br'] } })).account!
      .proxies!;
    assert.deepEqual(
      inBrazil.edges.map((edge) => edge.node.host).filter((host, i, list) => list.indexOf(host) === i),
      ['joaopessoa.wonderproxy.com', 'saopaulo.wonderproxy.com'],
    );
    // The country filter needs the location even though the query does not show it.
    assert.deepEqual(detailsSent(harness.wonderproxy, SERVERS), ['', 'location']);
    const typed = (await harness.client.data(WonderProxyProxiesDocument, { id: WONDERPROXY_ACCOUNT_ID, filter: { types: ['RESIDENTIAL'] } })).account!.proxies!;
    assert.equal(typed.totalCount, 0);
  });

  test('proxies named by id on three servers load through one ?server=a,b,c call', async () => {
    const edges = (await harness.client.data(WonderProxyProxiesDocument, { id: WONDERPROXY_ACCOUNT_ID, first: 100 })).account!.proxies!.edges;
    const byHost = new Map(edges.map((edge) => [edge.node.host, edge.node]));
    const [a, b, c] = ['denver', 'melbourne', 'tokyo'].map((name) => byHost.get(`${name}.wonderproxy.com`)!);
    harness.wonderproxy.server.resetCalls();
    const data = await harness.client.data(WonderProxyProxyTrioDocument, { a: a.id, b: b.id, c: c.id });
    assert.deepEqual([data.a!.exitIp, data.b!.exitIp, data.c!.exitIp], [a.exitIp, b.exitIp, c.exitIp]);
    assert.equal(data.c!.country, 'JP');
    assert.equal(harness.wonderproxy.server.callCount(SERVERS), 1);
    assert.equal(harness.wonderproxy.server.callCount(SERVER), 0);
    const query = new URLSearchParams(harness.wonderproxy.server.callsTo(SERVERS)[0].query);
    assert.deepEqual(query.get('server')!.split(',').sort(), ['denver', 'melbourne', 'tokyo']);
    assert.equal(query.get('detail'), 'location');
  });

  test('one proxy by id reads its server alone; an IP or server not on the contract is null', async () => {
    const edges = (await harness.client.data(WonderProxyProxiesDocument, { id: WONDERPROXY_ACCOUNT_ID, first: 1 })).account!.proxies!.edges;
    harness.wonderproxy.server.resetCalls();
    const one = await harness.client.data(WonderProxyProxyDocument, { id: edges[0].node.id });
    assert.equal(one.proxy!.exitIp, edges[0].node.exitIp);
    assert.equal(harness.wonderproxy.server.callCount(SERVER), 1);
    assert.deepEqual(detailsSent(harness.wonderproxy, SERVER), ['']);
    const elsewhere = Buffer.from(`Proxy:${WONDERPROXY_ACCOUNT_ID}:paris@1.2.3.4`).toString('base64url');
    assert.equal((await harness.client.data(WonderProxyProxyDocument, { id: elsewhere })).proxy, null);
    const wrongIp = Buffer.from(`Proxy:${WONDERPROXY_ACCOUNT_ID}:denver@1.2.3.4`).toString('base64url');
    assert.equal((await harness.client.data(WonderProxyProxyDocument, { id: wrongIp })).proxy, null);
  });

  test('federation references to many proxies resolve through one batched server call', async () => {
    const edges = (await harness.client.data(WonderProxyProxiesDocument, { id: WONDERPROXY_ACCOUNT_ID, first: 100 })).account!.proxies!.edges;
    const picked = [edges[0], edges[edges.length - 1], edges[Math.floor(edges.length / 2)]].map((edge) => edge.node);
    harness.wonderproxy.server.resetCalls();
    const result = await harness.client.request<
      { _entities: Array<{ id: string; exitIp: string; geoStatus: unknown[] | null }> },
      { representations: unknown[] }
    >(`query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Proxy { id exitIp geoStatus { source } } } }`, {
      representations: picked.map((proxy) => ({ __typename: 'Proxy', id: proxy.id })),
    });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.data!._entities.map((entity) => entity.exitIp),
      picked.map((proxy) => proxy.exitIp),
    );
    assert.ok(result.data!._entities.every((entity) => Array.isArray(entity.geoStatus)));
    assert.equal(harness.wonderproxy.server.callCount(SERVERS) + harness.wonderproxy.server.callCount(SERVER), 1);
    assert.deepEqual(detailsSent(harness.wonderproxy, SERVERS).concat(detailsSent(harness.wonderproxy, SERVER)), ['geostatus']);
  });
});

describe('WonderProxy servers', () => {
  test('Account.servers lists the contract servers with per-IP ports, the custom DNS port and health', async () => {
    const { account } = await harness.client.data(WonderProxyServersDocument, { id: WONDERPROXY_ACCOUNT_ID });
    assert.deepEqual(
      account!.servers!.map((server) => server.name),
      servers.map((server) => server.server),
    );
    const denver = account!.servers![0];
    assert.equal(denver.hostname, 'denver.wonderproxy.com');
    assert.equal(denver.title, 'Denver');
    assert.ok(denver.services.includes('proxy'));
    assert.deepEqual(denver.ips![0], {
      address: servers[0].ips[0].ip,
      status: { ok: 'OK', warn: 'DEGRADED', crit: 'DOWN', unknown: 'UNKNOWN' }[servers[0].ips[0].status],
      providerStatus: servers[0].ips[0].status,
      portBase: 0,
      port: 10_000,
      customDnsPort: 10_500,
      checkedAt: iso(servers[0].ips[0].status_time),
    });
    assert.deepEqual(detailsSent(harness.wonderproxy, SERVERS), ['']);
  });

  test('location, usage and geostatus are asked for exactly as selected', async () => {
    const { account } = await harness.client.data(WonderProxyServersDetailedDocument, { id: WONDERPROXY_ACCOUNT_ID });
    const melbourne = account!.servers!.find((server) => server.name === 'melbourne')!;
    const wire = servers.find((server) => server.server === 'melbourne')!;
    assert.deepEqual(melbourne.location, { ...wire.location, country: 'AU' });
    assert.deepEqual(melbourne.usage, { limitBytes: wire.usage!.limit, currentBytes: wire.usage!.current, last30DaysBytes: wire.usage!.last_30_days });
    assert.equal(melbourne.ips![0].geoStatus!.length, Object.keys(wire.ips[0].geostatus!).length);
    await harness.client.data(WonderProxyServerUsageDocument, { id: WONDERPROXY_ACCOUNT_ID });
    assert.deepEqual(detailsSent(harness.wonderproxy, SERVERS), ['location,usage,geostatus', 'usage']);
  });

  test('networkServers lists the whole catalogue from /v0/servers, with location only when selected', async () => {
    const plain = await harness.client.data(WonderProxyNetworkServersDocument, {});
    assert.ok(plain.networkServers.length > servers.length);
    const denver = plain.networkServers.find((server) => server.hostname === 'denver.wonderproxy.com')!;
    assert.equal(denver.title, 'Denver');
    // The catalogue gives ip_count only: the list is unknown (wonderproxy-users.test.ts checks ipCount).
    assert.equal(denver.ips, null);
    const located = await harness.client.data(WonderProxyNetworkServersLocatedDocument, {});
    assert.ok(located.networkServers.every((server) => /^[A-Z]{2}$/.test(server.location!.country!)));
    assert.deepEqual(detailsSent(harness.wonderproxy, 'GET /v0/servers'), ['', 'location']);
  });
});
