/** A small second subgraph for federation tests: customers that reference ProxyGraph's entities by key. */
import gql from 'graphql-tag';

export const CUSTOMER_SUBGRAPH_TYPEDEFS = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  type Customer @key(fields: "id") {
    id: ID!
    name: String!
    account: Account
    dedicatedProxies: [Proxy!]!
    seats: [SubUser!]!
  }

  type Account @key(fields: "id", resolvable: false) {
    id: ID!
  }

  type Proxy @key(fields: "id", resolvable: false) {
    id: ID!
  }

  type SubUser @key(fields: "id", resolvable: false) {
    id: ID!
  }

  type Query {
    customers: [Customer!]!
  }
`;
