/**
 * Builds the executable Federation 2 subgraph schema: type-graphql builds the code-first schema, its SDL
 * (with @key directives) goes through @apollo/subgraph's buildSubgraphSchema, and the resolvers are merged
 * with the entity reference resolvers.
 */
import 'reflect-metadata';
import gql from 'graphql-tag';
import type { GraphQLSchema } from 'graphql';
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
import { requireOperationScope } from './common/guards';
import { refuseUnsafeArguments } from './common/argument-rules';
import { referenceResolvers } from './references';

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])`;

let cached: Promise<GraphQLSchema> | undefined;

async function build(): Promise<GraphQLSchema> {
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
    // Scope first (a caller without it learns nothing about its input), then the argument rules.
    globalMiddlewares: [requireOperationScope, refuseUnsafeArguments],
    validate: { forbidUnknownValues: false },
    skipCheck: true,
  });
  const resolvers = createResolversMap(codeFirst) as Record<string, Record<string, unknown>>;
  for (const [typeName, extra] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...resolvers[typeName], ...extra };
  }
  return buildSubgraphSchema([
    {
      typeDefs: gql`
        ${FEDERATION_LINK}
        ${printSchemaWithDirectives(codeFirst)}
      `,
      resolvers: resolvers as GraphQLResolverMap<unknown>,
    },
  ]);
}

/** The schema is the same for every server in a process; build it once. */
export function buildProxyGraphSchema(): Promise<GraphQLSchema> {
  cached ??= build();
  return cached;
}

/** The SDL `npm run schema` writes to schema.graphql (keeps @key and @link). */
export async function printProxyGraphSchema(): Promise<string> {
  return `${printSubgraphSchema(await buildProxyGraphSchema()).trim()}\n`;
}
