/**
 * Subscriptions for a federated router: the router's HTTP callback protocol (Apollo Router's
 * `subscription.mode.callback`). The router sends the subscription over HTTP with
 * `extensions.subscription` {callbackUrl, subscriptionId, verifier, heartbeatIntervalMs}; ProxyGraph checks
 * the callback, then POSTs each event (`next`), heartbeats (`check`) and the end (`complete`) to it.
 * Apollo Server's own plugin speaks the protocol.
 *
 * ProxyGraph would POST to whatever URL the request names, so only the router may ask: a request with
 * `extensions.subscription` must carry the router secret (`server.routerSecret`), or it is refused before
 * anything is called back. Without a configured secret the protocol is off.
 */
import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { ApolloServerPluginSubscriptionCallback } from '@apollo/server/plugin/subscriptionCallback';
import type { Logger } from 'pino';
import type { Context } from '../schema/context';
import { routerSecretCheck } from './router-secret-plugin';

const refused = (message: string): GraphQLRequestListener<Context> => ({
  async didResolveOperation() {
    throw new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
  },
});

export function subscriptionCallbackPlugin(routerSecret: string | undefined, logger: Logger): ApolloServerPlugin<Context> {
  const carriesSecret = routerSecret ? routerSecretCheck(routerSecret) : () => false;
  const callback = ApolloServerPluginSubscriptionCallback({
    logger: {
      debug: () => undefined,
      info: () => undefined,
      warn: (message: unknown) => logger.warn({ subscriptionCallback: String(message) }, 'subscription callback'),
      error: (message: unknown) => logger.warn({ subscriptionCallback: String(message) }, 'subscription callback failed'),
    },
    // Heartbeats and events to a router that went away: give up after 3 attempts rather than the default 5 minutes.
    retry: { retries: 2, minTimeout: 200, maxTimeout: 2_000 },
  }) as ApolloServerPlugin<Context>;
  return {
    serverWillStart: callback.serverWillStart,
    async requestDidStart(requestContext) {
      const extension = (requestContext.request.extensions as { subscription?: unknown } | undefined)?.subscription;
      if (!extension) return;
      if (!routerSecret) return refused('the subscription callback protocol is off: it needs server.routerSecret');
      if (!carriesSecret(requestContext.request.http?.headers)) return refused('the subscription callback protocol is reserved for the supergraph router');
      return callback.requestDidStart?.(requestContext);
    },
  };
}
