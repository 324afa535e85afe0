/**
 * WonderProxy custom DNS through the graph: GraphQL over HTTP → ProxyGraph → WonderProxy simulator.
 * List (?ip=, ?server=), create, read one, patch, delete one, delete all, each documented error, and the
 * batched load of the servers the entries name.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startWonderProxyHarness, WONDERPROXY_ACCOUNT_ID, wonderproxyGet, type WonderProxyHarness } from '../support/wonderproxy-harness';
import { errorCodes } from '../support/graphql-client';
import {
  WonderProxyAccountDnsOverridesDocument,
  WonderProxyClearDnsOverridesDocument,
  WonderProxyCreateDnsOverrideDocument,
  WonderProxyDeleteDnsOverrideDocument,
  WonderProxyDnsOverridesDocument,
  WonderProxyDnsOverridesWithServersDocument,
  WonderProxyUpdateDnsOverrideDocument,
} from '../generated/graphql';
import type { WonderProxyContractServer, WonderProxyOverride } from '../../src/providers/wonderproxy/wire';

const LIST = 'GET /v0/contract/overrides';
const CREATE = 'POST /v0/contract/overrides';
const SERVERS = 'GET /v0/contract/servers';
let harness: WonderProxyHarness;

before(async () => {
  harness = await startWonderProxyHarness({ wonderproxy: { overrideCount: 3 } });
});
after(() => harness?.stop());
beforeEach(() => harness.wonderproxy.server.resetCalls());

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000);
const toSeconds = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString();
const overrides = () => wonderproxyGet<WonderProxyOverride[]>(harness.wonderproxy, '/v0/contract/overrides');

function create(server: string, hostname: string, ip: string, expiresAt = inHours(2)) {
  return harness.client.request(WonderProxyCreateDnsOverrideDocument, {
    input: { accountId: WONDERPROXY_ACCOUNT_ID, server, hostname, ip, expiresAt: expiresAt.toISOString() },
  });
}

describe('WonderProxy custom DNS: reading', () => {
  test('entries are listed with their server name, status and expiry as DateTime', async () => {
    const upstream = await overrides();
    harness.wonderproxy.server.resetCalls();
    const { dnsOverrides } = await harness.client.data(WonderProxyDnsOverridesDocument, {});
    assert.deepEqual(
      dnsOverrides.map(({ server, hostname, ip, expiresAt, status, account }) => ({ server, hostname, ip, expiresAt, status, account })),
      upstream.map((entry) => ({
        server: entry.server,
        hostname: entry.hostname,
        ip: entry.ip,
        expiresAt: new Date(entry.expiry * 1000).toISOString(),
        status: entry.status.toUpperCase(),
        account: { id: WONDERPROXY_ACCOUNT_ID },
      })),
    );
    assert.equal(harness.wonderproxy.server.callCount(LIST), 1);
  });

  test('a server filter goes upstream as ?server= (a hostname turned into its short name); an IP filter is compared locally on canonical forms', async () => {
    const [first] = await overrides();
    harness.wonderproxy.server.resetCalls();
    const byIp = await harness.client.data(WonderProxyAccountDnsOverridesDocument, { id: WONDERPROXY_ACCOUNT_ID, filter: { ip: first.ip } });
    assert.deepEqual(
      byIp.account!.dnsOverrides!.map((entry) => entry.ip),
      [first.ip],
    );
    const byHost = await harness.client.data(WonderProxyAccountDnsOverridesDocument, {
      id: WONDERPROXY_ACCOUNT_ID,
      filter: { server: `${first.server}.wonderproxy.com` },
    });
    assert.ok(byHost.account!.dnsOverrides!.every((entry) => entry.server === first.server));
    const queries = harness.wonderproxy.server.callsTo(LIST).map((call) => Object.fromEntries(new URLSearchParams(call.query)));
    assert.deepEqual(queries, [{}, { server: first.server }]);
    const elsewhere = await harness.client.data(WonderProxyAccountDnsOverridesDocument, {
      id: WONDERPROXY_ACCOUNT_ID,
      filter: { server: 'paris.wonderproxy.com' },
    });
    assert.deepEqual(elsewhere.account!.dnsOverrides, []);
  });

  test('the servers of every listed entry load in one call, with the custom DNS port of each IP', async () => {
    const contractServers = await wonderproxyGet<WonderProxyContractServer[]>(harness.wonderproxy, '/v0/contract/servers');
    harness.wonderproxy.server.resetCalls();
    const { dnsOverrides } = await harness.client.data(WonderProxyDnsOverridesWithServersDocument, {});
    const named = new Set(dnsOverrides.map((entry) => entry.server));
    assert.ok(named.size >= 2);
    for (const entry of dnsOverrides) {
      const wire = contractServers.find((server) => server.server === entry.server)!;
      assert.equal(entry.proxyServer!.hostname, wire.hostname);
      assert.deepEqual(
        entry.proxyServer!.ips,
        wire.ips.map((ip) => ({ address: ip.ip, port: 10_000 + ip.port_base, customDnsPort: 10_500 + ip.port_base })),
      );
    }
    assert.equal(harness.wonderproxy.server.callCount(LIST), 1);
    assert.equal(harness.wonderproxy.server.callCount(SERVERS), 1);
    assert.equal(harness.wonderproxy.server.callCount('GET /v0/contract/servers/:server'), 0);
    assert.deepEqual(new URLSearchParams(harness.wonderproxy.server.callsTo(SERVERS)[0].query).get('server')!.split(',').sort(), [...named].sort());
  });

  test('a federation reference to an entry reads it by id; an unknown id resolves to null', async () => {
    const [first] = (await harness.client.data(WonderProxyDnsOverridesDocument, {})).dnsOverrides;
    harness.wonderproxy.server.resetCalls();
    const unknown = Buffer.from(`DnsOverride:${WONDERPROXY_ACCOUNT_ID}:999999`).toString('base64url');
    const result = await harness.client.request<{ _entities: Array<{ id: string; hostname: string } | null> }, { representations: unknown[] }>(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on DnsOverride { id hostname } } }`,
      {
        representations: [
          { __typename: 'DnsOverride', id: first.id },
          { __typename: 'DnsOverride', id: unknown },
        ],
      },
    );
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.data!._entities, [{ id: first.id, hostname: first.hostname }, null]);
    assert.equal(harness.wonderproxy.server.callCount('GET /v0/contract/overrides/:id'), 2);
  });
});

describe('WonderProxy custom DNS: changes', () => {
  test('createDnsOverride accepts a server hostname, posts the short name with epoch expiry, and returns the pending entry', async () => {
    const expiresAt = inHours(3);
    const result = await create('melbourne.wonderproxy.com', 'Google.com', '31.14.15.92', expiresAt);
    assert.deepEqual(result.errors, []);
    const entry = result.data!.createDnsOverride;
    assert.deepEqual(
      { ...entry, id: undefined },
      {
        id: undefined,
        server: 'melbourne',
        hostname: 'google.com',
        ip: '31.14.15.92',
        expiresAt: toSeconds(expiresAt),
        status: 'PENDING',
        account: { id: WONDERPROXY_ACCOUNT_ID },
      },
    );
    assert.deepEqual(JSON.parse(harness.wonderproxy.server.callsTo(CREATE)[0].body), {
      server: 'melbourne',
      hostname: 'google.com',
      ip: '31.14.15.92',
      expiry: Math.floor(expiresAt.getTime() / 1000),
    });
  });

  test("a server not on the account is BAD_USER_INPUT naming the account's servers, and nothing is posted", async () => {
    const result = await create('paris', 'a.example.com', '1.2.3.4');
    assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT']);
    const fields = result.errors[0].extensions!.fields as Record<string, string[]>;
    for (const name of ['denver', 'melbourne', 'tokyo']) assert.ok(fields.server[0].includes(name));
    assert.equal(harness.wonderproxy.server.callCount(CREATE), 0);
  });

  test('an invalid hostname or IP, or an expiry in the past, is refused before any call', async () => {
    assert.deepEqual(errorCodes(await create('denver', 'not a host', '1.2.3.4')), ['BAD_USER_INPUT']);
    assert.deepEqual(errorCodes(await create('denver', 'a.example.com', '1.2.3')), ['BAD_USER_INPUT']);
    assert.deepEqual(errorCodes(await create('denver', 'a.example.com', '1.2.3.4', new Date(Date.now() - 60_000))), ['BAD_USER_INPUT']);
    assert.equal(harness.wonderproxy.server.callCount(), 0);
  });

  test("a server/hostname already overridden (on any contract) is CONFLICT carrying WonderProxy's message", async () => {
    const result = await create('denver', 'www.example.org', '1.2.3.4');
    assert.deepEqual(errorCodes(result), ['CONFLICT']);
    assert.ok(result.errors[0].message.includes('That server/hostname combination already exists'));
  });

  test('updateDnsOverride patches the fields given; the same values again succeed; a taken hostname is CONFLICT; unknown ids NOT_FOUND', async () => {
    const created = (await create('tokyo', 'api.example.org', '31.14.15.92')).data!.createDnsOverride;
    harness.wonderproxy.server.resetCalls();
    const expiresAt = inHours(6);
    const input = { ip: '31.14.15.93', expiresAt: expiresAt.toISOString() };
    const { updateDnsOverride } = await harness.client.data(WonderProxyUpdateDnsOverrideDocument, { id: created.id, input });
    assert.deepEqual([updateDnsOverride.ip, updateDnsOverride.expiresAt, updateDnsOverride.status], ['31.14.15.93', toSeconds(expiresAt), 'PENDING']);
    assert.deepEqual(JSON.parse(harness.wonderproxy.server.callsTo('PATCH /v0/contract/overrides/:id')[0].body), {
      ip: '31.14.15.93',
      expiry: Math.floor(expiresAt.getTime() / 1000),
    });
    // WonderProxy answers 409 "No changes were made" for a PATCH that changes nothing: the graph treats it as done.
    const again = await harness.client.request(WonderProxyUpdateDnsOverrideDocument, { id: created.id, input });
    assert.deepEqual(again.errors, []);
    assert.equal(again.data!.updateDnsOverride.ip, '31.14.15.93');
    await create('tokyo', 'taken.example.org', '31.14.15.92');
    const taken = await harness.client.request(WonderProxyUpdateDnsOverrideDocument, { id: created.id, input: { hostname: 'taken.example.org' } });
    assert.deepEqual(errorCodes(taken), ['CONFLICT']);
    const unknown = Buffer.from(`DnsOverride:${WONDERPROXY_ACCOUNT_ID}:999999`).toString('base64url');
    assert.deepEqual(errorCodes(await harness.client.request(WonderProxyUpdateDnsOverrideDocument, { id: unknown, input: { ip: '1.2.3.4' } })), ['NOT_FOUND']);
  });

  test('deleteDnsOverride removes one entry; deleting it again removes nothing and says so', async () => {
    const created = (await create('riyadh', 'gone.example.org', '31.14.15.92')).data!.createDnsOverride;
    const { deleteDnsOverride } = await harness.client.data(WonderProxyDeleteDnsOverrideDocument, { id: created.id });
    assert.deepEqual(deleteDnsOverride, { id: created.id, deleted: true, count: 1 });
    assert.ok(!(await overrides()).some((entry) => entry.hostname === 'gone.example.org'));
    const again = await harness.client.request(WonderProxyDeleteDnsOverrideDocument, { id: created.id });
    assert.deepEqual(again.errors, []);
    assert.deepEqual(again.data?.deleteDnsOverride, { id: created.id, deleted: false, count: 0 });
  });

  test('clearDnsOverrides removes every entry with one DELETE and says how many it removed', async () => {
    const before = (await overrides()).length;
    assert.ok(before > 0);
    const { clearDnsOverrides } = await harness.client.data(WonderProxyClearDnsOverridesDocument, { accountId: WONDERPROXY_ACCOUNT_ID });
    assert.deepEqual(clearDnsOverrides, { id: null, deleted: true, count: before });
    assert.equal(harness.wonderproxy.server.callCount('DELETE /v0/contract/overrides'), 1);
    assert.deepEqual(await overrides(), []);
  });
});
