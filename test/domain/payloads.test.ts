/** Payloads that tell the truth (domain/removal.ts, clearing.ts) and the one empty-page rule (paging.ts). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ProxyGraphError } from '../../src/core/errors';
import { removeOne } from '../../src/domain/removal';
import { clearAll } from '../../src/domain/clearing';
import { readPage } from '../../src/domain/paging';

describe('payloads tell the truth', () => {
  test('removing something is deleted with count 1; removing what the provider says is not there is deleted false, count 0', async () => {
    assert.deepEqual(await removeOne(async () => undefined), { deleted: true, count: 1 });
    assert.deepEqual(await removeOne(async () => Promise.reject(new ProxyGraphError('NOT_FOUND', 'gone'))), { deleted: false, count: 0 });
  });

  test('any other failure of a removal stays an error', async () => {
    await assert.rejects(
      removeOne(async () => Promise.reject(new ProxyGraphError('PROVIDER_UNAVAILABLE', 'down'))),
      (error: ProxyGraphError) => error.code === 'PROVIDER_UNAVAILABLE',
    );
  });

  test("clearing counts what it removed, with the provider's bulk delete where it has one, and an empty list is no write", async () => {
    let bulk = 0;
    const removed: string[] = [];
    const entries = [{ nativeId: 'a' }, { nativeId: 'b' }];
    assert.deepEqual(await clearAll({ list: async () => entries, remove: async (id) => void removed.push(id) }), { deleted: true, count: 2 });
    assert.deepEqual(removed, ['a', 'b']);
    assert.deepEqual(await clearAll({ list: async () => entries, remove: async () => undefined, clear: async () => (bulk++, null) }), {
      deleted: true,
      count: 2,
    });
    assert.equal(bulk, 1);
    assert.deepEqual(await clearAll({ list: async () => [], remove: async () => assert.fail('no write'), clear: async () => assert.fail('no write') }), {
      deleted: false,
      count: 0,
    });
  });

  test('a window of zero items reads nothing and claims no next page', async () => {
    let reads = 0;
    const page = await readPage({ offset: 40, limit: 0 }, async () => (reads++, { items: [1], totalCount: 100, hasMore: true }));
    assert.deepEqual(page, { items: [], totalCount: null, hasMore: false });
    assert.equal(reads, 0);
  });
});
