/**
 * Rate budgets per provider (DESIGN §5), set under each provider's documented limit so jitter between our
 * clock and theirs never earns a 429. Ping's (10/s) lives in request-pacer.ts.
 *
 * Webshare [C]: 240 requests/minute across the API, 60/minute on the proxy-list endpoints
 * (`/api/v2/proxy/list/...`, refresh included), 30/minute on proxy-list downloads; per API key.
 */
import { createHash } from 'node:crypto';
import type { UpstreamRequest } from './http';
import type { BudgetClass } from './rate-budget';

const MINUTE_MS = 60_000;
/** Budgets keep 5 % under the provider's limit. */
const MARGIN = 0.95;

export const WEBSHARE_LIMITS = { generalPerMinute: 240, proxyListPerMinute: 60, downloadsPerMinute: 30 } as const;

export interface AccountLimits {
  requestsPerMinute?: number;
  proxyListRequestsPerMinute?: number;
}

/** Applies the margin to a provider limit (at least one call per window). */
export function underLimit(perMinute: number): number {
  return Math.max(1, Math.floor(perMinute * MARGIN));
}

const onPath = (prefix: string) => (request: UpstreamRequest) => request.path.startsWith(prefix);

/**
 * Webshare's classes: 228 general and 57 proxy-list per minute by default. Configured limits are the
 * provider's limits for this account (Webshare raises them on request); the same margin applies.
 */
export function webshareBudgetClasses(limits: AccountLimits = {}): BudgetClass[] {
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
