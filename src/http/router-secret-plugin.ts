/**
 * Restricts the federation entry points (`_service`, `_entities`) to the supergraph's router: when a secret
 * is configured, an operation selecting either must carry it in `x-router-secret` (compared in constant
 * time). Clients that talk to ProxyGraph directly keep every other field; they just cannot bypass
 * per-field checks by resolving entities by id in bulk or read the raw subgraph SDL.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { GraphQLError, Kind, type SelectionSetNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../schema/context';

export const ROUTER_SECRET_HEADER = 'x-router-secret';
const FEDERATION_FIELDS = new Set(['_service', '_entities']);

export function routerSecretPlugin(secret: string): ApolloServerPlugin<Context> {
  const expected = createHash('sha256').update(secret).digest();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          const fragments = new Map(
            document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION).map((definition) => [definition.name.value, definition.selectionSet]),
          );
          if (!operation || !selectsFederationField(operation.selectionSet, fragments, 0)) return;
          const given = request.http?.headers.get(ROUTER_SECRET_HEADER) ?? '';
          const digest = createHash('sha256').update(given).digest();
          if (!timingSafeEqual(expected, digest)) {
            throw new GraphQLError('_service and _entities are reserved for the supergraph router', {
              extensions: { code: 'FORBIDDEN', http: { status: 403 } },
            });
          }
        },
      };
    },
  };
}

function selectsFederationField(set: SelectionSetNode, fragments: Map<string, SelectionSetNode>, depth: number): boolean {
  if (depth > 5) return false;
  return set.selections.some((selection) => {
    if (selection.kind === Kind.FIELD) return FEDERATION_FIELDS.has(selection.name.value);
    const inner = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments.get(selection.name.value);
    return inner ? selectsFederationField(inner, fragments, depth + 1) : false;
  });
}
