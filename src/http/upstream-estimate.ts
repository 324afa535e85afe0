/**
 * The static part of the upstream-call bound (docs/security.md): before execution, an operation's upstream
 * calls are estimated from the fields it selects, and one that would exceed the request's allowance
 * (`server.limits.maxUpstreamCallsPerRequest`) is refused as a validation error, with no call made. Thirty
 * aliases of an account's `subUsers` count thirty; `accounts { plan usage }` counts two per account.
 *
 * The estimate is a floor, not a ceiling: it counts one call per account a field reaches and ignores list
 * sizes (which depend on providers and variables), so it never refuses an operation that would have fitted.
 * What it cannot see (a page of 100 ProxyMesh sub-accounts read one by one) the runtime allowance in
 * upstream/request-context.ts stops.
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
import type { UpstreamCallKind } from '../schema/common/upstream-calls';

export interface UpstreamEstimateOptions {
  /** Declared upstream-calling fields, `Type.field` → kind. */
  upstreamCalls: ReadonlyMap<string, UpstreamCallKind>;
  /** Accounts a fan-out may reach (every configured account: the estimate does not depend on the caller). */
  accountCount: number;
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
  const { upstreamCalls, accountCount } = options;
  let total = 0;
  // Fragment names on the current path: validation rejects cycles, but this rule may run before it does.
  const path = new Set<string>();
  const walk = (type: GraphQLNamedType, set: SelectionSetNode, accounts: number): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const narrowed = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        walk(narrowed ?? type, selection.selectionSet, accounts);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments(name);
        if (!fragment || path.has(name)) continue;
        path.add(name);
        walk(schema.getType(fragment.typeCondition.name.value) ?? type, fragment.selectionSet, accounts);
        path.delete(name);
        continue;
      }
      if (!isObjectType(type)) continue;
      const field = type.getFields()[selection.name.value];
      if (!field) continue;
      const key = `${type.name}.${field.name}`;
      const kind = upstreamCalls.get(key);
      let below = accounts;
      if (kind === 'fanOut' || key === 'Query.accounts') below = accountCount;
      else if (kind === 'one' || key === 'Query.account') below = 1;
      if (kind === 'fanOut') total += accountCount;
      else if (kind === 'one') total += 1;
      else if (kind) total += accounts;
      if (selection.selectionSet) walk(getNamedType(field.type), selection.selectionSet, below);
    }
  };
  walk(rootType, selectionSet, 1);
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
