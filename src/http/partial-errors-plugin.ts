/** Appends errors queued by cross-account resolvers (data from healthy accounts + one error per failure). */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../schema/context';

export const partialErrorsPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single' || contextValue.partialErrors.length === 0) return;
        const queued = contextValue.partialErrors.map((error) => error.toJSON());
        const result = response.body.singleResult;
        result.errors = [...(result.errors ?? []), ...queued];
      },
    };
  },
};
