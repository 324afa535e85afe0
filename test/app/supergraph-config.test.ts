/**
 * The committed supergraph config (deploy/supergraph.yaml, for `rover supergraph compose`) composes: each
 * subgraph's schema file as the config names it, through Apollo's own composition.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import gql from 'graphql-tag';
import { parse as parseYaml } from 'yaml';
import { composeServices } from '@apollo/composition';
import { REPO_ROOT } from '../support/paths';

interface SupergraphConfig {
  federation_version: string;
  subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
}

test('deploy/supergraph.yaml composes ProxyGraph with the sample subgraph, entities joined by key', () => {
  const path = join(REPO_ROOT, 'deploy', 'supergraph.yaml');
  const config = parseYaml(readFileSync(path, 'utf8')) as SupergraphConfig;
  assert.match(config.federation_version, /^=2\.\d+\.\d+$/);
  const services = Object.entries(config.subgraphs).map(([name, subgraph]) => ({
    name,
    url: subgraph.routing_url,
    typeDefs: gql(readFileSync(join(dirname(path), subgraph.schema.file), 'utf8')),
  }));
  assert.deepEqual(services.map((service) => service.name).sort(), ['customers', 'proxygraph']);
  const result = composeServices(services);
  assert.deepEqual(result.errors?.map((error) => error.message) ?? [], []);
  const supergraph = result.supergraphSdl ?? '';
  assert.match(supergraph, /type Customer\b[\s\S]*account: Account/);
  assert.match(supergraph, /join__type\(graph: PROXYGRAPH, key: "id"\)/);
});
