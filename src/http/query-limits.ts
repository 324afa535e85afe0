/**
 * Limits on the shape of a query (graphql-armor), so one request cannot make the server do unbounded work:
 * depth, aliases, tokens, a static cost estimate and directives. Introspection is exempt from depth and
 * cost (Sandbox's introspection query is deep but cheap). Field suggestions ("did you mean …") are hidden
 * outside development, where they would reveal schema the caller may not have introspection for.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ProxyGraphConfig } from '../config/schema';
import { upstreamEstimateRule, type UpstreamEstimateOptions } from './upstream-estimate';

type QueryLimits = NonNullable<NonNullable<ProxyGraphConfig['server']>['limits']>;

/**
 * Generous for real operations (the deepest test operation is depth 7), tight for abuse. A request's
 * deadline stays under a router's 30 s subgraph timeout, so the router never gives up before ProxyGraph
 * answers; 100 upstream calls fit the largest page (100 ProxyMesh sub-accounts, one call each).
 */
export const DEFAULT_QUERY_LIMITS: Required<QueryLimits> = {
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 5_000,
  maxCost: 20_000,
  maxDirectives: 50,
  requestTimeoutMs: 20_000,
  maxUpstreamCallsPerRequest: 100,
};

export type EffectiveQueryLimits = Required<QueryLimits>;

export function effectiveQueryLimits(limits: QueryLimits | undefined): EffectiveQueryLimits {
  return { ...DEFAULT_QUERY_LIMITS, ...limits };
}

export function queryProtection(limits: QueryLimits | undefined, development: boolean, upstream: Omit<UpstreamEstimateOptions, 'maxUpstreamCalls'>) {
  const effective = effectiveQueryLimits(limits);
  // The token limit is graphql-js's own parse option: a query over it is an ordinary GRAPHQL_PARSE_FAILED
  // (HTTP 400). graphql-armor's token plugin would re-parse and turn every syntax error into a 500.
  const parseOptions = { maxTokens: effective.maxTokens };
  const armor = new ApolloArmor({
    maxDepth: { n: effective.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: effective.maxAliases },
    maxTokens: { enabled: false },
    costLimit: { maxCost: effective.maxCost, ignoreIntrospection: true },
    maxDirectives: { n: effective.maxDirectives },
    blockFieldSuggestion: { enabled: !development },
  });
  const protection = armor.protect();
  // The cost limit's second half: upstream-calling fields counted against the request's call allowance.
  const upstreamRule = upstreamEstimateRule({ ...upstream, maxUpstreamCalls: effective.maxUpstreamCallsPerRequest });
  return { ...protection, validationRules: [...protection.validationRules, upstreamRule], parseOptions };
}
