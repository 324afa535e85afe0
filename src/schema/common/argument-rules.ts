/**
 * The argument rules of domain/checks/arguments.ts on every field that takes arguments: its resolver is
 * wrapped once, when the schema is built, so the rules run before type-graphql builds the argument objects
 * and class-validator checks them, and before any resolver, so a refused value never reaches a provider (or
 * code that recurses). Fields without arguments are left alone: no per-field cost where there is nothing
 * to check.
 */
import { isObjectType, type GraphQLArgument, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { argumentProblems } from '../../domain/checks/arguments';
import { badUserInput } from '../../core/errors';

function checked(fieldArgs: readonly GraphQLArgument[], resolve: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) => {
    const problems = argumentProblems(args, fieldArgs);
    const names = Object.keys(problems);
    if (names.length > 0) {
      throw badUserInput(`invalid input: ${names.map((name) => `${name} (${problems[name].join('; ')})`).join(', ')}`, problems);
    }
    return resolve(source, args, context, info);
  };
}

/** Wraps, in place, the resolver of every field with arguments in a resolver map built from `schema`. */
export function checkArgumentsOf(schema: GraphQLSchema, resolvers: Record<string, Record<string, unknown>>): void {
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    for (const [fieldName, resolver] of Object.entries(fields)) {
      const field = type.getFields()[fieldName];
      if (!field || field.args.length === 0) continue;
      if (typeof resolver === 'function') {
        fields[fieldName] = checked(field.args, resolver as GraphQLFieldResolver<unknown, unknown>);
      } else if (isSubscriptionField(resolver)) {
        // A subscription's arguments are checked where it starts, before anything is polled.
        fields[fieldName] = { ...resolver, subscribe: checked(field.args, resolver.subscribe) };
      }
    }
  }
}

function isSubscriptionField(resolver: unknown): resolver is { subscribe: GraphQLFieldResolver<unknown, unknown> } {
  return typeof resolver === 'object' && resolver !== null && typeof (resolver as { subscribe?: unknown }).subscribe === 'function';
}
