/**
 * Ping Proxies account, plan, usage and services through the graph: GraphQL over HTTP → ProxyGraph →
 * Ping simulator over HTTP. Ground truth is the simulator's own state, rendered as Ping would send it.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PING, PING_ACCOUNT_ID, pingId, startPingHarness, type PingHarness } from '../support/pingproxies-harness';
import { errorCodes } from '../support/graphql-client';
import {
  PingAccountOverviewDocument,
  PingAccountsDocument,
  PingCancelServiceDocument,
  PingServiceProxiesDocument,
  PingServicesDocument,
  PingUpdateServiceDocument,
} from '../generated/graphql';
import { renderCustomer } from '../../src/simulators/pingproxies/state';
import { CANCELED_SERVICE_ID, ISP_SERVICE_ID, RESIDENTIAL_SERVICE_ID } from '../../src/simulators/pingproxies/data';

let harness: PingHarness;
const utc = (pingDate: string) => new Date(`${pingDate.replace(' ', 'T')}Z`).toISOString();

before(async () => {
  harness = await startPingHarness({ simulator: { proxyCount: 150 } });
});
after(async () => {
  await harness?.stop();
});
beforeEach(() => harness.ping.server.resetCalls());

describe('Ping Proxies account, plan and usage', () => {
  test('the account is listed as PINGPROXIES with proxies, sub-users, IP authorizations and usage', async () => {
    const data = await harness.client.data(PingAccountsDocument, {});
    assert.deepEqual(data.accounts, [
      {
        id: PING_ACCOUNT_ID,
        provider: 'PINGPROXIES',
        capabilities: ['GENERATED_PROXY_LISTS', 'IP_AUTHORIZATIONS', 'PLAN', 'PROFILE', 'PROXIES', 'SERVICES', 'SUB_USERS', 'SUB_USER_ACCESS_RULES', 'USAGE'],
      },
    ]);
    assert.equal(harness.ping.server.calls.length, 0);
  });

  test('profile, plan and usage come from customer/retrieve, service/search and residential/summary, one call each', async () => {
    const data = await harness.client.data(PingAccountOverviewDocument, { id: PING_ACCOUNT_ID });
    const { state } = harness.ping;
    const customer = renderCustomer(state);
    const active = [...state.services.values()].filter((service) => service.service_status === 'active');
    const account = data.account!;
    assert.deepEqual(account.profile, { email: 'steve.jobs@apple.com', name: 'Steve Jobs', createdAt: utc(customer.customer_creation_datetime!) });
    assert.equal(account.plan!.name, active.map((service) => service.service_name).join(', '));
    assert.equal(account.plan!.status, 'active');
    assert.equal(account.plan!.proxyCount, customer.proxy_count);
    assert.equal(account.plan!.price, active.reduce((sum, service) => sum + service.service_total, 0) / 100);
    assert.equal(account.plan!.currency, 'USD');
    assert.equal(account.plan!.subUsersTotal, customer.customer_proxy_user_limit);
    const soonest = active.map((service) => utc(service.service_expiry_datetime!)).sort()[0];
    assert.equal(account.plan!.periodEnd, soonest);
    // The documented residential summary: 10 GiB bought, 3 GiB used, 145022 requests [C] — a request total
    // without a succeeded/failed split, which cannot add up, so the graph gives no request counts.
    assert.deepEqual(account.usage, {
      bandwidthUsedBytes: 3_221_225_472,
      bandwidthLimitBytes: 10_737_418_240,
      bandwidthRemainingBytes: 7_516_192_768,
      requestsTotal: null,
      requestsSucceeded: null,
      requestsFailed: null,
      period: 'LIFETIME',
      periodStart: null,
      periodEnd: null,
      coversRequestedWindow: null,
    });
    assert.equal(harness.ping.server.callCount(PING.customer), 1);
    assert.equal(harness.ping.server.callCount(PING.serviceSearch), 1);
    assert.equal(harness.ping.server.callCount(PING.residential), 1);
  });

  test('a usage window is answered with the lifetime figures, marked LIFETIME and not covering the window', async () => {
    harness.ping.server.resetCalls();
    const data = await harness.client.data<{ account: { usage: Record<string, unknown> } }, { id: string; from: string }>(
      `query($id: ID!, $from: DateTime) { account(id: $id) { usage(from: $from) { bandwidthUsedBytes period periodStart periodEnd coversRequestedWindow } } }`,
      { id: PING_ACCOUNT_ID, from: new Date(Date.now() - 86_400_000).toISOString() },
    );
    assert.deepEqual(data.account.usage, {
      bandwidthUsedBytes: 3_221_225_472,
      period: 'LIFETIME',
      periodStart: null,
      periodEnd: null,
      coversRequestedWindow: false,
    });
    assert.equal(harness.ping.server.callCount(PING.residential), 1);
  });

  test('every call carries both API key headers and no secret reaches the call log', async () => {
    await harness.client.data(PingAccountOverviewDocument, { id: PING_ACCOUNT_ID });
    for (const call of harness.ping.server.calls) {
      assert.equal(call.headers['x-api-public-key'], '[present]');
      assert.equal(call.headers['x-api-private-key'], '[present]');
      assert.equal(call.status, 200);
    }
  });
});

describe('Ping Proxies services', () => {
  test('Account.services lists every service with cents turned into dollars and Ping dates into UTC', async () => {
    const data = await harness.client.data(PingServicesDocument, { id: PING_ACCOUNT_ID });
    const services = data.account!.services!;
    const expected = [...harness.ping.state.services.values()];
    assert.equal(services.length, expected.length);
    for (const wire of expected) {
      const service = services.find((candidate) => candidate.id === pingId('Service', wire.service_id))!;
      assert.deepEqual(service, {
        id: pingId('Service', wire.service_id),
        name: wire.service_name,
        type: wire.service_type,
        status: wire.service_status,
        cycle: wire.service_cycle,
        quantity: wire.service_quantity,
        expiresAt: utc(wire.service_expiry_datetime!),
        total: wire.service_total / 100,
        currency: 'USD',
        metadata: wire.service_metadata,
      });
    }
    assert.equal(harness.ping.server.callCount(PING.serviceSearch), 1);
  });

  test('Service.proxies pushes service_id down to proxy/search and pages with Relay cursors', async () => {
    const data = await harness.client.data(PingServiceProxiesDocument, { id: PING_ACCOUNT_ID, first: 10 });
    const isp = data.account!.services!.find((service) => service.id === pingId('Service', ISP_SERVICE_ID))!;
    const expected = harness.ping.state.proxies.filter((proxy) => proxy.service_id === ISP_SERVICE_ID);
    assert.equal(isp.proxies.totalCount, expected.length);
    assert.equal(isp.proxies.edges.length, 10);
    assert.equal(isp.proxies.pageInfo.hasNextPage, true);
    const ispIps = new Set(expected.map((proxy) => proxy.proxy_ip_address));
    for (const edge of isp.proxies.edges) assert.ok(ispIps.has(edge.node.exitIp!));
    const queries = harness.ping.server.callsTo(PING.proxySearch).map((call) => new URLSearchParams(call.query));
    assert.ok(queries.some((query) => query.get('service_id') === ISP_SERVICE_ID && query.get('per_page') === '10'));
  });

  test('updateService sends metadata and automatic collection to service/edit, then reads the service back', async () => {
    const metadata = { reseller: 'ACME', seats: 12, vip: true };
    const data = await harness.client.data(PingUpdateServiceDocument, {
      id: pingId('Service', ISP_SERVICE_ID),
      input: { metadata, automaticCollection: false },
    });
    assert.deepEqual(data.updateService.metadata, metadata);
    const [edit] = harness.ping.server.callsTo(PING.serviceEdit);
    assert.deepEqual(JSON.parse(edit.body), { service_metadata: metadata, service_is_automatic_collection: false });
    assert.equal(harness.ping.state.services.get(ISP_SERVICE_ID)!.service_is_automatic_collection, false);
    assert.equal(harness.ping.server.callCount(PING.serviceRetrieve), 1);
  });

  test('a service rename or over-long metadata is refused as BAD_USER_INPUT before any upstream call', async () => {
    const rename = await harness.client.request(PingUpdateServiceDocument, { id: pingId('Service', ISP_SERVICE_ID), input: { name: 'Renamed' } });
    assert.deepEqual(errorCodes(rename), ['BAD_USER_INPUT']);
    const tooMany = Object.fromEntries(Array.from({ length: 31 }, (_, index) => [`key${index}`, index]));
    const keys = await harness.client.request(PingUpdateServiceDocument, { id: pingId('Service', ISP_SERVICE_ID), input: { metadata: tooMany } });
    assert.deepEqual(errorCodes(keys), ['BAD_USER_INPUT']);
    const long = await harness.client.request(PingUpdateServiceDocument, {
      id: pingId('Service', ISP_SERVICE_ID),
      input: { metadata: { note: 'x'.repeat(301) } },
    });
    assert.deepEqual(errorCodes(long), ['BAD_USER_INPUT']);
    assert.equal(harness.ping.server.calls.length, 0);
  });

  test('cancelService sends the feedback enum and comment to service/cancel and answers the canceled service', async () => {
    const data = await harness.client.data(PingCancelServiceDocument, {
      id: pingId('Service', RESIDENTIAL_SERVICE_ID),
      input: { reason: 'TOO_EXPENSIVE', comment: 'Budget cut' },
    });
    assert.equal(data.cancelService.status, 'canceled');
    const [cancel] = harness.ping.server.callsTo(PING.serviceCancel);
    assert.deepEqual(JSON.parse(cancel.body), { cancel_feedback: 'too_expensive', cancel_comment: 'Budget cut' });
    assert.equal(harness.ping.state.services.get(RESIDENTIAL_SERVICE_ID)!.service_status, 'canceled');
  });

  test('cancelling a canceled service is a CONFLICT; a comment over 300 characters is refused before any call', async () => {
    const again = await harness.client.request(PingCancelServiceDocument, { id: pingId('Service', CANCELED_SERVICE_ID), input: { reason: 'OTHER' } });
    assert.deepEqual(errorCodes(again), ['CONFLICT']);
    assert.match(String(again.errors[0].extensions?.upstreamRequestId), /^[0-9a-f-]{36}$/);
    harness.ping.server.resetCalls();
    const long = await harness.client.request(PingCancelServiceDocument, {
      id: pingId('Service', ISP_SERVICE_ID),
      input: { reason: 'OTHER', comment: 'x'.repeat(301) },
    });
    assert.deepEqual(errorCodes(long), ['BAD_USER_INPUT']);
    assert.equal(harness.ping.server.calls.length, 0);
  });

  test('an unknown service is NOT_FOUND from Ping', async () => {
    const result = await harness.client.request(PingUpdateServiceDocument, { id: pingId('Service', 'NOPE-0000-0000'), input: { automaticCollection: true } });
    assert.deepEqual(errorCodes(result), ['NOT_FOUND']);
  });
});
