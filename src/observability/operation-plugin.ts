/**
 * One structured log line and one histogram observation per GraphQL operation: request id, operation name
 * and type, duration, upstream calls made for it, and the error codes returned. Never variables, never
 * headers: those may hold secrets (proxy passwords in updateProxyCredentials, API keys).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import type { Context } from '../schema/context';
import type { ProxyGraphMetrics } from './metrics';
import { unwrapResolverError } from '@apollo/server/errors';
import { isInternalError } from '../http/format-error';

const NAME_SHAPE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Operation names are client-chosen: past this many distinct names, the rest share one label. */
const MAX_DISTINCT_NAMES = 200;

/** The distinct `extensions.code` values of a response's errors (a codeless one is an internal error). */
export function errorCodesOf(errors: ReadonlyArray<{ extensions?: Record<string, unknown> }>): string[] {
  return [...new Set(errors.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
}

export function operationObserverPlugin(logger: Logger, metrics: ProxyGraphMetrics): ApolloServerPlugin<Context> {
  const seenNames = new Set<string>();
  const labelFor = (name: string | null | undefined): string => {
    if (!name) return 'anonymous';
    if (!NAME_SHAPE.test(name)) return 'invalid';
    if (seenNames.has(name)) return name;
    if (seenNames.size >= MAX_DISTINCT_NAMES) return 'other';
    seenNames.add(name);
    return name;
  };
  return {
    async requestDidStart() {
      const startedAt = performance.now();
      return {
        async didResolveOperation({ operationName, contextValue }) {
          if (contextValue?.scope) contextValue.scope.operationName = operationName ?? null;
        },
        // Bugs (errors masked as INTERNAL_SERVER_ERROR) are logged with the request they happened in.
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (isInternalError(error)) logger.error({ err: unwrapResolverError(error), requestId: contextValue?.requestId }, 'internal error in a resolver');
          }
        },
        async willSendResponse({ response, operation, operationName, contextValue }) {
          const durationMs = performance.now() - startedAt;
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const errorCodes = errorCodesOf(result?.errors ?? []);
          const hasData = result?.data !== undefined && result?.data !== null;
          const outcome = errorCodes.length === 0 ? 'ok' : hasData ? 'partial' : 'error';
          const operationType = operation?.operation ?? 'unknown';
          metrics.operationDuration.observe({ operation_name: labelFor(operationName), operation_type: operationType, outcome }, durationMs / 1000);
          const telemetry = contextValue?.scope?.telemetry;
          logger.info(
            {
              requestId: contextValue?.requestId,
              operationName: operationName ?? null,
              operationType,
              durationMs: Math.round(durationMs * 10) / 10,
              upstreamCalls: telemetry?.upstreamCalls ?? 0,
              upstreamMs: Math.round((telemetry?.upstreamMs ?? 0) * 10) / 10,
              outcome,
              errorCodes,
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
