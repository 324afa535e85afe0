/**
 * Builds the executable Federation 2 subgraph schema: type-graphql builds the code-first schema, its SDL
 * (with @key directives) goes through @apollo/subgraph's buildSubgraphSchema, and the resolvers are merged
 * with the entity reference resolvers.
 */
import 'reflect-metadata';
import gql from 'graphql-tag';
import { isObjectType, type GraphQLSchema } from 'graphql';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { buildSchema, createResolversMap } from 'type-graphql';
import { AccountResolver } from './account/account.resolver';
import { ProxyCredentialsResolver, ProxyReplacementResolver, ProxyResolver } from './proxy/proxy.resolver';
import { SubUserResolver } from './sub-user/sub-user.resolver';
import {
  AccountOperationResultResolver,
  HostnameAuthorizationResolver,
  IpAuthorizationResolver,
} from './ip-authorization/ip-authorization.resolver';
import { DnsOverrideResolver } from './dns-override/dns-override.resolver';
import { ServerResolver } from './server/server.resolver';
import { ServiceResolver } from './service/service.resolver';
import { AccountUsageResolver, UsageResolver } from './usage/usage.resolver';
import { refuseUnsafeArguments } from './common/argument-rules';
import { referenceResolvers } from './references';
import { UPSTREAM_CALLS_EXTENSION, type UpstreamCallKind } from './common/upstream-calls';

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])`;

export interface ProxyGraphSchema {
  schema: GraphQLSchema;
  /** `Type.field` → how its upstream calls grow (declared with @UpstreamCalls on the resolvers). */
  upstreamCalls: ReadonlyMap<string, UpstreamCallKind>;
}

let cached: Promise<ProxyGraphSchema> | undefined;

/** The @UpstreamCalls declarations, read from the code-first schema (the SDL round trip drops extensions). */
function upstreamCallFields(schema: GraphQLSchema): Map<string, UpstreamCallKind> {
  const fields = new Map<string, UpstreamCallKind>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const kind = field.extensions?.[UPSTREAM_CALLS_EXTENSION] as UpstreamCallKind | undefined;
      if (kind) fields.set(`${type.name}.${field.name}`, kind);
    }
  }
  // The federation entry point: references load per account (batched where the provider can).
  fields.set('Query._entities', 'fanOut');
  return fields;
}

async function build(): Promise<ProxyGraphSchema> {
  const codeFirst = await buildSchema({
    resolvers: [
      AccountResolver,
      ProxyResolver,
      ProxyCredentialsResolver,
      ProxyReplacementResolver,
      SubUserResolver,
      IpAuthorizationResolver,
      AccountOperationResultResolver,
      HostnameAuthorizationResolver,
      DnsOverrideResolver,
      ServerResolver,
      ServiceResolver,
      UsageResolver,
      AccountUsageResolver,
    ],
    // Every field's arguments meet the input rules before class-validator and the resolver see them.
    globalMiddlewares: [refuseUnsafeArguments],
    validate: { forbidUnknownValues: false },
    skipCheck: true,
  });
  const resolvers = createResolversMap(codeFirst) as Record<string, Record<string, unknown>>;
  for (const [typeName, extra] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...resolvers[typeName], ...extra };
  }
  const schema = buildSubgraphSchema([
    {
      typeDefs: gql`
        ${FEDERATION_LINK}
        ${printSchemaWithDirectives(codeFirst)}
      `,
      resolvers: resolvers as GraphQLResolverMap<unknown>,
    },
  ]);
  return { schema, upstreamCalls: upstreamCallFields(codeFirst) };
}

/** The schema is the same for every server in a process; build it once. */
export function buildProxyGraphSchema(): Promise<ProxyGraphSchema> {
  cached ??= build();
  return cached;
}

/** The SDL `npm run schema` writes to schema.graphql (keeps @key and @link). */
export async function printProxyGraphSchema(): Promise<string> {
  return `${printSubgraphSchema((await buildProxyGraphSchema()).schema).trim()}\n`;
}
