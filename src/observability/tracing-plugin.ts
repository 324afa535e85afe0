/** Opens each GraphQL request's operation span and hands its call tracer to the request's upstream calls. */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../schema/context';
import type { Tracing } from './tracing';
import { errorCodesOf } from './operation-plugin';

export function tracingPlugin(tracing: Tracing): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request, contextValue }) {
      const headers = request.http?.headers;
      const operation = tracing.startOperation({ get: (name) => headers?.get(name) }, contextValue.requestId);
      if (contextValue.scope) contextValue.scope.upstream.tracer = operation.calls;
      return {
        async didResolveOperation({ operation: definition, operationName }) {
          operation.named(definition?.operation ?? 'unknown', operationName);
        },
        async willSendResponse({ response }) {
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          // The partial-errors plugin runs first (server.ts), so cross-account errors are in the result already.
          operation.end({ errorCodes: errorCodesOf(result?.errors ?? []) });
        },
      };
    },
  };
}
