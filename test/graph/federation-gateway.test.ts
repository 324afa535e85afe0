/**
 * ProxyGraph inside a real supergraph: a small `customers` subgraph references Account, Proxy and SubUser by
 * key, @apollo/gateway composes both from their running servers, and queries cross the boundary. The
 * references one query plan sends to ProxyGraph resolve with batched upstream calls.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CUSTOMER_SUBGRAPH_TYPEDEFS } from '../support/customer-subgraph';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { ApolloGateway, IntrospectAndCompose } from '@apollo/gateway';
import { startHarness, WEBSHARE_ACCOUNT_ID, type Harness } from '../support/harness';
import { GraphQLTestClient } from '../support/graphql-client';
import { callsTo, PLAN_BY_ID, PROXY_LIST } from '../support/webshare-api';
import { AccountProxiesDocument, CreateSubUserDocument } from '../generated/graphql';

interface Customer {
  id: string;
  name: string;
  accountId: string;
  proxyIds: string[];
  seatIds: string[];
}

let harness: Harness;
let customersServer: ApolloServer;
let gatewayServer: ApolloServer;
let supergraph: GraphQLTestClient;
let customers: Customer[];

before(async () => {
  harness = await startHarness();
  const proxies = await harness.client.data(AccountProxiesDocument, { id: WEBSHARE_ACCOUNT_ID, first: 40 });
  const proxyIds = proxies.account!.proxies!.edges.map((edge) => edge.node.id);
  const seat = (await harness.client.data(CreateSubUserDocument, { input: { accountId: WEBSHARE_ACCOUNT_ID, label: 'supergraph seat' } })).createSubUser;
  // Four customers, ten dedicated proxies each: 40 Proxy references in one query.
  customers = [0, 1, 2, 3].map((index) => ({
    id: `c${index}`,
    name: `Customer ${index}`,
    accountId: WEBSHARE_ACCOUNT_ID,
    proxyIds: proxyIds.slice(index * 10, index * 10 + 10),
    seatIds: index === 0 ? [seat.id] : [],
  }));

  customersServer = new ApolloServer({
    schema: buildSubgraphSchema([
      {
        typeDefs: CUSTOMER_SUBGRAPH_TYPEDEFS,
        resolvers: {
          Query: { customers: () => customers },
          Customer: {
            account: (customer: Customer) => ({ __typename: 'Account', id: customer.accountId }),
            dedicatedProxies: (customer: Customer) => customer.proxyIds.map((id) => ({ __typename: 'Proxy', id })),
            seats: (customer: Customer) => customer.seatIds.map((id) => ({ __typename: 'SubUser', id })),
          },
        },
      },
    ]),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url: customersUrl } = await startStandaloneServer(customersServer, { listen: { port: 0, host: '127.0.0.1' } });

  const gateway = new ApolloGateway({
    supergraphSdl: new IntrospectAndCompose({
      subgraphs: [
        { name: 'proxygraph', url: harness.proxygraph.url },
        { name: 'customers', url: customersUrl },
      ],
    }),
  });
  gatewayServer = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(gatewayServer, { listen: { port: 0, host: '127.0.0.1' } });
  supergraph = new GraphQLTestClient(url);
});

after(async () => {
  await gatewayServer?.stop();
  await customersServer?.stop();
  await harness?.stop();
});

test('a supergraph query crosses from customers into ProxyGraph for accounts, proxies and sub-users', async () => {
  const result = await supergraph.request(`{
    customers {
      name
      account { id provider plan { proxyCount } }
      dedicatedProxies { id host country account { id } }
      seats { id label }
    }
  }`);
  assert.deepEqual(result.errors, []);
  const data = result.data as {
    customers: Array<{
      name: string;
      account: { id: string; provider: string; plan: { proxyCount: number } };
      dedicatedProxies: Array<{ id: string; host: string; country: string; account: { id: string } }>;
      seats: Array<{ id: string; label: string }>;
    }>;
  };
  assert.equal(data.customers.length, 4);
  assert.equal(data.customers[0].account.provider, 'WEBSHARE');
  assert.ok(data.customers[0].account.plan.proxyCount > 0);
  assert.deepEqual(
    data.customers[2].dedicatedProxies.map((proxy) => proxy.id),
    customers[2].proxyIds,
  );
  assert.ok(data.customers.every((customer) => customer.dedicatedProxies.every((proxy) => /^\d+\.\d+\.\d+\.\d+$/.test(proxy.host))));
  assert.deepEqual(data.customers[0].seats, [{ id: customers[0].seatIds[0], label: 'supergraph seat' }]);
});

test('40 Proxy references and 4 Account references in one supergraph query cost one proxy-list call and one plan call', async () => {
  harness.webshare.server.resetCalls();
  const result = await supergraph.request(`{ customers { account { plan { proxyCount } } dedicatedProxies { host } } }`);
  assert.deepEqual(result.errors, []);
  assert.equal(callsTo(harness.webshare, PROXY_LIST), 1);
  assert.equal(callsTo(harness.webshare, PLAN_BY_ID), 1);
});
