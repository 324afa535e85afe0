/**
 * Adds what resolvers queued on the context to the response: errors of cross-account resolvers (data from
 * healthy accounts + one error per failure) to `errors`, and warnings beside successful results (something
 * done upstream that ProxyGraph could not remember, say) to `extensions.warnings`.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../schema/context';

export const partialErrorsPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        if (contextValue.partialErrors?.length) {
          result.errors = [...(result.errors ?? []), ...contextValue.partialErrors.map((error) => error.toJSON())];
        }
        if (contextValue.warnings?.length) {
          result.extensions = { ...result.extensions, warnings: contextValue.warnings.map((warning) => ({ ...warning })) };
        }
      },
    };
  },
};
