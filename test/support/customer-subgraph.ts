/**
 * A small second subgraph for federation tests: customers that reference ProxyGraph's entities by key. Its
 * SDL is the sample subgraph of the committed supergraph config (deploy/customers.graphql).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import gql from 'graphql-tag';
import { REPO_ROOT } from './paths';

export const CUSTOMER_SUBGRAPH_TYPEDEFS = gql(readFileSync(join(REPO_ROOT, 'deploy', 'customers.graphql'), 'utf8'));
