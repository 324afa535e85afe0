/** What the read cache may keep of each provider's reads (src/upstream/read-cache.ts). A provider = one line here. */
import type { ProviderName } from '../core/providers';
import type { ProviderCacheRules } from '../upstream/read-cache';
import { WEBSHARE_CACHE_RULES } from './webshare/cache';
import { PINGPROXIES_CACHE_RULES } from './pingproxies/cache';
import { PROXYMESH_CACHE_RULES } from './proxymesh/cache';
import { WONDERPROXY_CACHE_RULES } from './wonderproxy/cache';

export const PROVIDER_CACHE_RULES: Partial<Record<ProviderName, ProviderCacheRules>> = {
  webshare: WEBSHARE_CACHE_RULES,
  pingproxies: PINGPROXIES_CACHE_RULES,
  proxymesh: PROXYMESH_CACHE_RULES,
  wonderproxy: WONDERPROXY_CACHE_RULES,
};

/** The cache groups of a provider: the names `accounts[].cache.ttlSecondsByGroup` accepts for it. */
export function cacheGroupsOf(provider: ProviderName): string[] {
  return [...new Set(Object.values(PROVIDER_CACHE_RULES[provider]?.reads ?? {}).map((read) => read.group))].sort();
}
