/**
 * The per-request GraphQL context: the request scope (caller, registry, per-account sessions with their
 * DataLoaders) plus errors to report beside partial data.
 */
import type { GraphQLError } from 'graphql';
import type { RequestScope } from '../domain/request-scope';
import type { OperationWarning } from '../providers/contract/session';
import type { LiveHub } from '../domain/live/hub';

export interface Context {
  requestId: string;
  scope: RequestScope;
  /** Errors for data returned anyway (one account failing in a cross-account list); appended to `errors`. */
  partialErrors: GraphQLError[];
  /** Warnings beside successful results (e.g. done upstream but not remembered); sent in `extensions.warnings`. */
  warnings: OperationWarning[];
  /** The pollers behind subscriptions; absent when subscriptions are turned off. */
  live?: LiveHub;
  /** A fresh request scope for the same caller: each event of a subscription is resolved with its own. */
  renewScope?: () => RequestScope;
}
