/**
 * The dashboard's GraphQL client: Apollo Client over HTTP to this server's /graphql, the signed-in key as
 * `authorization: Bearer <key>` on every request, and UNAUTHENTICATED from the graph (a 401) sending the user
 * back to sign-in with the graph's own message.
 *
 * Subscriptions go over graphql-ws to the same /graphql (ws:, or wss: under https:), the key in the
 * connection's init payload; everything else over HTTP.
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { isSubscriptionOperation } from '@apollo/client/utilities';
import { createClient as createWsClient } from 'graphql-ws';

export const GRAPHQL_PATH = '/graphql';

/** The graph's message when the error says the caller is not signed in (or the key is not valid), else null. */
export function unauthenticatedMessage(error: unknown): string | null {
  if (CombinedGraphQLErrors.is(error)) {
    const found = error.errors.find((entry) => entry.extensions?.code === 'UNAUTHENTICATED');
    return found ? found.message : null;
  }
  if (ServerError.is(error) && error.statusCode === 401) {
    try {
      const body = JSON.parse(error.bodyText) as { errors?: { message?: string }[] };
      return body.errors?.[0]?.message ?? 'sign in again';
    } catch {
      return 'sign in again';
    }
  }
  return null;
}

export interface ClientHooks {
  /** The key to send, read at each request (null: none, as in demo mode). */
  token(): string | null;
  /** Called when the graph answers UNAUTHENTICATED; `hadToken` says whether a key was sent. */
  onUnauthenticated(message: string, hadToken: boolean): void;
}

export function createClient(hooks: ClientHooks): ApolloClient {
  const auth = new ApolloLink((operation, forward) => {
    const token = hooks.token();
    operation.setContext(({ headers }: { headers?: Record<string, string> }) => ({
      headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      hadToken: Boolean(token),
    }));
    return forward(operation);
  });
  const errors = new ErrorLink(({ error, operation }) => {
    const message = unauthenticatedMessage(error);
    if (message) hooks.onUnauthenticated(message, Boolean(operation.getContext().hadToken));
  });
  const http = new HttpLink({ uri: GRAPHQL_PATH });
  const live = new GraphQLWsLink(
    createWsClient({
      url: `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}${GRAPHQL_PATH}`,
      // Read when the socket opens (lazily, at the first subscription), so a new sign-in brings its own key.
      connectionParams: () => {
        const token = hooks.token();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
      lazy: true,
      retryAttempts: 5,
    }),
  );
  const transport = ApolloLink.split(({ query }) => isSubscriptionOperation(query), live, http);
  return new ApolloClient({
    link: ApolloLink.from([errors, auth, transport]),
    cache: new InMemoryCache({
      typePolicies: {
        // Objects without ids, replaced whole whenever read again.
        Account: { fields: { plan: { merge: true }, usage: { merge: false } } },
        Query: { fields: { viewer: { merge: false } } },
      },
    }),
    defaultOptions: {
      // Partial answers are the norm across accounts: keep the data, show the errors beside it.
      watchQuery: { errorPolicy: 'all', fetchPolicy: 'cache-and-network' },
      query: { errorPolicy: 'all' },
      mutate: { errorPolicy: 'all' },
    },
  });
}
