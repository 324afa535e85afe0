/**
 * The usage rules (domain/usage.ts) with fake sessions: which window is asked, which figures cover it, how
 * totals group figures by period and add only like with like, and request counts that add up.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ProxyGraphError } from '../../src/core/errors';
import type { UsageRange } from '../../src/providers/contract/params';
import type { UsageRecord } from '../../src/providers/contract/records';
import type { UsageFacet } from '../../src/providers/contract/session';
import { accountUsage, requestedWindow, summariseUsage } from '../../src/domain/usage';
import { fakeScope } from '../support/fake-accounts';

const DAY_MS = 24 * 3_600_000;
const NOW = Date.UTC(2026, 10, 20, 12);
const BILLING = { periodStart: new Date(NOW - 10 * DAY_MS), periodEnd: new Date(NOW + 20 * DAY_MS) };

/** A provider that reports any window (Webshare-like): the window's figures, or its billing period's. */
function windowed(usedBytes: number, requests = { succeeded: 90, failed: 10 }): UsageFacet & { ranges: UsageRange[] } {
  const ranges: UsageRange[] = [];
  return {
    ranges,
    async get(range) {
      ranges.push(range);
      const covered = range.from
        ? { period: 'REQUESTED_WINDOW' as const, periodStart: range.from, periodEnd: range.to! }
        : { period: 'BILLING_PERIOD' as const, ...BILLING };
      return {
        ...covered,
        bandwidthUsedBytes: usedBytes,
        bandwidthLimitBytes: 1_000,
        bandwidthRemainingBytes: 500,
        requestsTotal: requests.succeeded + requests.failed,
        requestsSucceeded: requests.succeeded,
        requestsFailed: requests.failed,
      };
    },
  };
}

/** A provider that reports one period whatever is asked (WonderProxy's billing period, Ping's lifetime). */
function fixed(record: UsageRecord): UsageFacet {
  return { get: async () => record };
}

const lifetime: UsageRecord = {
  period: 'LIFETIME',
  periodStart: null,
  periodEnd: null,
  bandwidthUsedBytes: 300,
  bandwidthLimitBytes: 1_000,
  bandwidthRemainingBytes: 700,
  requestsTotal: 145,
  requestsSucceeded: null,
  requestsFailed: null,
};
const billing: UsageRecord = {
  period: 'BILLING_PERIOD',
  ...BILLING,
  bandwidthUsedBytes: 40,
  bandwidthLimitBytes: 100,
  bandwidthRemainingBytes: 60,
  requestsTotal: null,
  requestsSucceeded: null,
  requestsFailed: null,
};

describe('the usage window asked', () => {
  test('no from and no to asks each provider for its own period; from alone runs to now', () => {
    assert.equal(requestedWindow({}, NOW), null);
    const from = new Date(NOW - DAY_MS);
    assert.deepEqual(requestedWindow({ from }, NOW), { from, to: new Date(NOW) });
  });

  test('to without from, and a window that ends before it starts, are BAD_USER_INPUT', () => {
    for (const request of [{ to: new Date(NOW) }, { from: new Date(NOW), to: new Date(NOW - 1) }, { from: new Date(NOW + DAY_MS) }]) {
      assert.throws(
        () => requestedWindow(request, NOW),
        (error: unknown) => error instanceof ProxyGraphError && error.code === 'BAD_USER_INPUT',
      );
    }
  });
});

