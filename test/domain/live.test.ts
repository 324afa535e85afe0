/**
 * The rules of subscriptions (domain/live/) with fake sessions and the in-memory bus: one poll per
 * interval however many subscribers, and each subscription's fire-once rule.
 */
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveHub } from '../../src/domain/live/hub';
import { LiveFailure, type EventQueue } from '../../src/domain/live/event-queue';
import { expiringSoon, proxyStatusChanges, subUsersNearLimit, usageThresholdCrossings } from '../../src/domain/live/subscriptions';
import { WATCH_KINDS, type WatchKind } from '../../src/domain/live/watches';
import { MemoryLiveBus } from '../../src/state/live-bus';
import { ProxyGraphError } from '../../src/core/errors';
import type { IpAuthorizationRecord, ProxyRecord, SubUserRecord, UsageRecord } from '../../src/providers/contract/records';
import type { AccountSession } from '../../src/providers/contract/session';
import type { RequestScope } from '../../src/domain/request-scope';
import { fakeScope } from '../support/fake-accounts';

const INTERVAL_MS = 20;
const hubs: LiveHub[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
});

function hubFor(scope: RequestScope): LiveHub {
  const intervalMs = Object.fromEntries(WATCH_KINDS.map((kind) => [kind, INTERVAL_MS])) as Record<WatchKind, number>;
  const hub = new LiveHub({ registry: scope.registry, bus: new MemoryLiveBus(), intervalMs, pollTimeoutMs: 1_000 });
  hubs.push(hub);
  return hub;
}

const tick = (ms = INTERVAL_MS * 3) => new Promise((resolve) => setTimeout(resolve, ms));

async function take<T>(queue: EventQueue<T>, count: number, timeoutMs = 2_000): Promise<Array<T | LiveFailure>> {
  const taken: Array<T | LiveFailure> = [];
  const deadline = Date.now() + timeoutMs;
  while (taken.length < count) {
    const next = await Promise.race([queue.next(), tick(deadline - Date.now()).then(() => null)]);
    if (!next) throw new Error(`got ${taken.length} of ${count} events`);
    if (next.done) break;
    taken.push(next.value);
  }
  return taken;
}

function proxy(nativeId: string, status: ProxyRecord['status']): ProxyRecord {
  return { nativeId, host: `${nativeId}.example`, status, ports: { http: 80, socks5: null } } as unknown as ProxyRecord;
}

describe('one poller per (account, resource)', () => {
  test('two subscribers of one account are served by one list call per poll', async () => {
    const proxies = [proxy('a', 'OK'), proxy('b', 'OK')];
    let listCalls = 0;
    const session = (): AccountSession =>
      ({
        proxies: {
          async list() {
            listCalls += 1;
            return { items: proxies.map((item) => ({ ...item })), totalCount: proxies.length, hasMore: false };
          },
          async get() {
            return null;
          },
        },
      }) as unknown as AccountSession;
    const scope = fakeScope([{ id: 'one', session }]);
    const hub = hubFor(scope);
    const [first, second] = await Promise.all([proxyStatusChanges(hub, scope.reads, ['one']), proxyStatusChanges(hub, scope.reads, ['one'])]);
    assert.equal(hub.pollerCount(), 1);
    assert.equal(hub.subscriberCount(), 2);
    await tick();
    proxies[1] = proxy('b', 'DOWN');
    const [[fromFirst], [fromSecond]] = await Promise.all([take(first, 1), take(second, 1)]);
    for (const event of [fromFirst, fromSecond]) {
      assert.ok(!(event instanceof LiveFailure));
      assert.equal(event.proxy.nativeId, 'b');
      assert.equal(event.previousStatus, 'OK');
      assert.equal(event.status, 'DOWN');
    }
    const callsBefore = listCalls;
    await tick(INTERVAL_MS * 5);
    // Polls continue at the interval: about five, certainly not ten (two subscribers).
    assert.ok(listCalls - callsBefore <= 7, `${listCalls - callsBefore} calls in five intervals`);
    await first.return();
    await second.return();
    assert.equal(hub.pollerCount(), 0);
  });
});

