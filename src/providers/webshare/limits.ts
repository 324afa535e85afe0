/**
 * Webshare's rate limits [C] (docs/providers/reference.md §1.3): 240 requests/minute across the API, 60/minute
 * on the proxy-list endpoints (`/api/v2/proxy/list/...`, refresh included), 30/minute on proxy-list
 * downloads; per API key. Budgets keep 5 % under them, so jitter between our clock and theirs never earns a
 * 429.
 */
import { createHash } from 'node:crypto';
import type { UpstreamRequest } from '../../upstream/http';
import { underLimit, type BudgetClass } from '../../upstream/rate-budget';

const MINUTE_MS = 60_000;

export const WEBSHARE_LIMITS = { generalPerMinute: 240, proxyListPerMinute: 60, downloadsPerMinute: 30 } as const;

export interface WebshareAccountLimits {
  requestsPerMinute?: number;
  proxyListRequestsPerMinute?: number;
}

const onPath = (prefix: string) => (request: UpstreamRequest) => request.path.startsWith(prefix);

/**
 * Webshare's classes: 228 general and 57 proxy-list per minute by default. Configured limits are the
 * provider's limits for this account (Webshare raises them on request); the same margin applies.
 */
export function webshareBudgetClasses(limits: WebshareAccountLimits = {}): BudgetClass[] {
  return [
    { name: 'general', limit: underLimit(limits.requestsPerMinute ?? WEBSHARE_LIMITS.generalPerMinute), windowMs: MINUTE_MS },
    {
      name: 'proxy-list',
      limit: underLimit(limits.proxyListRequestsPerMinute ?? WEBSHARE_LIMITS.proxyListPerMinute),
      windowMs: MINUTE_MS,
      appliesTo: onPath('/api/v2/proxy/list/'),
    },
    { name: 'download', limit: underLimit(WEBSHARE_LIMITS.downloadsPerMinute), windowMs: MINUTE_MS, appliesTo: onPath('/api/v2/proxy/list/download/') },
  ];
}

/**
 * Webshare limits each API key, and several account entries may use one key (one per plan): they share a
 * budget keyed by a fingerprint of the key (a truncated SHA-256 of a random 40-character token: not
 * reversible, and never the token itself in Redis keys or logs).
 */
export function webshareLimitKey(token: string): string {
  return `key-${createHash('sha256').update(`proxygraph:webshare:${token}`).digest('hex').slice(0, 24)}`;
}

/** Page size for every Webshare list: large pages mean fewer calls against the 60/minute proxy-list budget. */
export const WEBSHARE_PAGE_SIZE = 100;
