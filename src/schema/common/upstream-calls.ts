/**
 * Marks the fields whose resolvers call providers (docs/security.md §3). The static estimate in
 * http/upstream-estimate.ts counts each selection of a marked field as at least one upstream call and
 * refuses, before execution, an operation that would exceed what one request may make.
 */
import { Extensions } from 'type-graphql';

export const CALLS_UPSTREAM_EXTENSION = 'callsUpstream';

export function CallsUpstream(): MethodDecorator & PropertyDecorator {
  return Extensions({ [CALLS_UPSTREAM_EXTENSION]: true }) as MethodDecorator & PropertyDecorator;
}
