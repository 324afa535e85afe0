/**
 * The supergraph deploy/compose.yaml's router runs: deploy/supergraph.yaml composed by Apollo's own
 * composition (what `rover supergraph compose` does), written to deploy/supergraph.graphql by
 * `npm run supergraph`, checked current by test/app/compose-file.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import gql from 'graphql-tag';
import { parse as parseYaml } from 'yaml';
import { composeServices } from '@apollo/composition';
import { REPO_ROOT } from './paths';

export const SUPERGRAPH_CONFIG_PATH = join(REPO_ROOT, 'deploy', 'supergraph.yaml');
export const SUPERGRAPH_PATH = join(REPO_ROOT, 'deploy', 'supergraph.graphql');

interface SupergraphConfig {
  federation_version: string;
  subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
}

export function readSupergraphConfig(): SupergraphConfig {
  return parseYaml(readFileSync(SUPERGRAPH_CONFIG_PATH, 'utf8')) as SupergraphConfig;
}

/** The composed supergraph SDL of deploy/supergraph.yaml, or the composition errors. */
export function composeSupergraph(): { supergraphSdl: string | null; errors: string[] } {
  const config = readSupergraphConfig();
  const services = Object.entries(config.subgraphs).map(([name, subgraph]) => ({
    name,
    url: subgraph.routing_url,
    typeDefs: gql(readFileSync(join(dirname(SUPERGRAPH_CONFIG_PATH), subgraph.schema.file), 'utf8')),
  }));
  const result = composeServices(services);
  return { supergraphSdl: result.supergraphSdl ?? null, errors: result.errors?.map((error) => error.message) ?? [] };
}

if (require.main === module) {
  const { supergraphSdl, errors } = composeSupergraph();
  if (!supergraphSdl) {
    process.stderr.write(`composition failed:\n${errors.join('\n')}\n`);
    process.exit(1);
  }
  writeFileSync(SUPERGRAPH_PATH, supergraphSdl);
  process.stdout.write(`wrote ${SUPERGRAPH_PATH}\n`);
}
