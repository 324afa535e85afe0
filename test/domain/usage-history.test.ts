/**
 * The usage history rules with fake accounts: the window a read covers, what a snapshot round reads and
 * keeps, and what a replica that lost the slot does (nothing).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ProxyGraphError } from '../../src/core/errors';
import { historyWindow, snapshotAccount, type UsageHistoryStore, type UsageHourRecord, type UsageSnapshotRecord } from '../../src/domain/usage-history';
import type { AccessView } from '../../src/domain/request-scope';
import type { RegisteredAccount } from '../../src/domain/registry';
import type { Capability } from '../../src/core/providers';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-30T10:20:00Z');

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof ProxyGraphError ? error.code : 'not a ProxyGraphError';
  }
  return undefined;
}

describe('the window a history read covers', () => {
  test('by default the whole retention up to now', () => {
    assert.deepEqual(historyWindow({}, 30, NOW), { fromMs: NOW - 30 * DAY, toMs: NOW });
  });

  test('from after to, or wider than the retention, is BAD_USER_INPUT; a client clock a little behind is not', () => {
    assert.equal(
      codeOf(() => historyWindow({ from: new Date(NOW), to: new Date(NOW - 1) }, 30, NOW)),
      'BAD_USER_INPUT',
    );
    assert.equal(
      codeOf(() => historyWindow({ from: new Date(NOW - 31 * DAY) }, 30, NOW)),
      'BAD_USER_INPUT',
    );
    assert.equal(
      codeOf(() => historyWindow({ from: new Date(NOW - 30 * DAY - 5_000) }, 30, NOW)),
      undefined,
    );
  });
});

class MemoryStore implements UsageHistoryStore {
  snapshotsKept: UsageSnapshotRecord[] = [];
  hoursKept: UsageHourRecord[] = [];
  constructor(
    private readonly wins: boolean,
    private readonly lastHour: number | null = null,
  ) {}
  async addSnapshot(snapshot: UsageSnapshotRecord) {
    this.snapshotsKept.push(snapshot);
  }
  async putHours(_accountId: string, hours: readonly UsageHourRecord[]) {
    this.hoursKept.push(...hours);
  }
  async snapshots() {
    return this.snapshotsKept;
  }
  async hours() {
    return this.hoursKept;
  }
  async lastHourMs() {
    return this.lastHour;
  }
  async claim() {
    return this.wins;
  }
  async close() {}
}

function fakeView(calls: string[], seriesFrom: Date[]) {
  const facets = {
    usage: {
      get: async () => (
        calls.push('usage'),
        {
          period: 'BILLING_PERIOD' as const,
          periodStart: new Date(NOW - 10 * DAY),
          periodEnd: new Date(NOW + 20 * DAY),
          bandwidthUsedBytes: 5,
          requestsSucceeded: 3,
          requestsFailed: 1,
          requestsTotal: 99,
        }
      ),
    },
    usageHistory: {
      series: async (range: { from: Date; to: Date }) => {
        calls.push('series');
        seriesFrom.push(range.from);
        return [
          { hourStart: new Date(NOW - HOUR - 20 * 60_000), bandwidthBytes: 10, requestsTotal: 2, requestsSucceeded: 2, requestsFailed: 0, projected: false },
          { hourStart: new Date(NOW + 40 * 60_000), bandwidthBytes: 10, requestsTotal: null, requestsSucceeded: null, requestsFailed: null, projected: true },
        ];
      },
    },
  };
  return { facet: (_id: string, name: keyof typeof facets) => facets[name] } as unknown as AccessView<'read'>;
}

const account = (capabilities: Capability[]) => ({ id: 'a', provider: 'webshare', capabilities: new Set(capabilities) }) as unknown as RegisteredAccount;

describe('a snapshot round for one account', () => {
  test('keeps the usage with request counts that add up, and the hours since the last one held, without forecasts', async () => {
    const calls: string[] = [];
    const seriesFrom: Date[] = [];
    const lastHour = NOW - 3 * HOUR - 20 * 60_000;
    const store = new MemoryStore(true, lastHour);
    assert.equal(
      await snapshotAccount(fakeView(calls, seriesFrom), account(['USAGE', 'USAGE_HISTORY']), { store, intervalMs: 900_000, retentionDays: 90, nowMs: NOW }),
      true,
    );
    assert.deepEqual(calls, ['usage', 'series']);
    assert.equal(store.snapshotsKept[0].takenAt, new Date(NOW).toISOString());
    assert.equal(store.snapshotsKept[0].requestsTotal, 4);
    assert.equal(seriesFrom[0].getTime(), lastHour);
    assert.deepEqual(
      store.hoursKept.map((hour) => hour.bandwidthBytes),
      [10],
    );
  });

  test('reads nothing when another replica holds the slot', async () => {
    const calls: string[] = [];
    const store = new MemoryStore(false);
    assert.equal(
      await snapshotAccount(fakeView(calls, []), account(['USAGE', 'USAGE_HISTORY']), { store, intervalMs: 900_000, retentionDays: 90, nowMs: NOW }),
      false,
    );
    assert.deepEqual(calls, []);
  });

  test("a first read of the series reaches back no further than the retention (and the provider's 90 days)", async () => {
    const seriesFrom: Date[] = [];
    await snapshotAccount(fakeView([], seriesFrom), account(['USAGE', 'USAGE_HISTORY']), {
      store: new MemoryStore(true),
      intervalMs: 900_000,
      retentionDays: 7,
      nowMs: NOW,
    });
    await snapshotAccount(fakeView([], seriesFrom), account(['USAGE', 'USAGE_HISTORY']), {
      store: new MemoryStore(true),
      intervalMs: 900_000,
      retentionDays: 365,
      nowMs: NOW,
    });
    assert.ok(seriesFrom[0].getTime() >= NOW - 7 * DAY && seriesFrom[0].getTime() < NOW - 7 * DAY + HOUR);
    assert.ok(seriesFrom[1].getTime() > NOW - 90 * DAY);
  });

  test('an account without an hourly series gets only its snapshot', async () => {
    const calls: string[] = [];
    await snapshotAccount(fakeView(calls, []), account(['USAGE']), { store: new MemoryStore(true), intervalMs: 900_000, retentionDays: 90, nowMs: NOW });
    assert.deepEqual(calls, ['usage']);
  });
});
