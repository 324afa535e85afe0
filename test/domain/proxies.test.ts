/**
 * The proxy walk across accounts (domain/proxies.ts) with fake sessions: order, cursors, counting, and the
 * rule that paging never skips — a failed account ends the page and is retried by the next one.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ProxyGraphError } from '../../src/core/errors';
import type { ListWindow } from '../../src/providers/contract/params';
import type { ProxyRecord } from '../../src/providers/contract/records';
import type { ProxiesFacet } from '../../src/providers/contract/session';
import { walkProxies, type ProxyWalk } from '../../src/domain/proxies';
import { fakeScope } from '../support/fake-accounts';

/** A provider list of `count` proxies named `<prefix>-<n>`, failing while `failing()` says so. */
function fakeProxies(prefix: string, count: number, failing: () => boolean = () => false): ProxiesFacet & { calls: ListWindow[] } {
  const all: ProxyRecord[] = Array.from({ length: count }, (_, index) => ({ nativeId: `${prefix}-${index}`, host: `${prefix}.example`, status: 'OK' }));
  const calls: ListWindow[] = [];
  return {
    calls,
    async list(window) {
      calls.push(window);
      if (failing()) throw new ProxyGraphError('PROVIDER_UNAVAILABLE', `${prefix} is down`);
      const items = all.slice(window.offset, window.offset + window.limit);
      return { items, totalCount: count, hasMore: window.offset + items.length < count };
    },
    async get(nativeId) {
      return all.find((proxy) => proxy.nativeId === nativeId) ?? null;
    },
  };
}

async function walkAll(scope: ReturnType<typeof fakeScope>, first: number, maxPages = 100): Promise<{ ids: string[]; pages: ProxyWalk[] }> {
  const ids: string[] = [];
  const pages: ProxyWalk[] = [];
  let after: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const walk = await walkProxies(scope.reads, { first, after, query: {}, withTotal: false });
    pages.push(walk);
    ids.push(...walk.items.map((item) => item.record.nativeId));
    if (!walk.hasNextPage) break;
    after = walk.endCursor;
  }
  return { ids, pages };
}

