/**
 * What a query selects under the current field, read from GraphQLResolveInfo, so adapters ask providers
 * for optional parts only when they are shown (WonderProxy `detail=location,usage,geostatus`). Fragments
 * and inline fragments are followed; @skip/@include are ignored, which at worst asks for a little more.
 */
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { SelectedDetails } from '../../providers/contract/params';

const MAX_DEPTH = 8;

/** Dotted paths of the fields selected below this field, by field name (not alias), e.g. `edges.node.country`. */
export function selectedPaths(info: GraphQLResolveInfo): Set<string> {
  const paths = new Set<string>();
  const visit = (set: SelectionSetNode | undefined, prefix: string, depth: number): void => {
    if (!set || depth > MAX_DEPTH) return;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const path = prefix ? `${prefix}.${selection.name.value}` : selection.name.value;
        paths.add(path);
        visit(selection.selectionSet, path, depth + 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, prefix, depth);
      } else {
        visit(info.fragments[selection.name.value]?.selectionSet, prefix, depth + 1);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, '', 1);
  return paths;
}

function under(prefix: string, field: string): string {
  return prefix ? `${prefix}.${field}` : field;
}

/** Details a Proxy selection needs; `prefix` is where the Proxy sits (`edges.node` in a connection). */
export function proxyDetails(info: GraphQLResolveInfo, prefix = ''): SelectedDetails {
  const paths = selectedPaths(info);
  return {
    location: paths.has(under(prefix, 'country')) || paths.has(under(prefix, 'city')),
    geoStatus: paths.has(under(prefix, 'geoStatus')),
  };
}

/** Details a ProxyServer selection needs. */
export function serverDetails(info: GraphQLResolveInfo, prefix = ''): SelectedDetails {
  const paths = selectedPaths(info);
  return {
    location: paths.has(under(prefix, 'location')),
    usage: paths.has(under(prefix, 'usage')),
    geoStatus: paths.has(under(prefix, 'ips.geoStatus')),
  };
}

/** Whether a usage selection shows bandwidthRemainingBytes anywhere below this field (per account or in totals). */
export function showsRemaining(info: GraphQLResolveInfo): boolean {
  return [...selectedPaths(info)].some((path) => path === 'bandwidthRemainingBytes' || path.endsWith('.bandwidthRemainingBytes'));
}
