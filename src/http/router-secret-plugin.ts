/**
 * Restricts the federation entry points (`_service`, `_entities`) to the supergraph's router: when a secret
 * is configured, an operation selecting either must carry it in `x-router-secret` (compared in constant
 * time). Clients that talk to ProxyGraph directly keep every other field; they just cannot resolve entities
 * by id in bulk or read the raw subgraph SDL.
 *
 * The decision is made from the whole validated operation: every selection at any depth, through inline
 * fragments and named fragments alike. A walk with a depth cut-off would let a deep enough nesting of
 * fragments through; validation guarantees fragments do not cycle, and `seen` guards the walk regardless.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../schema/context';

export const ROUTER_SECRET_HEADER = 'x-router-secret';
const FEDERATION_FIELDS = new Set(['_service', '_entities']);

/** A check that a request carries the router secret (digests compared in constant time). */
export function routerSecretCheck(secret: string): (headers: { get(name: string): string | null | undefined } | undefined) => boolean {
  const expected = createHash('sha256').update(secret).digest();
  return (headers) =>
    timingSafeEqual(
      expected,
      createHash('sha256')
        .update(headers?.get(ROUTER_SECRET_HEADER) ?? '')
        .digest(),
    );
}

export function routerSecretPlugin(secret: string): ApolloServerPlugin<Context> {
  const carriesSecret = routerSecretCheck(secret);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (!operation || !selectsFederationField(operation, document)) return;
          if (!carriesSecret(request.http?.headers)) {
            throw new GraphQLError('_service and _entities are reserved for the supergraph router', {
              extensions: { code: 'FORBIDDEN', http: { status: 403 } },
            });
          }
        },
      };
    },
  };
}

/** True when the operation selects `_service` or `_entities` anywhere, however deeply nested in fragments. */
export function selectsFederationField(operation: OperationDefinitionNode, document: DocumentNode): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const seen = new Set<string>();
  // An explicit stack instead of recursion: no depth limit, and no stack overflow on a deep document.
  const pending: SelectionSetNode[] = [operation.selectionSet];
  while (pending.length > 0) {
    for (const selection of pending.pop()!.selections) {
      if (selection.kind === Kind.FIELD) {
        if (FEDERATION_FIELDS.has(selection.name.value)) return true;
        if (selection.selectionSet) pending.push(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        pending.push(selection.selectionSet);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) pending.push(fragment.selectionSet);
      }
    }
  }
  return false;
}