describe('the proxy walk across accounts', () => {
  test("visits accounts in configuration order and each account in its provider's order, without duplicates or gaps", async () => {
    const a = fakeProxies('a', 3);
    const b = fakeProxies('b', 0);
    const c = fakeProxies('c', 4);
    const scope = fakeScope([
      { id: 'a', session: () => ({ proxies: a }) },
      { id: 'b', session: () => ({ proxies: b }) },
      { id: 'c', session: () => ({ proxies: c }) },
    ]);
    for (const first of [1, 2, 3, 5, 7, 100]) {
      const { ids } = await walkAll(scope, first);
      assert.deepEqual(ids, ['a-0', 'a-1', 'a-2', 'c-0', 'c-1', 'c-2', 'c-3'], `first: ${first}`);
    }
  });

  test('an account that fails ends the page before it; the next page retries it, and a walk across the outage returns every proxy exactly once', async () => {
    let bDown = true;
    const scope = fakeScope([
      { id: 'a', session: () => ({ proxies: fakeProxies('a', 3) }) },
      { id: 'b', session: () => ({ proxies: fakeProxies('b', 4, () => bDown) }) },
      { id: 'c', session: () => ({ proxies: fakeProxies('c', 2) }) },
    ]);
    const first = await walkProxies(scope.reads, { first: 7, query: {}, withTotal: false });
    assert.deepEqual(
      first.items.map((item) => item.record.nativeId),
      ['a-0', 'a-1', 'a-2'],
    );
    assert.equal(first.hasNextPage, true);
    assert.deepEqual(
      first.failures.map((failure) => failure.account.id),
      ['b'],
    );
    // Still down: the same page again, nothing skipped.
    const retry = await walkProxies(scope.reads, { first: 7, after: first.endCursor, query: {}, withTotal: false });
    assert.deepEqual(retry.items, []);
    assert.equal(retry.hasNextPage, true);
    assert.equal(retry.endCursor, first.endCursor);
    bDown = false;
    const rest = await walkProxies(scope.reads, { first: 7, after: retry.endCursor, query: {}, withTotal: false });
    assert.deepEqual(
      rest.items.map((item) => item.record.nativeId),
      ['b-0', 'b-1', 'b-2', 'b-3', 'c-0', 'c-1'],
    );
    assert.equal(rest.hasNextPage, false);
  });

  test('a page that starts at a failed account is empty with hasNextPage true, and the cursor it gives repeats it', async () => {
    const scope = fakeScope([{ id: 'a', session: () => ({ proxies: fakeProxies('a', 3, () => true) }) }]);
    const page = await walkProxies(scope.reads, { first: 2, query: {}, withTotal: false });
    assert.deepEqual(page.items, []);
    assert.equal(page.hasNextPage, true);
    assert.equal(page.endCursor, null);
  });

  test('an account named in the filter that cannot list proxies is reported and passed, not retried for ever', async () => {
    const scope = fakeScope([
      { id: 'a', session: () => ({ proxies: fakeProxies('a', 2) }) },
      { id: 'x', session: () => ({}) },
      { id: 'c', session: () => ({ proxies: fakeProxies('c', 1) }) },
    ]);
    const page = await walkProxies(scope.reads, { first: 10, query: { accountIds: ['a', 'x', 'c'] }, withTotal: false });
    assert.deepEqual(
      page.items.map((item) => item.record.nativeId),
      ['a-0', 'a-1', 'c-0'],
    );
    assert.equal(page.hasNextPage, false);
    assert.deepEqual(
      page.failures.map((failure) => [failure.account.id, (failure.error as ProxyGraphError).code]),
      [['x', 'UNSUPPORTED_BY_PROVIDER']],
    );
  });

  test('without a filter, accounts that cannot list proxies are not part of the walk', async () => {
    const scope = fakeScope([
      { id: 'x', session: () => ({}) },
      { id: 'a', session: () => ({ proxies: fakeProxies('a', 2) }) },
    ]);
    const page = await walkProxies(scope.reads, { first: 10, query: {}, withTotal: false });
    assert.deepEqual(
      page.items.map((item) => item.record.nativeId),
      ['a-0', 'a-1'],
    );
    assert.deepEqual(page.failures, []);
  });

  test('an unknown or hidden account in the filter is NOT_FOUND before any provider is asked', async () => {
    const a = fakeProxies('a', 2);
    const scope = fakeScope(
      [
        { id: 'a', session: () => ({ proxies: a }) },
        { id: 'hidden', session: () => ({ proxies: fakeProxies('h', 1) }) },
      ],
      { accounts: ['a'] },
    );
    for (const accountIds of [['a', 'nope'], ['hidden']]) {
      await assert.rejects(
        walkProxies(scope.reads, { first: 5, query: { accountIds }, withTotal: false }),
        (error: ProxyGraphError) => error.code === 'NOT_FOUND',
      );
    }
    assert.equal(a.calls.length, 0);
  });

  test("totalCount adds every account's count, asking unreached accounts for one item each; null when one fails", async () => {
    const c = fakeProxies('c', 4);
    let cDown = false;
    const scope = fakeScope([
      { id: 'a', session: () => ({ proxies: fakeProxies('a', 3) }) },
      {
        id: 'c',
        session: () => ({
          proxies: {
            ...c,
            list: (window: ListWindow, filter: object) =>
              cDown ? Promise.reject(new ProxyGraphError('PROVIDER_UNAVAILABLE', 'down')) : c.list(window, filter),
          },
        }),
      },
    ]);
    const page = await walkProxies(scope.reads, { first: 2, query: {}, withTotal: true });
    assert.equal(page.totalCount, 7);
    assert.deepEqual(c.calls, [{ offset: 0, limit: 1 }]);
    cDown = true;
    const failing = await walkProxies(scope.reads, { first: 2, query: {}, withTotal: true });
    assert.equal(failing.totalCount, null);
    assert.deepEqual(
      failing.failures.map((failure) => failure.account.id),
      ['c'],
    );
  });

  test('first: 0 reads nothing and claims no next page', async () => {
    const a = fakeProxies('a', 3);
    const scope = fakeScope([{ id: 'a', session: () => ({ proxies: a }) }]);
    const page = await walkProxies(scope.reads, { first: 0, query: {}, withTotal: false });
    assert.deepEqual(page, { items: [], hasNextPage: false, hasPreviousPage: false, endCursor: null, totalCount: null, failures: [] });
    assert.equal(a.calls.length, 0);
  });

  test('a caller without the read scope reads nothing', async () => {
    const a = fakeProxies('a', 3);
    const scope = fakeScope([{ id: 'a', session: () => ({ proxies: a }) }], { scopes: ['write'] });
    await assert.rejects(walkProxies(scope.reads, { first: 5, query: {}, withTotal: false }), (error: ProxyGraphError) => error.code === 'FORBIDDEN');
    assert.equal(a.calls.length, 0);
  });
});
