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
import { buildSchema, createResolversMap, getMetadataStorage } from 'type-graphql';
import { AccountResolver } from './account/account.resolver';
import { AccountContentsResolver } from './account/account-contents.resolver';
import { AccountProxyConfigResolver, ProxyGatewayResolver, ProxyListStatusResolver } from './account/proxy-config.resolver';
import { ProxyCredentialsResolver, ProxyReplacementResolver, ProxyResolver } from './proxy/proxy.resolver';
import { SubUserResolver } from './sub-user/sub-user.resolver';
import { AccountOperationResultResolver, IpAuthorizationResolver } from './ip-authorization/ip-authorization.resolver';
import { HostnameAuthorizationResolver } from './hostname-authorization/hostname-authorization.resolver';
import { DnsOverrideResolver } from './dns-override/dns-override.resolver';
import { ServerResolver } from './server/server.resolver';
import { ServiceResolver } from './service/service.resolver';
import { SubUserAccessRuleResolver, SubUserAccessRulesFieldResolver } from './sub-user/access-rule.resolver';
import { ProxyListsResolver } from './proxy/generated-proxy-lists.resolver';
import { AccountUsageResolver, UsageResolver } from './usage/usage.resolver';
import { AccountProxyListResolver, ProxyListResolver } from './proxy-list/proxy-list.resolver';
import { UsageSeriesResolver } from './usage/usage-series.resolver';
import { ProxyActivityResolver } from './activity/proxy-activity.resolver';
import { AccountReplacedProxiesResolver, ProxyReplacementReplacedProxiesResolver } from './replacement/replaced-proxy.resolver';
import { AccountDownloadTokenResolver, DownloadTokenResolver } from './download-token/download-token.resolver';
import { AuditLogResolver } from './audit/audit.resolver';
import { LiveResolver } from './live/live.resolver';
import { UsageHistoryResolver } from './usage-history/usage-history.resolver';
import { ViewerResolver } from './viewer/viewer.resolver';
import { checkArgumentsOf } from './common/argument-rules';
import { referenceResolvers } from './references';
import { CALLS_UPSTREAM_EXTENSION } from './common/upstream-calls';

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.4", import: ["@key", "@shareable"])`;

export interface ProxyGraphSchema {
  schema: GraphQLSchema;
  /** `Type.field` of every field that calls providers (declared with @CallsUpstream on the resolvers). */
  upstreamFields: ReadonlySet<string>;
}

let cached: Promise<ProxyGraphSchema> | undefined;

/** The @CallsUpstream declarations, read from the code-first schema (the SDL round trip drops extensions). */
function upstreamFieldsOf(schema: GraphQLSchema): Set<string> {
  const fields = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.extensions?.[CALLS_UPSTREAM_EXTENSION]) fields.add(`${type.name}.${field.name}`);
    }
  }
  // The federation entry point: references load from providers (batched where the provider can).
  fields.add('Query._entities');
  return fields;
}

/**
 * Plain fields (a property of the object) resolve as graphql-js's default resolver does, by reading the
 * property. type-graphql would otherwise wrap each one in its middleware chain, which allocates per field
 * and per node: most of a 100-proxy page's cost. ProxyGraph uses no field middlewares or roles (checks
 * belong to the operation or to where entities are loaded); a field declaring one would be skipped by
 * plain resolution, so the build refuses it.
 */
function resolvePlainFieldsDirectly(): void {
  const storage = getMetadataStorage();
  // A renamed field would be read under its schema name, not its property: refused with the wrapped ones.
  const wrapped = storage.fields.filter((field) => field.middlewares?.length || field.roles?.length || field.schemaName !== field.name);
  if (wrapped.length) throw new Error(`field middlewares, roles or renames are not supported: ${wrapped.map((field) => field.name).join(', ')}`);
  for (const objectType of [...storage.objectTypes, ...storage.interfaceTypes]) objectType.simpleResolvers ??= true;
}

async function build(): Promise<ProxyGraphSchema> {
  resolvePlainFieldsDirectly();
  const codeFirst = await buildSchema({
    resolvers: [
      AccountResolver,
      AccountContentsResolver,
      AccountProxyConfigResolver,
      ProxyGatewayResolver,
      ProxyListStatusResolver,
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
      ProxyListResolver,
      AccountProxyListResolver,
      UsageSeriesResolver,
      UsageHistoryResolver,
      ProxyActivityResolver,
      AccountReplacedProxiesResolver,
      ProxyReplacementReplacedProxiesResolver,
      AccountDownloadTokenResolver,
      DownloadTokenResolver,
      SubUserAccessRuleResolver,
      SubUserAccessRulesFieldResolver,
      ProxyListsResolver,
      AuditLogResolver,
      LiveResolver,
      ViewerResolver,
    ],
    // Every subscription has its own `subscribe` (domain/live/): type-graphql's topic-based pub/sub is never used.
    pubSub: {
      publish() {
        throw new Error('topic pub/sub is not used');
      },
      subscribe() {
        throw new Error('topic pub/sub is not used');
      },
    },
    validate: { forbidUnknownValues: false },
    skipCheck: true,
  });
  const resolvers = createResolversMap(codeFirst) as Record<string, Record<string, unknown>>;
  // Every field's arguments meet the input rules before class-validator and the resolver see them.
  checkArgumentsOf(codeFirst, resolvers);
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
  return { schema, upstreamFields: upstreamFieldsOf(codeFirst) };
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