describe("one account's usage", () => {
  test('figures of exactly the window asked cover it', async () => {
    const scope = fakeScope([{ id: 'ws', session: () => ({ usage: windowed(10) }) }]);
    const from = new Date(Date.now() - DAY_MS);
    const to = new Date(Date.now() - 3_600_000);
    const figures = await accountUsage(scope.reads, 'ws', { from, to });
    assert.deepEqual([figures!.period, figures!.periodStart, figures!.periodEnd, figures!.coversRequestedWindow], ['REQUESTED_WINDOW', from, to, true]);
  });

  test('a provider that answers a window with its lifetime or billing period is marked as not covering it, its period kept', async () => {
    const scope = fakeScope([
      { id: 'ping', provider: 'pingproxies', session: () => ({ usage: fixed(lifetime) }) },
      { id: 'wp', provider: 'wonderproxy', session: () => ({ usage: fixed(billing) }) },
    ]);
    const from = new Date(Date.now() - DAY_MS);
    const ping = await accountUsage(scope.reads, 'ping', { from });
    const wp = await accountUsage(scope.reads, 'wp', { from });
    assert.deepEqual([ping!.period, ping!.periodStart, ping!.coversRequestedWindow], ['LIFETIME', null, false]);
    assert.deepEqual([wp!.period, wp!.periodStart, wp!.coversRequestedWindow], ['BILLING_PERIOD', BILLING.periodStart, false]);
  });

  test('figures that claim the window but with other bounds do not cover it', async () => {
    const shifted: UsageFacet = {
      get: async (range) => ({ ...billing, period: 'REQUESTED_WINDOW', periodStart: new Date(range.from!.getTime() + 1), periodEnd: range.to! }),
    };
    const scope = fakeScope([{ id: 'x', session: () => ({ usage: shifted }) }]);
    const figures = await accountUsage(scope.reads, 'x', { from: new Date(Date.now() - DAY_MS) });
    assert.equal(figures!.coversRequestedWindow, false);
  });

  test('with no window asked, coversRequestedWindow is null', async () => {
    const scope = fakeScope([{ id: 'ws', session: () => ({ usage: windowed(10) }) }]);
    assert.equal((await accountUsage(scope.reads, 'ws', {}))!.coversRequestedWindow, null);
  });

  test('the provider hears whether bandwidthRemainingBytes is shown', async () => {
    const usage = windowed(10);
    const scope = fakeScope([{ id: 'ws', session: () => ({ usage }) }]);
    await accountUsage(scope.reads, 'ws', { remaining: false });
    await accountUsage(scope.reads, 'ws', { remaining: true });
    assert.deepEqual(
      usage.ranges.map((range) => range.remaining),
      [false, true],
    );
  });

  test('request counts add up: the total is succeeded + failed when split, and all three are null without a split', async () => {
    const odd: UsageFacet = { get: async () => ({ ...billing, requestsTotal: 999, requestsSucceeded: 80, requestsFailed: 5 }) };
    const half: UsageFacet = { get: async () => ({ ...billing, requestsTotal: 50, requestsSucceeded: 45, requestsFailed: null }) };
    const scope = fakeScope([
      { id: 'odd', session: () => ({ usage: odd }) },
      { id: 'half', session: () => ({ usage: half }) },
      { id: 'ping', session: () => ({ usage: fixed(lifetime) }) },
    ]);
    const counts = async (id: string) => {
      const figures = (await accountUsage(scope.reads, id, {}))!;
      return [figures.requestsTotal, figures.requestsSucceeded, figures.requestsFailed];
    };
    assert.deepEqual(await counts('odd'), [85, 80, 5]);
    assert.deepEqual(await counts('half'), [null, null, null]);
    assert.deepEqual(await counts('ping'), [null, null, null]);
  });
});

