/**
 * Cross-account reads return what the healthy accounts gave plus one GraphQL error per failed account, on
 * the field's path. graphql-js cannot return data and an error from one resolver, so failures are queued on
 * the context and appended to the response by the partialErrors plugin (http/partial-errors-plugin.ts).
 */
import { GraphQLError, GraphQLResolveInfo, responsePathAsArray } from 'graphql';
import type { AccountOutcome } from '../../domain/fan-out';
import { ProxyGraphError } from '../../core/errors';
import type { Context } from '../context';
import type { EntityKind } from '../../providers/contract/records';
import { toNode, type WithAccount } from './nodes';

export function reportAccountFailure(context: Context, info: GraphQLResolveInfo, error: unknown, accountId: string): void {
  const typed = error instanceof ProxyGraphError ? error : new ProxyGraphError('PROVIDER_ERROR', 'the account could not be read', { accountId });
  const extensions = typed.toExtensions();
  extensions.accountId ??= accountId;
  context.partialErrors.push(new GraphQLError(typed.message, { path: responsePathAsArray(info.path), extensions }));
}

/** Values from successful accounts, in account order; failures reported beside them. */
export function keepSuccesses<T>(context: Context, info: GraphQLResolveInfo, outcomes: AccountOutcome<T>[]): T[] {
  const values: T[] = [];
  for (const outcome of outcomes) {
    if (outcome.ok) values.push(outcome.value);
    else reportAccountFailure(context, info, outcome.error, outcome.account.id);
  }
  return values;
}

/** The records of every account that answered, as nodes of `kind`, in account order; failures reported beside them. */
export function nodesFromOutcomes<T extends { nativeId: string }>(
  context: Context,
  info: GraphQLResolveInfo,
  outcomes: AccountOutcome<T[]>[],
  kind: EntityKind,
): WithAccount<T>[] {
  const nodes: WithAccount<T>[] = [];
  for (const outcome of outcomes) {
    if (outcome.ok) nodes.push(...outcome.value.map((record) => toNode(kind, outcome.account, record)));
    else reportAccountFailure(context, info, outcome.error, outcome.account.id);
  }
  return nodes;
}
