/**
 * Ping Proxies reads the read cache may keep, and what each write changes (src/upstream/read-cache.ts).
 * TTLs are the README's documented defaults. A proxy user holds its IP list, so IP authorizations live in the
 * `proxyUsers` group, and so do a proxy user's access rules (they decide what its lists hold). `list_by_id`
 * and `list/options` are reads sent as POSTs: they change nothing. Never kept: generated lists (residential
 * sessions are minted per call) and lists by search (credentials, and they follow the access rules at once).
 */
import type { ProviderCacheRules } from '../../upstream/read-cache';

export const PINGPROXIES_CACHE_RULES: ProviderCacheRules = {
  reads: {
    'GET /public/user/customer/retrieve': { group: 'profile', ttlSeconds: 300 },
    'GET /public/user/residential/summary': { group: 'usage', ttlSeconds: 60 },
    'GET /public/user/service/search': { group: 'services', ttlSeconds: 300 },
    'GET /public/user/service/retrieve/:service_id': { group: 'services', ttlSeconds: 300 },
    'GET /public/user/proxy/search': { group: 'proxies', ttlSeconds: 60 },
    'GET /public/user/proxy/retrieve/:proxy_id': { group: 'proxies', ttlSeconds: 60 },
    'GET /public/user/proxy_user/search': { group: 'proxyUsers', ttlSeconds: 30 },
    'GET /public/user/proxy_user/retrieve/:proxy_user_id': { group: 'proxyUsers', ttlSeconds: 30 },
    'GET /public/user/proxy_user_acl/search': { group: 'proxyUsers', ttlSeconds: 30 },
    'GET /public/user/proxy_user_acl/retrieve/:proxy_user_acl_id': { group: 'proxyUsers', ttlSeconds: 30 },
    'GET /public/user/service_adjustment/search': { group: 'services', ttlSeconds: 300 },
    'GET /public/user/service_adjustment/retrieve/:service_adjustment_id': { group: 'services', ttlSeconds: 300 },
  },
  writes: {
    'POST /public/user/proxy/list_by_id': [],
    'POST /public/user/proxy/list/options': [],
    'POST /public/user/proxy_user_acl/create': ['proxyUsers'],
    'DELETE /public/user/proxy_user_acl/delete/:proxy_user_acl_id': ['proxyUsers'],
    'POST /public/user/proxy_user/create': ['proxyUsers'],
    'PATCH /public/user/proxy_user/edit/:proxy_user_id': ['proxyUsers'],
    'DELETE /public/user/proxy_user/delete/:proxy_user_id': ['proxyUsers'],
    'PATCH /public/user/service/edit/:service_id': ['services', 'proxies'],
    'DELETE /public/user/service/cancel/:service_id': ['services', 'proxies', 'usage'],
  },
};
