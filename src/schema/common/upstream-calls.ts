/**
 * Which fields call providers, and how their calls grow (docs/security.md, "Upstream calls per request").
 * Declared on the resolver, read by the static estimate in http/upstream-estimate.ts that refuses an
 * operation before execution when it would make more upstream calls than a request may:
 *
 * - `perAccount`: about one call per account the parent objects belong to (per-request loaders batch and
 *   memoize the rest), e.g. `Account.plan`, `Proxy.url`;
 * - `perItem`: a call per parent object on some providers (ProxyMesh reads each sub-account's IPs apart);
 *   estimated like `perAccount`, since on the others it batches — the per-request allowance catches the rest;
 * - `fanOut`: one call per visible account (cross-account root fields and mutations);
 * - `one`: a single account's call (lookups by id, single-account mutations).
 */
import { Extensions } from 'type-graphql';

export type UpstreamCallKind = 'perAccount' | 'perItem' | 'fanOut' | 'one';

export const UPSTREAM_CALLS_EXTENSION = 'upstreamCalls';

export function UpstreamCalls(kind: UpstreamCallKind): MethodDecorator & PropertyDecorator {
  return Extensions({ [UPSTREAM_CALLS_EXTENSION]: kind }) as MethodDecorator & PropertyDecorator;
}
