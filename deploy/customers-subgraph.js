// The sample customers subgraph of deploy/compose.yaml: a few customers, each pointing at a ProxyGraph
// account by its configured id. The router joins `account` to ProxyGraph's Account entity.
// Runs from the ProxyGraph image (its dependencies include @apollo/server and @apollo/subgraph).
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { ApolloServer } = require('@apollo/server');
const { startStandaloneServer } = require('@apollo/server/standalone');
const { buildSubgraphSchema } = require('@apollo/subgraph');
const { default: gql } = require('graphql-tag');

const typeDefs = gql(readFileSync(join(__dirname, 'customers.graphql'), 'utf8'));
const CUSTOMERS = [
  { id: 'c1', name: 'Acme Scraping', accountId: process.env.CUSTOMER_ACCOUNT_ID || 'webshare' },
  { id: 'c2', name: 'Globex Monitoring', accountId: process.env.CUSTOMER_ACCOUNT_ID || 'webshare' },
];
const resolvers = {
  Query: { customers: () => CUSTOMERS },
  Customer: {
    __resolveReference: (reference) => CUSTOMERS.find((customer) => customer.id === reference.id) ?? null,
    account: (customer) => ({ id: customer.accountId }),
    dedicatedProxies: () => [],
    seats: () => [],
  },
};

const server = new ApolloServer({ schema: buildSubgraphSchema([{ typeDefs, resolvers }]) });
startStandaloneServer(server, { listen: { host: '0.0.0.0', port: Number(process.env.PORT || 4001) } }).then(({ url }) => {
  process.stdout.write(`customers subgraph at ${url}\n`);
});
process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
