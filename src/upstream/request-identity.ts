/**
 * What makes two reads the same read: the account (provider, id, base URL), path, query, extra headers and
 * deadline override. Single-flight joins reads with the same identity (and epoch); the read cache stores an
 * answer under a digest of it.
 */
import type { UpstreamCall, UpstreamRequest } from './http';

export function requestIdentity({ target, request }: UpstreamCall): string {
  return JSON.stringify([
    target.provider,
    target.accountId,
    target.baseUrl,
    request.path,
    sortedEntries(request.query),
    sortedEntries(request.headers),
    request.timeoutMs ?? null,
  ]);
}

/** A GET without a body: the only calls that may be shared or cached. */
export function isPlainRead(request: UpstreamRequest): boolean {
  return request.method === 'GET' && request.json === undefined && request.form === undefined;
}

function sortedEntries(record: UpstreamRequest['query'] | UpstreamRequest['headers']): Array<[string, unknown]> {
  if (!record) return [];
  return Object.entries(record)
    .filter(([, value]) => value !== undefined && value !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
