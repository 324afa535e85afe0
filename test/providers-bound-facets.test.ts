/**
 * Facet classes opened as a session (providers/shared/bound-facets.ts): a caller may take a facet's method as
 * a value and call it later, as resolvers do, and it still acts on its own facet.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { boundFacets } from '../src/providers/shared/bound-facets';
import type { ProfileFacet, ProxiesFacet } from '../src/providers/contract/session';
import type { ProxyListPage } from '../src/providers/contract/records';

class BaseProxies {
  protected readonly calls: string[] = [];
  async get(nativeId: string) {
    this.calls.push(`get ${nativeId}`);
    return null;
  }
}

class CountingProxies extends BaseProxies implements ProxiesFacet {
  async list(): Promise<ProxyListPage> {
    return { items: [], totalCount: this.calls.length, hasMore: false };
  }
}

class Profile implements ProfileFacet {
  constructor(private readonly name: string) {}
  async get() {
    return { name: this.name, email: null, createdAt: null };
  }
}

describe('bound facets', () => {
  test('a facet method taken as a value, its own or inherited, still acts on its facet', async () => {
    const session = boundFacets({ proxies: new CountingProxies(), profile: new Profile('parent') });
    const { get, list } = session.proxies!;
    const profile = session.profile!.get;
    await get('a');
    await get('b');
    assert.equal((await list({ offset: 0, limit: 10 }, {})).totalCount, 2);
    assert.equal((await profile())?.name, 'parent');
  });

  test('an optional method the facet class does not define stays absent, so callers can test for it', () => {
    const session = boundFacets({ proxies: new CountingProxies() });
    assert.equal(session.proxies!.urls, undefined);
    assert.equal(session.proxies!.defaultType, undefined);
  });
});
