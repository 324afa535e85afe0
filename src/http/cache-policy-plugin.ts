/**
 * The response's `Cache-Control` (schema/common/cache-hints.ts): `max-age=300, private` for a query that
 * selects only catalogue root fields with leaves under them and answers without errors, `no-store` for
 * everything else. Decided once from the operation; it replaces Apollo's cache-control plugin, whose
 * per-field hook wrapped every resolver of every request.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import { CATALOGUE_MAX_AGE_SECONDS, SLOW_CHANGING_ROOT_FIELDS } from '../schema/common/cache-hints';
import type { Context } from '../schema/context';

export const cachePolicyPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    let cacheable = false;
    return {
      async didResolveOperation({ operation, document }) {
        if (!operation || operation.operation !== 'query') return;
        const fragments = new Map<string, FragmentDefinitionNode>();
        for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
        const roots = fieldsOf(operation.selectionSet, fragments);
        cacheable =
          roots.some((field) => SLOW_CHANGING_ROOT_FIELDS.has(field.name)) &&
          roots.every((field) => field.name === '__typename' || (SLOW_CHANGING_ROOT_FIELDS.has(field.name) && onlyLeaves(field.selectionSet, fragments)));
      },
      async willSendResponse({ response }) {
        const clean = response.body.kind === 'single' && !response.body.singleResult.errors;
        response.http.headers.set('cache-control', cacheable && clean ? `max-age=${CATALOGUE_MAX_AGE_SECONDS}, private` : 'no-store');
      },
    };
  },
};

interface SelectedField {
  name: string;
  selectionSet?: SelectionSetNode;
}

/** The fields a selection set selects, through inline fragments and fragment spreads. */
function fieldsOf(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, seen = new Set<string>()): SelectedField[] {
  const fields: SelectedField[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) fields.push({ name: selection.name.value, selectionSet: selection.selectionSet });
    else if (selection.kind === Kind.INLINE_FRAGMENT) fields.push(...fieldsOf(selection.selectionSet, fragments, seen));
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) fields.push(...fieldsOf(fragment.selectionSet, fragments, seen));
    }
  }
  return fields;
}

/** Whether nothing under a field is an object (objects other than catalogues are never cacheable). */
function onlyLeaves(selectionSet: SelectionSetNode | undefined, fragments: ReadonlyMap<string, FragmentDefinitionNode>): boolean {
  return !selectionSet || fieldsOf(selectionSet, fragments).every((field) => field.selectionSet === undefined);
}