describe('usage across accounts', () => {
  test('with a window, totals add only the accounts that cover it; the others are listed as not covering it', async () => {
    const scope = fakeScope([
      { id: 'ws-1', session: () => ({ usage: windowed(10, { succeeded: 9, failed: 1 }) }) },
      { id: 'pm', provider: 'proxymesh', session: () => ({}) },
      { id: 'wp', provider: 'wonderproxy', session: () => ({ usage: fixed(billing) }) },
      { id: 'ws-2', session: () => ({ usage: windowed(5, { succeeded: 3, failed: 2 }) }) },
      { id: 'ping', provider: 'pingproxies', session: () => ({ usage: fixed(lifetime) }) },
    ]);
    const from = new Date(Date.now() - DAY_MS);
    const to = new Date(Date.now() - 3_600_000);
    const summary = await summariseUsage(scope.reads, { from, to });
    assert.deepEqual(
      summary.accounts.map((entry) => [entry.account.id, entry.notInTotalsBecause]),
      [
        ['ws-1', null],
        ['pm', 'UNSUPPORTED'],
        ['wp', 'WINDOW_NOT_COVERED'],
        ['ws-2', null],
        ['ping', 'WINDOW_NOT_COVERED'],
      ],
    );
    assert.deepEqual(summary.totals, {
      period: 'REQUESTED_WINDOW',
      periodStart: from,
      periodEnd: to,
      coversRequestedWindow: true,
      bandwidthUsedBytes: 15,
      bandwidthLimitBytes: 2_000,
      bandwidthRemainingBytes: 1_000,
      requestsTotal: 15,
      requestsSucceeded: 12,
      requestsFailed: 3,
    });
    assert.deepEqual(
      summary.totalsByPeriod.map((total) => [total.accounts.map((entry) => entry.id), total.figures.period, total.figures.coversRequestedWindow]),
      [
        [['ws-1', 'ws-2'], 'REQUESTED_WINDOW', true],
        [['wp'], 'BILLING_PERIOD', false],
        [['ping'], 'LIFETIME', false],
      ],
    );
  });

  test("with a window no account covers, totals are the window's with nothing added", async () => {
    const scope = fakeScope([{ id: 'ping', provider: 'pingproxies', session: () => ({ usage: fixed(lifetime) }) }]);
    const from = new Date(Date.now() - DAY_MS);
    const summary = await summariseUsage(scope.reads, { from });
    assert.deepEqual(
      [summary.totals.period, summary.totals.periodStart, summary.totals.bandwidthUsedBytes, summary.totals.requestsTotal],
      ['REQUESTED_WINDOW', from, null, null],
    );
  });

  test('with no window, totals add the accounts when they all share one period', async () => {
    const scope = fakeScope([
      { id: 'wp-1', provider: 'wonderproxy', session: () => ({ usage: fixed(billing) }) },
      { id: 'wp-2', provider: 'wonderproxy', session: () => ({ usage: fixed(billing) }) },
    ]);
    const summary = await summariseUsage(scope.reads, {});
    assert.deepEqual(
      [summary.totals.period, summary.totals.periodStart, summary.totals.bandwidthUsedBytes, summary.totals.coversRequestedWindow],
      ['BILLING_PERIOD', BILLING.periodStart, 80, null],
    );
    assert.deepEqual(
      summary.accounts.map((entry) => entry.notInTotalsBecause),
      [null, null],
    );
  });

  test('with no window and periods that differ, totals add nothing and each period has its own total', async () => {
    const otherBilling: UsageRecord = { ...billing, periodStart: new Date(NOW - 3 * DAY_MS), periodEnd: new Date(NOW + 27 * DAY_MS) };
    const scope = fakeScope([
      { id: 'wp-1', provider: 'wonderproxy', session: () => ({ usage: fixed(billing) }) },
      { id: 'ping-1', provider: 'pingproxies', session: () => ({ usage: fixed(lifetime) }) },
      { id: 'wp-2', provider: 'wonderproxy', session: () => ({ usage: fixed(otherBilling) }) },
      { id: 'ping-2', provider: 'pingproxies', session: () => ({ usage: fixed(lifetime) }) },
    ]);
    const summary = await summariseUsage(scope.reads, {});
    assert.deepEqual([summary.totals.period, summary.totals.bandwidthUsedBytes], [null, null]);
    assert.deepEqual(
      summary.accounts.map((entry) => entry.notInTotalsBecause),
      ['PERIOD_DIFFERS', 'PERIOD_DIFFERS', 'PERIOD_DIFFERS', 'PERIOD_DIFFERS'],
    );
    assert.deepEqual(
      summary.totalsByPeriod.map((total) => [
        total.accounts.map((entry) => entry.id),
        total.figures.period,
        total.figures.bandwidthUsedBytes,
        total.figures.requestsTotal,
      ]),
      [
        [['wp-1'], 'BILLING_PERIOD', 40, null],
        [['ping-1', 'ping-2'], 'LIFETIME', 600, null],
        [['wp-2'], 'BILLING_PERIOD', 40, null],
      ],
    );
  });

  test('a total is null for a figure some member lacks (an unlimited plan, a provider without a request split)', async () => {
    const unlimited: UsageRecord = {
      ...billing,
      bandwidthLimitBytes: null,
      bandwidthRemainingBytes: null,
      requestsTotal: 10,
      requestsSucceeded: 8,
      requestsFailed: 2,
    };
    const unsplit: UsageRecord = { ...billing, requestsTotal: 7 };
    const scope = fakeScope([
      { id: 'a', session: () => ({ usage: fixed(unlimited) }) },
      { id: 'b', session: () => ({ usage: fixed(unsplit) }) },
    ]);
    const { totals } = await summariseUsage(scope.reads, {});
    assert.deepEqual(
      [
        totals.bandwidthUsedBytes,
        totals.bandwidthLimitBytes,
        totals.bandwidthRemainingBytes,
        totals.requestsTotal,
        totals.requestsSucceeded,
        totals.requestsFailed,
      ],
      [80, null, null, null, null, null],
    );
  });

  test('an account that fails is listed with its error and left out; the others are still added', async () => {
    const failing: UsageFacet = {
      get: async () => {
        throw new ProxyGraphError('PROVIDER_UNAVAILABLE', 'down');
      },
    };
    const scope = fakeScope([
      { id: 'wp-1', provider: 'wonderproxy', session: () => ({ usage: fixed(billing) }) },
      { id: 'wp-2', provider: 'wonderproxy', session: () => ({ usage: failing }) },
    ]);
    const summary = await summariseUsage(scope.reads, {});
    assert.deepEqual(
      summary.accounts.map((entry) => entry.notInTotalsBecause),
      [null, 'FAILED'],
    );
    assert.equal((summary.accounts[1].error as ProxyGraphError).code, 'PROVIDER_UNAVAILABLE');
    assert.equal(summary.totals.bandwidthUsedBytes, 40);
  });

  test('every account is asked the same window, ending at the same instant', async () => {
    const a = windowed(1);
    const b = windowed(2);
    const scope = fakeScope([
      { id: 'a', session: () => ({ usage: a }) },
      { id: 'b', session: () => ({ usage: b }) },
    ]);
    const summary = await summariseUsage(scope.reads, { from: new Date(Date.now() - DAY_MS) });
    assert.equal(a.ranges[0].to!.getTime(), b.ranges[0].to!.getTime());
    assert.deepEqual(
      summary.totalsByPeriod.map((total) => total.accounts.length),
      [2],
    );
  });
});
