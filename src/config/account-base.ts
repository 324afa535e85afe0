/**
 * What every configured account has in common (docs/architecture.md §2): its id, label, base URL and
 * upstream limits. Each provider's own account schema (src/providers/<name>/config.ts) adds its provider
 * literal, credentials and provider-specific keys on top.
 */
import { z } from 'zod';

export const accountId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'must be 1-64 letters, digits, "_", "." or "-", starting with a letter or digit');

export const httpUrl = z
  .string()
  .url()
  .refine((value) => /^https?:\/\//.test(value), 'must be an http(s) URL');

/** Per-account overrides of upstream behaviour; defaults are documented in the README. */
export const limits = z
  .object({
    /** The provider's general rate limit for this account; the budget keeps 5-10 % under it. */
    requestsPerMinute: z.number().int().positive().optional(),
    /** Webshare: the proxy-list endpoints' own limit (60/min unless Webshare raised it). */
    proxyListRequestsPerMinute: z.number().int().positive().optional(),
    /** Longest a call waits for a rate-budget slot before failing with RATE_LIMITED (default 10 s). */
    maxRateLimitWaitMs: z.number().int().min(0).max(25_000).optional(),
    /** Whole-call deadline (budget waits and retries included); default 15 s. */
    timeoutMs: z.number().int().min(100).max(25_000).optional(),
  })
  .strict();

/** The read cache for this account (src/upstream/read-cache.ts); TTL defaults per group are in the README. */
export const accountCache = z
  .object({
    enabled: z.boolean().optional(),
    /** Seconds per group (e.g. `{ "proxies": 10 }`); 0 keeps nothing of that group. */
    ttlSecondsByGroup: z.record(z.string().regex(/^[A-Za-z]{1,40}$/, 'must be a group name'), z.number().int().min(0).max(86_400)).optional(),
  })
  .strict();

/** The fields every account has, whatever its provider; each provider's config.ts adds its own. */
export const accountBase = {
  id: accountId,
  label: z.string().max(200).optional(),
  baseUrl: httpUrl.optional(),
  limits: limits.optional(),
  cache: accountCache.optional(),
};
