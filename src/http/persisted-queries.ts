/**
 * Automatic persisted queries: clients send a query's sha256 instead of its text once it is registered.
 * A registration costs the server memory (or Redis) for 24 h, so a document over `maxDocumentBytes` is
 * refused rather than stored, whichever store is configured, and the in-memory store is bounded in bytes.
 */
import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';

const KIB = 1024;

export const PERSISTED_QUERY_DEFAULTS = {
  /** Memory the in-memory registry may hold (no Redis configured). */
  maxCacheBytes: 32 * KIB * KIB,
  /** Largest document a client may register (UTF-8 bytes). */
  maxDocumentBytes: 64 * KIB,
  ttlSeconds: 24 * 3600,
};

/**
 * Refuses a registration over `maxDocumentBytes` with BAD_USER_INPUT (HTTP 400): the client learns why,
 * the operation does not run, and nothing is stored. Apollo stores a registration after the
 * didResolveOperation hooks and before execution, and answers an error thrown by one of them as is; a
 * cache that silently skipped big entries would run the query and leave the client sending its hash in
 * vain. The same document sent without `extensions.persistedQuery` is an ordinary query.
 */
export function persistedDocumentLimit(maxDocumentBytes: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ metrics, source }) {
          if (!metrics.persistedQueryRegister) return;
          const documentBytes = Buffer.byteLength(source, 'utf8');
          if (documentBytes <= maxDocumentBytes) return;
          throw new GraphQLError(
            `a persisted query may have at most ${maxDocumentBytes} bytes and this one has ${documentBytes}; send it without extensions.persistedQuery`,
            { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } },
          );
        },
      };
    },
  };
}
