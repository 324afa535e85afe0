/**
 * Federated tracing (`ftv1`): when the supergraph's router asks for a trace of this subgraph's work
 * (`apollo-federation-include-trace: ftv1`), Apollo's inline-trace plugin answers it in
 * `extensions.ftv1`, with error messages masked. With a router secret configured, only a request carrying
 * it gets a trace: timings and field paths are the router's business, not a client's.
 *
 * Apollo wraps every resolver once the first traced request arrives; a subgraph no router traces keeps the
 * unwrapped resolvers (schema/build.ts).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import type { Context } from '../schema/context';
import { routerSecretCheck } from './router-secret-plugin';

export function federatedTracePlugin(routerSecret: string | undefined): ApolloServerPlugin<Context> {
  const inline = ApolloServerPluginInlineTrace({ includeErrors: { masked: true } }) as ApolloServerPlugin<Context>;
  const carriesSecret = routerSecret === undefined ? undefined : routerSecretCheck(routerSecret);
  return {
    async serverWillStart(service) {
      return inline.serverWillStart?.(service);
    },
    async requestDidStart(requestContext) {
      if (carriesSecret && !carriesSecret(requestContext.request.http?.headers)) return;
      return inline.requestDidStart?.(requestContext);
    },
  };
}
