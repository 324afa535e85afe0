/**
 * ProxyMesh reads the read cache may keep, and what each write changes (src/upstream/read-cache.ts). TTLs
 * are the README's documented defaults. Sub-account IP and hostname lists are read with `?username=`, so
 * they are kept apart by their query and share the groups of the parent's lists.
 */
import type { ProviderCacheRules } from '../../upstream/read-cache';

export const PROXYMESH_CACHE_RULES: ProviderCacheRules = {
  reads: {
    'GET /api/proxies/': { group: 'servers', ttlSeconds: 300 },
    'GET /api/sub/get/': { group: 'subAccounts', ttlSeconds: 30 },
    'GET /api/ips/': { group: 'ipAuthorizations', ttlSeconds: 30 },
    'GET /api/hostnames/': { group: 'hostnames', ttlSeconds: 30 },
  },
  writes: {
    'POST /api/sub/create/': ['subAccounts'],
    'POST /api/sub/edit/': ['subAccounts'],
    'POST /api/sub/activate/': ['subAccounts'],
    'POST /api/sub/deactivate/': ['subAccounts'],
    // A deleted sub-account takes its IPs and hostnames with it.
    'POST /api/sub/delete/': ['subAccounts', 'ipAuthorizations', 'hostnames'],
    'POST /api/ip/add/': ['ipAuthorizations'],
    'POST /api/ip/delete/': ['ipAuthorizations'],
    'POST /api/hostname/add/': ['hostnames'],
    'POST /api/hostname/delete/': ['hostnames'],
    'POST /api/proxy/add/': ['servers'],
    'POST /api/proxy/delete/': ['servers'],
  },
};
