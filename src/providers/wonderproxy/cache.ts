/**
 * WonderProxy reads the read cache may keep, and what each write changes (src/upstream/read-cache.ts).
 * TTLs are the README's documented defaults. DNS overrides move from pending to active on WonderProxy's own
 * clock, so they are kept briefly.
 */
import type { ProviderCacheRules } from '../../upstream/read-cache';

export const WONDERPROXY_CACHE_RULES: ProviderCacheRules = {
  reads: {
    'GET /v0/contract': { group: 'contract', ttlSeconds: 60 },
    'GET /v0/servers': { group: 'servers', ttlSeconds: 300 },
    'GET /v0/contract/servers': { group: 'servers', ttlSeconds: 300 },
    'GET /v0/contract/servers/:server': { group: 'servers', ttlSeconds: 300 },
    'GET /v0/contract/ip-authlist': { group: 'ipAuthorizations', ttlSeconds: 30 },
    'GET /v0/contract/ip-authlist/:id': { group: 'ipAuthorizations', ttlSeconds: 30 },
    'GET /v0/contract/overrides': { group: 'dnsOverrides', ttlSeconds: 15 },
    'GET /v0/contract/overrides/:id': { group: 'dnsOverrides', ttlSeconds: 15 },
  },
  writes: {
    'POST /v0/contract/ip-authlist': ['ipAuthorizations'],
    'PATCH /v0/contract/ip-authlist/:id': ['ipAuthorizations'],
    'DELETE /v0/contract/ip-authlist/:id': ['ipAuthorizations'],
    'DELETE /v0/contract/ip-authlist': ['ipAuthorizations'],
    'POST /v0/contract/overrides': ['dnsOverrides'],
    'PATCH /v0/contract/overrides/:id': ['dnsOverrides'],
    'DELETE /v0/contract/overrides/:id': ['dnsOverrides'],
    'DELETE /v0/contract/overrides': ['dnsOverrides'],
  },
};
