/**
 * The argument rules of domain/checks/arguments.ts on every field that takes arguments, as a global
 * middleware: it runs before type-graphql builds the argument objects and class-validator checks them, and
 * before any resolver, so a refused value never reaches a provider (and never reaches code that recurses).
 */
import type { MiddlewareFn } from 'type-graphql';
import type { GraphQLObjectType } from 'graphql';
import type { Context } from '../context';
import { argumentProblems } from '../../domain/checks/arguments';
import { badUserInput } from '../../upstream/errors';

export const refuseUnsafeArguments: MiddlewareFn<Context> = ({ args, info }, next) => {
  if (args && Object.keys(args).length > 0) {
    const field = (info.parentType as GraphQLObjectType).getFields()[info.fieldName];
    const problems = field ? argumentProblems(args, field.args) : {};
    const names = Object.keys(problems);
    if (names.length > 0) {
      throw badUserInput(`invalid input: ${names.map((name) => `${name} (${problems[name].join('; ')})`).join(', ')}`, problems);
    }
  }
  return next();
};
