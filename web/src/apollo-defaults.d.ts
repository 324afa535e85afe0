// Apollo Client 4 types results by the default options: the dashboard keeps partial data beside errors
// (errorPolicy 'all', set in apollo.ts), so results carry both.
import '@apollo/client';

declare module '@apollo/client' {
  export namespace ApolloClient {
    export namespace DeclareDefaultOptions {
      interface WatchQuery {
        errorPolicy: 'all';
      }
      interface Query {
        errorPolicy: 'all';
      }
      interface Mutate {
        errorPolicy: 'all';
      }
    }
  }
}
