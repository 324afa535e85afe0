/**
 * The read cache (src/upstream/read-cache.ts) as a client sees it:
 *
 * - A mutation's reads are never served from the cache: a write decides on what the provider holds now
 *   (whether an IP is already there, what a list holds before it is edited), not on a kept copy.
 * - The response says what was served: `x-proxygraph-cache: hit=2, stale=0, miss=1, bypass=0` whenever the
 *   cache was consulted, and `Age` (seconds, RFC 9111) of the oldest kept answer in it, if any.
 *
 * A client asks for fresh data with `Cache-Control: no-cache` on its request (read in http/server.ts).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../schema/context';

export const readCachePlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, contextValue }) {
        if (operation?.operation === 'mutation') contextValue.scope.upstream.readFresh();
      },
      async willSendResponse({ response, contextValue }) {
        const tally = contextValue.scope?.upstream.cacheReads;
        if (!tally || tally.hit + tally.stale + tally.miss + tally.bypass === 0) return;
        response.http.headers.set('x-proxygraph-cache', `hit=${tally.hit}, stale=${tally.stale}, miss=${tally.miss}, bypass=${tally.bypass}`);
        if (tally.hit + tally.stale > 0) response.http.headers.set('age', String(Math.floor(tally.oldestAgeMs / 1000)));
      },
    };
  },
};

/** `Cache-Control: no-cache` (or `no-store`, or `Pragma: no-cache`) on a request: read everything fresh. */
export function wantsFreshReads(cacheControl: string | undefined, pragma: string | undefined): boolean {
  return /(^|,)\s*(no-cache|no-store|max-age=0)\s*(,|$)/i.test(cacheControl ?? '') || /no-cache/i.test(pragma ?? '');
}
