/**
 * The container set-up as committed: the Dockerfile's shape, deploy/compose.yaml (two replicas sharing Redis,
 * the sample subgraph, Apollo Router on deploy/supergraph.graphql), the ProxyGraph config it mounts, and the
 * router's supergraph — current, and answering a query across both subgraphs when a gateway runs it against
 * ProxyGraph and the sample subgraph's own code. (No Docker engine runs here: the image itself is not built.)
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { loadConfigFile } from '../../src/config/load';
import { PRODUCTION_NODE_FLAGS } from '../../src/runtime-flags';
import { startTestProxyGraph } from '../support/proxygraph';
import { GraphQLTestClient } from '../support/graphql-client';
import { REPO_ROOT } from '../support/paths';
import { composeSupergraph, readSupergraphConfig, SUPERGRAPH_PATH } from '../support/supergraph';
import { freePort } from '../../bench/support';
import type { RunningProxyGraph } from '../../src/app';
import { startWebshareSimulator, type WebshareSimulator } from '../../src/simulators/webshare';

const DEPLOY = join(REPO_ROOT, 'deploy');
const ROUTER_SECRET = 'compose-router-secret-0123456789';

interface ComposeFile {
  services: Record<
    string,
    {
      image?: string;
      build?: { context: string };
      deploy?: { replicas?: number };
      volumes?: string[];
      entrypoint?: string[];
      command?: string[];
      depends_on?: Record<string, { condition: string }>;
    }
  >;
}

test('the Dockerfile builds in one stage and runs as the unprivileged node user with a health check', () => {
  const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
  const stages = dockerfile.match(/^FROM .+$/gm) ?? [];
  assert.equal(stages.length, 2);
  for (const stage of stages) assert.match(stage, /node:20\./, 'the Node.js of package.json engines');
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  assert.match(runtime, /^USER node$/m);
  assert.ok(runtime.includes(`ENV NODE_OPTIONS=${PRODUCTION_NODE_FLAGS.join(' ')}`), 'the production heap limit (src/runtime-flags.ts)');
  assert.match(runtime, /^HEALTHCHECK [^\n]*\\\n[^\n]*\/health/m);
  assert.match(runtime, /npm|node_modules/);
  assert.doesNotMatch(runtime, /npm ci|COPY src /, 'the runtime stage copies the build, it does not build');
});

test('deploy/compose.yaml runs two ProxyGraph replicas on Redis, the sample subgraph and a router on the committed supergraph', () => {
  const compose = parseYaml(readFileSync(join(DEPLOY, 'compose.yaml'), 'utf8')) as ComposeFile;
  assert.deepEqual(Object.keys(compose.services).sort(), ['customers', 'proxygraph', 'redis', 'router']);
  const { proxygraph, customers, router } = compose.services;
  assert.equal(proxygraph.deploy?.replicas, 2);
  assert.equal(proxygraph.build?.context, '..');
  assert.equal(proxygraph.depends_on?.redis.condition, 'service_healthy');
  assert.deepEqual(customers.entrypoint, ['node', 'deploy/customers-subgraph.js']);
  assert.ok(router.volumes?.includes('./supergraph.graphql:/dist/schema/supergraph.graphql:ro'));
  assert.ok(router.volumes?.includes('./router.yaml:/dist/config/router.yaml:ro'));

  // The config the replicas mount is valid ProxyGraph config, sharing Redis and requiring the router secret.
  const mounted = proxygraph.volumes?.find((volume) => volume.endsWith(':/etc/proxygraph/config.json:ro'));
  assert.ok(mounted);
  const config = loadConfigFile(join(DEPLOY, mounted.split(':')[0]), { WEBSHARE_API_TOKEN: 'token', ROUTER_SECRET, PROXYGRAPH_API_KEY_SHA256: 'a'.repeat(64) });
  assert.equal(config.redis?.url, 'redis://redis:6379');
  assert.equal(config.server?.routerSecret, ROUTER_SECRET);
  assert.equal(config.server?.host, '0.0.0.0');

  // The router sends the secret to ProxyGraph and takes ProxyGraph's subscriptions over callbacks.
  const routerConfig = parseYaml(readFileSync(join(DEPLOY, 'router.yaml'), 'utf8')) as {
    headers: { subgraphs: { proxygraph: { request: Array<{ insert?: { name: string; value: string } }> } } };
    subscription: { enabled: boolean; mode: { callback: { subgraphs: string[] } } };
  };
  assert.ok(
    routerConfig.headers.subgraphs.proxygraph.request.some((rule) => rule.insert?.name === 'x-router-secret' && rule.insert.value === '${env.ROUTER_SECRET}'),
  );
  assert.deepEqual(routerConfig.subscription.mode.callback.subgraphs, ['proxygraph']);
  // Routing URLs name the compose services.
  const subgraphs = readSupergraphConfig().subgraphs;
  assert.equal(new URL(subgraphs.proxygraph.routing_url).hostname, 'proxygraph');
  assert.equal(new URL(subgraphs.customers.routing_url).hostname, 'customers');
});

test('deploy/supergraph.graphql is the current composition of deploy/supergraph.yaml (npm run supergraph)', () => {
  const { supergraphSdl, errors } = composeSupergraph();
  assert.deepEqual(errors, []);
  assert.equal(readFileSync(SUPERGRAPH_PATH, 'utf8'), supergraphSdl);
});

let webshare: WebshareSimulator;
let proxygraph: RunningProxyGraph;
let customers: ChildProcess;
let gatewayServer: ApolloServer;
let supergraph: GraphQLTestClient;

before(async () => {
  webshare = await startWebshareSimulator({ seed: 8, rateLimits: false, proxyCount: 5 });
  proxygraph = await startTestProxyGraph(
    [{ id: 'webshare', provider: 'webshare', baseUrl: webshare.origin, credentials: { token: webshare.credentials.token } }],
    {
      server: { routerSecret: ROUTER_SECRET },
    },
  );
  const customersPort = await freePort();
  customers = spawn(process.execPath, [join(DEPLOY, 'customers-subgraph.js')], {
    env: { ...process.env, PORT: String(customersPort) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    customers.stdout!.once('data', () => resolve());
    customers.once('exit', (code) => reject(new Error(`customers subgraph exited with ${code}`)));
  });
  // The committed supergraph, with its routing URLs (compose service names) pointed at the test's servers.
  const urls: Record<string, string> = { proxygraph: proxygraph.url, customers: `http://127.0.0.1:${customersPort}/` };
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name }) =>
      new RemoteGraphQLDataSource({
        url: urls[name],
        willSendRequest({ request }) {
          if (name === 'proxygraph') request.http?.headers.set('x-router-secret', ROUTER_SECRET);
        },
      }),
  });
  gatewayServer = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(gatewayServer, { listen: { port: 0, host: '127.0.0.1' } });
  supergraph = new GraphQLTestClient(url);
});

after(async () => {
  await gatewayServer?.stop();
  customers?.kill('SIGTERM');
  await proxygraph?.stop();
  await webshare?.stop();
});

test('a gateway on the committed supergraph answers across the sample subgraph and ProxyGraph', async () => {
  const data = await supergraph.data<
    { customers: Array<{ name: string; account: { id: string; provider: string; plan: { proxyCount: number } | null } }> },
    unknown
  >('{ customers { name account { id provider plan { proxyCount } } } }');
  assert.deepEqual(
    data.customers.map((customer) => [customer.name, customer.account.id, customer.account.provider]),
    [
      ['Acme Scraping', 'webshare', 'WEBSHARE'],
      ['Globex Monitoring', 'webshare', 'WEBSHARE'],
    ],
  );
  assert.ok((data.customers[0].account.plan?.proxyCount ?? 0) > 0);
});
