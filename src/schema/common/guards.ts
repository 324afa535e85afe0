/**
 * Scope checks in one place: root Query fields need `read`, root Mutation fields need `write`.
 * Field-level secrets (`password`) check `credentials` where they resolve.
 */
import type { MiddlewareFn } from 'type-graphql';
import type { Context } from '../context';

export const requireOperationScope: MiddlewareFn<Context> = ({ info, context }, next) => {
  const parent = info.parentType.name;
  if (parent === 'Mutation') context.scope.principal.require('write');
  else if (parent === 'Query') context.scope.principal.require('read');
  return next();
};