describe('fire-once rules', () => {
  test('a usage threshold fires once and ends the subscription', async () => {
    let used = 100;
    const session = (): AccountSession =>
      ({
        usage: { get: async () => ({ bandwidthUsedBytes: used, bandwidthLimitBytes: 1_000, period: 'BILLING_PERIOD' }) as UsageRecord },
      }) as unknown as AccountSession;
    const scope = fakeScope([{ id: 'one', session }]);
    const queue = await usageThresholdCrossings(hubFor(scope), scope.reads, 'one', { thresholdFraction: 0.5 });
    await tick();
    used = 600;
    const events = await take(queue, 2);
    assert.equal(events.length, 1);
    const [event] = events;
    assert.ok(!(event instanceof LiveFailure));
    assert.equal(event.thresholdBytes, 500);
    assert.equal(event.usage.bandwidthUsedBytes, 600);
  });

  test('a fraction of an account without a limit ends with BAD_USER_INPUT', async () => {
    const session = (): AccountSession =>
      ({ usage: { get: async () => ({ bandwidthUsedBytes: 5, bandwidthLimitBytes: null }) as UsageRecord } }) as unknown as AccountSession;
    const scope = fakeScope([{ id: 'one', session }]);
    const [event] = await take(await usageThresholdCrossings(hubFor(scope), scope.reads, 'one', { thresholdFraction: 0.5 }), 1);
    assert.ok(event instanceof LiveFailure);
    assert.ok(event.error instanceof ProxyGraphError && event.error.code === 'BAD_USER_INPUT');
  });

  test('an expiring authorization is announced once per expiry time, and again once extended', async () => {
    const entry: IpAuthorizationRecord = { nativeId: 'ip1', ip: '203.0.113.5', expiresAt: new Date(Date.now() + 120_000) } as IpAuthorizationRecord;
    const session = (): AccountSession => ({ ipAuthorizations: { list: async () => [{ ...entry }] } }) as unknown as AccountSession;
    const scope = fakeScope([{ id: 'one', session }]);
    const queue = await expiringSoon(hubFor(scope), scope.reads, ['one'], 600);
    const [first] = await take(queue, 1);
    assert.ok(!(first instanceof LiveFailure));
    assert.equal(first.kind, 'IP_AUTHORIZATION');
    assert.ok(first.secondsLeft > 100 && first.secondsLeft <= 120);
    await tick(INTERVAL_MS * 4);
    entry.expiresAt = new Date(Date.now() + 300_000);
    const [second] = await take(queue, 1);
    assert.ok(!(second instanceof LiveFailure));
    assert.equal(second.expiresAt.getTime(), entry.expiresAt.getTime());
    await tick(INTERVAL_MS * 4);
    assert.equal(await Promise.race([queue.next().then(() => 'event'), tick().then(() => 'quiet')]), 'quiet');
  });

  test('a sub-user near its limit is announced once until it drops back below', async () => {
    const subUser: SubUserRecord = { nativeId: 'u1', username: 'u1', active: true, bandwidthLimitBytes: 1_000, bandwidthUsedBytes: 950 } as SubUserRecord;
    const session = (): AccountSession =>
      ({
        subUsers: { list: async () => ({ items: [{ ...subUser }], totalCount: 1, hasMore: false }) },
      }) as unknown as AccountSession;
    const scope = fakeScope([{ id: 'one', session }]);
    const queue = await subUsersNearLimit(hubFor(scope), scope.reads, ['one'], 0.9);
    const [first] = await take(queue, 1);
    assert.ok(!(first instanceof LiveFailure));
    assert.equal(first.usedFraction, 0.95);
    await tick(INTERVAL_MS * 4);
    subUser.bandwidthUsedBytes = 0;
    await tick(INTERVAL_MS * 4);
    subUser.bandwidthUsedBytes = 990;
    const [second] = await take(queue, 1);
    assert.ok(!(second instanceof LiveFailure));
    assert.equal(second.usedBytes, 990);
  });
});

describe('what a subscriber gives is checked before any poll', () => {
  test('an account without the facet is UNSUPPORTED_BY_PROVIDER, a hidden one NOT_FOUND, and nothing starts', async () => {
    const scope = fakeScope(
      [
        { id: 'one', session: () => ({}) as AccountSession },
        { id: 'two', session: () => ({}) as AccountSession },
      ],
      { accounts: ['one'] },
    );
    const hub = hubFor(scope);
    await assert.rejects(proxyStatusChanges(hub, scope.reads, ['one']), (error: ProxyGraphError) => error.code === 'UNSUPPORTED_BY_PROVIDER');
    await assert.rejects(proxyStatusChanges(hub, scope.reads, ['two']), (error: ProxyGraphError) => error.code === 'NOT_FOUND');
    assert.equal(hub.pollerCount(), 0);
  });
});
