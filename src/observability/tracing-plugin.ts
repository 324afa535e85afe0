/** Opens each GraphQL request's operation span and hands its call tracer to the request's upstream calls. */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../schema/context';
import type { Tracing } from './tracing';

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
          // Cross-account errors may not be merged into the result yet (partial-errors plugin): count both.
          const errors = [...(result?.errors ?? []), ...(contextValue.partialErrors ?? [])];
          operation.end({ errorCodes: [...new Set(errors.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))] });
        },
      };
    },
  };
}
