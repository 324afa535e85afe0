/**
 * The static part of the upstream-call bound (docs/security.md): before execution, an operation's upstream
 * calls are estimated from the fields it selects, and one that would exceed the request's allowance
 * (`server.limits.maxUpstreamCallsPerRequest`) is refused as a validation error, with no call made. Thirty
 * aliases of an account's `subUsers` count thirty.
 *
 * The estimate is a floor, not a ceiling: every upstream-calling field selection counts one call, as if the
 * caller saw a single account and every list held one item. Validation runs once per document, whoever
 * sends it, so the estimate cannot depend on the caller's accounts; as a floor it never refuses an
 * operation that would have fitted. What it cannot see (a fan-out over 60 accounts, a page of 100 ProxyMesh
 * sub-accounts read one by one) the runtime allowance in upstream/request-context.ts stops.
 */
import {
  GraphQLError,
  getNamedType,
  isObjectType,
  Kind,
  type ASTVisitor,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

export interface UpstreamEstimateOptions {
  /** `Type.field` of every field that calls providers. */
  upstreamFields: ReadonlySet<string>;
  maxUpstreamCalls: number;
}

/** Upstream calls an operation's selections would make at least. */
export function estimateUpstreamCalls(
  schema: GraphQLSchema,
  rootType: GraphQLNamedType,
  selectionSet: SelectionSetNode,
  fragments: (name: string) => { typeCondition: { name: { value: string } }; selectionSet: SelectionSetNode } | undefined | null,
  options: Omit<UpstreamEstimateOptions, 'maxUpstreamCalls'>,
): number {
  const { upstreamFields } = options;
  let total = 0;
  // Fragment names on the current path: validation rejects cycles, but this rule may run before it does.
  const path = new Set<string>();
  const walk = (type: GraphQLNamedType, set: SelectionSetNode): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const narrowed = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        walk(narrowed ?? type, selection.selectionSet);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments(name);
        if (!fragment || path.has(name)) continue;
        path.add(name);
        walk(schema.getType(fragment.typeCondition.name.value) ?? type, fragment.selectionSet);
        path.delete(name);
        continue;
      }
      if (!isObjectType(type)) continue;
      const field = type.getFields()[selection.name.value];
      if (!field) continue;
      if (upstreamFields.has(`${type.name}.${field.name}`)) total += 1;
      if (selection.selectionSet) walk(getNamedType(field.type), selection.selectionSet);
    }
  };
  walk(rootType, selectionSet);
  return total;
}

/** The validation rule: refuses an operation whose estimate is over the allowance. */
export function upstreamEstimateRule(options: UpstreamEstimateOptions) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const schema = context.getSchema();
      const rootType = schema.getRootType(operation.operation);
      if (!rootType) return;
      const estimate = estimateUpstreamCalls(schema, rootType, operation.selectionSet, (name) => context.getFragment(name), options);
      if (estimate > options.maxUpstreamCalls) {
        context.reportError(
          new GraphQLError(
            `this operation would make at least ${estimate} upstream calls; a request may make ${options.maxUpstreamCalls} (server.limits.maxUpstreamCallsPerRequest). Ask for fewer fields or aliases, or split it.`,
            { nodes: [operation] },
          ),
        );
      }
    },
  });
}
