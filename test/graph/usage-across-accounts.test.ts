/**
 * Usage across accounts over HTTP against the simulators (README, "How the graph behaves across accounts"): every figure
 * says which period it covers and whether that is the window asked; totals add only figures of one period
 * and say who is in them; request counts add up. Accounts: two Webshare accounts on one subscription (the
 * same billing period), a third on another, ProxyMesh (no usage), WonderProxy (billing period only) and Ping
 * (lifetime only).
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningProxyGraph } from '../../src/app';
import type { AccountConfig } from '../../src/config/schema';
import type { ProviderSimulator } from '../../src/simulators/kit';
import { startWebshareSimulator } from '../../src/simulators/webshare';
import { startProxyMeshSimulator } from '../../src/simulators/proxymesh';
import { startWonderProxySimulator } from '../../src/simulators/wonderproxy';
import { startPingProxiesSimulator } from '../../src/simulators/pingproxies';
import { startTestProxyGraph } from '../support/proxygraph';
import { assertRequestCountsAddUp } from '../support/usage-figures';
import { errorCodes, GraphQLTestClient } from '../support/graphql-client';
import { EstateUsageDocument, EstateUsedBytesDocument, type EstateUsageQuery, type UsageFiguresFragment } from '../generated/graphql';

const STATS = 'GET /api/v2/stats/aggregate/';
const DAY_MS = 24 * 3_600_000;

let simulators: {
  webshare: ProviderSimulator;
  webshareOther: ProviderSimulator;
  proxymesh: ProviderSimulator;
  wonderproxy: ProviderSimulator;
  ping: ProviderSimulator;
};
let proxygraph: RunningProxyGraph;
let client: GraphQLTestClient;

function account(id: string, provider: AccountConfig['provider'], simulator: ProviderSimulator): AccountConfig {
  return { id, provider, baseUrl: simulator.origin, credentials: simulator.credentials } as AccountConfig;
}

before(async () => {
  simulators = {
    webshare: await startWebshareSimulator({ seed: 21, rateLimits: false }),
    webshareOther: await startWebshareSimulator({ seed: 22, rateLimits: false }),
    proxymesh: await startProxyMeshSimulator({ seed: 21 }),
    wonderproxy: await startWonderProxySimulator({ seed: 21 }),
    ping: await startPingProxiesSimulator({ seed: 21, rateLimit: false }),
  };
  proxygraph = await startTestProxyGraph([
    account('ws-a', 'webshare', simulators.webshare),
    account('ws-b', 'webshare', simulators.webshare),
    account('ws-c', 'webshare', simulators.webshareOther),
    account('pm', 'proxymesh', simulators.proxymesh),
    account('wp', 'wonderproxy', simulators.wonderproxy),
    account('ping', 'pingproxies', simulators.ping),
  ]);
  client = new GraphQLTestClient(proxygraph.url);
});

after(async () => {
  await proxygraph?.stop();
  await Promise.all(Object.values(simulators ?? {}).map((simulator) => simulator.stop()));
});

beforeEach(() => {
  for (const simulator of Object.values(simulators)) {
    simulator.server.resetCalls();
    simulator.server.clearFaults();
  }
});

type Entry = EstateUsageQuery['usage']['accounts'][number];

function byId(entries: Entry[]): Map<string, Entry> {
  return new Map(entries.map((entry) => [entry.account.id, entry]));
}

function sumOf(
  figures: UsageFiguresFragment[],
  key: 'bandwidthUsedBytes' | 'bandwidthLimitBytes' | 'bandwidthRemainingBytes' | 'requestsTotal' | 'requestsSucceeded' | 'requestsFailed',
): number {
  return figures.reduce((total, figure) => total + figure[key]!, 0);
}

describe('usage across accounts: each figure says its period, totals add like with like', () => {
  test('with a window, totals add exactly the accounts whose figures cover it, and every other account is listed as not covering it', async () => {
    const from = new Date(Date.now() - 2 * DAY_MS).toISOString();
    const to = new Date(Date.now() - 3_600_000).toISOString();
    const { usage } = await client.data(EstateUsageDocument, { from, to });
    const entries = byId(usage.accounts);
    const webshare = ['ws-a', 'ws-b', 'ws-c'].map((id) => entries.get(id)!);
    for (const entry of webshare) {
      assert.deepEqual([entry.inTotals, entry.notInTotalsBecause], [true, null], entry.account.id);
      assert.deepEqual(
        [entry.usage!.period, entry.usage!.periodStart, entry.usage!.periodEnd, entry.usage!.coversRequestedWindow],
        ['REQUESTED_WINDOW', from, to, true],
      );
    }
    assert.deepEqual([entries.get('pm')!.inTotals, entries.get('pm')!.notInTotalsBecause], [false, 'UNSUPPORTED']);
    // WonderProxy and Ping cannot report a window: their own period is shown, marked, and not added.
    assert.deepEqual(
      ['wp', 'ping'].map((id) => [
        entries.get(id)!.inTotals,
        entries.get(id)!.notInTotalsBecause,
        entries.get(id)!.usage!.period,
        entries.get(id)!.usage!.coversRequestedWindow,
      ]),
      [
        [false, 'WINDOW_NOT_COVERED', 'BILLING_PERIOD', false],
        [false, 'WINDOW_NOT_COVERED', 'LIFETIME', false],
      ],
    );
    const added = webshare.map((entry) => entry.usage!);
    assert.deepEqual(usage.totals, {
      bandwidthUsedBytes: sumOf(added, 'bandwidthUsedBytes'),
      bandwidthLimitBytes: sumOf(added, 'bandwidthLimitBytes'),
      bandwidthRemainingBytes: sumOf(added, 'bandwidthRemainingBytes'),
      requestsTotal: sumOf(added, 'requestsTotal'),
      requestsSucceeded: sumOf(added, 'requestsSucceeded'),
      requestsFailed: sumOf(added, 'requestsFailed'),
      period: 'REQUESTED_WINDOW',
      periodStart: from,
      periodEnd: to,
      coversRequestedWindow: true,
    });
    assertRequestCountsAddUp(usage.totals, 'totals');
  });

  test('with no window, each account reports its own period, and only accounts of one period are added together', async () => {
    const { usage } = await client.data(EstateUsageDocument, {});
    const entries = byId(usage.accounts);
    assert.deepEqual(
      ['ws-a', 'ws-c', 'wp', 'ping'].map((id) => [entries.get(id)!.usage!.period, entries.get(id)!.usage!.coversRequestedWindow]),
      [
        ['BILLING_PERIOD', null],
        ['BILLING_PERIOD', null],
        ['BILLING_PERIOD', null],
        ['LIFETIME', null],
      ],
    );
    assert.deepEqual([entries.get('ping')!.usage!.periodStart, entries.get('ping')!.usage!.periodEnd], [null, null]);
    // ws-a and ws-b share a subscription, so one billing period: they add up; every other period stands alone.
    const groups = usage.totalsByPeriod.map((total) => total.accounts.map((member) => member.id));
    assert.deepEqual(groups, [['ws-a', 'ws-b'], ['ws-c'], ['wp'], ['ping']]);
    for (const total of usage.totalsByPeriod) {
      const members = total.accounts.map((member) => entries.get(member.id)!.usage!);
      assert.deepEqual([total.usage.period, total.usage.periodStart, total.usage.periodEnd], [members[0].period, members[0].periodStart, members[0].periodEnd]);
      assert.equal(total.usage.bandwidthUsedBytes, sumOf(members, 'bandwidthUsedBytes'));
      assertRequestCountsAddUp(total.usage, `total of ${total.accounts.map((member) => member.id)}`);
    }
    // Four periods: `totals` adds nothing rather than a lifetime to a month, and says so per account.
    assert.deepEqual([usage.totals.period, usage.totals.bandwidthUsedBytes, usage.totals.requestsTotal], [null, null, null]);
    assert.deepEqual(
      usage.accounts.map((entry) => [entry.account.id, entry.notInTotalsBecause]),
      [
        ['ws-a', 'PERIOD_DIFFERS'],
        ['ws-b', 'PERIOD_DIFFERS'],
        ['ws-c', 'PERIOD_DIFFERS'],
        ['pm', 'UNSUPPORTED'],
        ['wp', 'PERIOD_DIFFERS'],
        ['ping', 'PERIOD_DIFFERS'],
      ],
    );
  });

  test("request counts add up in every account's figures and every total, with or without a window", async () => {
    for (const variables of [{}, { from: new Date(Date.now() - DAY_MS).toISOString() }]) {
      const { usage } = await client.data(EstateUsageDocument, variables);
      for (const entry of usage.accounts) if (entry.usage) assertRequestCountsAddUp(entry.usage, entry.account.id);
      for (const total of usage.totalsByPeriod) assertRequestCountsAddUp(total.usage, 'total');
      assertRequestCountsAddUp(usage.totals, 'totals');
    }
  });

  test('bandwidthRemainingBytes of every account is the same whatever window is asked', async () => {
    const remaining = async (variables: { from?: string; to?: string }) =>
      (await client.data(EstateUsageDocument, variables)).usage.accounts.map((entry) => [entry.account.id, entry.usage?.bandwidthRemainingBytes ?? null]);
    const now = Date.now();
    const billing = await remaining({});
    assert.deepEqual(await remaining({ from: new Date(now - DAY_MS).toISOString() }), billing);
    assert.deepEqual(await remaining({ from: new Date(now - 6 * DAY_MS).toISOString(), to: new Date(now - 4 * DAY_MS).toISOString() }), billing);
  });

  test('an account that fails is listed with its error and left out of the totals; the others still add up', async () => {
    simulators.webshareOther.server.injectFault({ endpoint: STATS, status: 403, body: { detail: 'You do not have permission to perform this action.' } });
    const from = new Date(Date.now() - DAY_MS).toISOString();
    const result = await client.request(EstateUsageDocument, { from });
    const usage = result.data!.usage;
    const entries = byId(usage.accounts);
    assert.deepEqual(
      [entries.get('ws-c')!.inTotals, entries.get('ws-c')!.notInTotalsBecause, entries.get('ws-c')!.error?.code],
      [false, 'FAILED', 'PROVIDER_FORBIDDEN'],
    );
    const added = ['ws-a', 'ws-b'].map((id) => entries.get(id)!.usage!);
    assert.equal(usage.totals.bandwidthUsedBytes, sumOf(added, 'bandwidthUsedBytes'));
  });

  test('Webshare reads the billing period beside a window only when bandwidthRemainingBytes is selected', async () => {
    const from = new Date(Date.now() - DAY_MS).toISOString();
    await client.data(EstateUsedBytesDocument, { from });
    // ws-a and ws-b share a simulator: one window read each.
    assert.equal(simulators.webshare.server.callCount(STATS), 2);
    assert.equal(simulators.webshareOther.server.callCount(STATS), 1);
    simulators.webshare.server.resetCalls();
    await client.data(EstateUsageDocument, { from });
    assert.equal(simulators.webshare.server.callCount(STATS), 4);
  });

  test('to without from names no window and is refused before any upstream call, as is a window that ends before it starts', async () => {
    const now = Date.now();
    for (const variables of [
      { to: new Date(now).toISOString() },
      { from: new Date(now - DAY_MS).toISOString(), to: new Date(now - 2 * DAY_MS).toISOString() },
    ]) {
      const result = await client.request(EstateUsageDocument, variables);
      assert.deepEqual(errorCodes(result), ['BAD_USER_INPUT'], JSON.stringify(variables));
    }
    for (const simulator of Object.values(simulators)) assert.equal(simulator.server.calls.length, 0);
  });
});
