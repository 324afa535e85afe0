/**
 * HTTP cache hints (Apollo's cache-control plugin) for the few answers that change slowly and are the same
 * for every caller allowed to read them: provider server catalogues and country pools. Always PRIVATE, since
 * which accounts a caller sees depends on the API key; everything else stays uncacheable (maxAge 0).
 */
import type { GraphQLResolveInfo } from 'graphql';

interface CacheControlInfo {
  cacheControl?: { setCacheHint(hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }): void };
}

export const CATALOGUE_MAX_AGE_SECONDS = 300;

export function hintSlowChanging(info: GraphQLResolveInfo, maxAgeSeconds = CATALOGUE_MAX_AGE_SECONDS): void {
  (info as GraphQLResolveInfo & CacheControlInfo).cacheControl?.setCacheHint({ maxAge: maxAgeSeconds, scope: 'PRIVATE' });
}
