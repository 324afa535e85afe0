/**
 * The cost bench's baseline: the least a GraphQL server can do for the bench's query. graphql-js over
 * node:http, one resolver fetching the Webshare page with undici and mapping the 7 selected fields; no
 * framework, no validation beyond graphql-js's, no auth, no limits. ProxyGraph's cost is measured against
 * this in the same run. Env: SIM_ORIGIN, SIM_TOKEN, PORT. Prints `ready` when listening.
 */
import { createServer } from 'node:http';
import { buildSchema, graphql } from 'graphql';
import { Pool } from 'undici';

interface WebshareProxy {
  id: string;
  proxy_address: string | null;
  port: number;
  country_code: string;
  valid: boolean;
  username: string;
}

const schema = buildSchema(`
  type Query { account(id: ID!): Account }
  type Account { proxies(first: Int!, after: String): ProxyConnection! }
  type ProxyConnection { edges: [ProxyEdge!]! }
  type ProxyEdge { node: Proxy! }
  type Ports { http: Int }
  type Proxy { id: ID! host: String ports: Ports! country: String status: String! username: String }
`);

const pool = new Pool(process.env.SIM_ORIGIN!, { connections: 16 });
const authorization = `Token ${process.env.SIM_TOKEN}`;

const rootValue = {
  account: () => ({
    async proxies({ first, after }: { first: number; after?: string }) {
      const offset = after ? Number(Buffer.from(after, 'base64url').toString().split(':')[1]) + 1 : 0;
      const page = Math.floor(offset / first) + 1;
      const response = await pool.request({
        method: 'GET',
        path: `/api/v2/proxy/list/?mode=direct&page=${page}&page_size=${first}`,
        headers: { authorization },
      });
      const body = (await response.body.json()) as { results: WebshareProxy[] };
      return {
        edges: body.results.map((proxy) => ({
          node: {
            id: proxy.id,
            host: proxy.proxy_address,
            ports: { http: proxy.port },
            country: proxy.country_code,
            status: proxy.valid ? 'ACTIVE' : 'INVALID',
            username: proxy.username,
          },
        })),
      };
    },
  }),
};

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', async () => {
    const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown> };
    const result = await graphql({ schema, source: query, rootValue, variableValues: variables });
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(result));
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
process.once('SIGTERM', () => {
  server.close();
  void pool.close().then(() => process.exit(0));
});
