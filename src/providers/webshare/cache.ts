/**
 * Webshare reads the read cache may keep, and what each write changes (src/upstream/read-cache.ts). TTLs
 * are the defaults documented in the README; `accounts[].cache.ttlSecondsByGroup` changes them per group.
 * The proxy list has its own 60-a-minute limit (limits.ts), so it is the read most worth keeping. Never kept:
 * replacement state (it moves on its own, and clients poll it to see it move), proxy activity (a live log)
 * and download tokens (a secret, and a reset must show at once).
 */
import type { ProviderCacheRules } from '../../upstream/read-cache';

export const WEBSHARE_CACHE_RULES: ProviderCacheRules = {
  reads: {
    'GET /api/v2/profile/': { group: 'profile', ttlSeconds: 300 },
    'GET /api/v2/subscription/': { group: 'plan', ttlSeconds: 300 },
    'GET /api/v2/subscription/plan/:id/': { group: 'plan', ttlSeconds: 300 },
    'GET /api/v2/proxy/config/': { group: 'proxyConfig', ttlSeconds: 60 },
    'GET /api/v3/proxy/config': { group: 'proxyConfig', ttlSeconds: 60 },
    'GET /api/v3/proxy/list/status': { group: 'proxyConfig', ttlSeconds: 60 },
    'GET /api/v3/proxy/list/stats': { group: 'proxyConfig', ttlSeconds: 300 },
    'GET /api/v2/proxy/list/': { group: 'proxies', ttlSeconds: 60 },
    'GET /api/v2/proxy/ipauthorization/': { group: 'ipAuthorizations', ttlSeconds: 30 },
    'GET /api/v2/proxy/ipauthorization/:id/': { group: 'ipAuthorizations', ttlSeconds: 30 },
    'GET /api/v2/subuser/': { group: 'subUsers', ttlSeconds: 30 },
    'GET /api/v2/subuser/:id/': { group: 'subUsers', ttlSeconds: 30 },
    'GET /api/v2/stats/aggregate/': { group: 'usage', ttlSeconds: 60 },
    'GET /api/v2/stats/': { group: 'usage', ttlSeconds: 60 },
    'GET /api/v2/proxy/list/replaced/': { group: 'proxies', ttlSeconds: 60 },
  },
  writes: {
    // New proxy credentials show in every proxy of the list.
    'PATCH /api/v2/proxy/config/': ['proxyConfig', 'proxies'],
    'POST /api/v2/proxy/list/refresh/': ['proxies', 'proxyConfig', 'plan'],
    'POST /api/v2/proxy/config/allocate_unallocated_countries/': ['proxyConfig', 'proxies', 'plan'],
    'POST /api/v2/proxy/ipauthorization/': ['ipAuthorizations'],
    'DELETE /api/v2/proxy/ipauthorization/:id/': ['ipAuthorizations'],
    'POST /api/v2/subuser/': ['subUsers'],
    'PATCH /api/v2/subuser/:id/': ['subUsers'],
    'DELETE /api/v2/subuser/:id/': ['subUsers'],
    'POST /api/v2/subuser/:id/refresh/': ['subUsers'],
    'POST /api/v3/proxy/replace/': ['proxies', 'plan'],
    // The proxy-list token is also a field of the proxy config.
    'POST /api/v2/download_token/:scope/reset/': ['proxyConfig'],
  },
};
