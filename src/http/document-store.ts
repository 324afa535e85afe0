/**
 * Apollo keeps every parsed and validated document, keyed by its hash, so a repeated query skips parsing.
 * Its default store is bounded at 30 MiB by the JSON size of the AST, which leaves out the source text each
 * parsed document holds (`loc.source.body`, comments and padding included): 600 distinct 900 KB queries
 * from a read-only key kept 559 MB. This store counts that text too, under the same 30 MiB.
 */
import type { DocumentNode } from 'graphql';
import { ByteBoundedMemoryCache, stringBytes } from '../state/memory-cache';

export const PARSED_DOCUMENT_CACHE_BYTES = 30 * 1024 * 1024;

export function documentBytes(document: DocumentNode, key: string): number {
  return stringBytes(key) + Buffer.byteLength(JSON.stringify(document)) + stringBytes(document.loc?.source.body ?? '');
}

export function parsedDocumentStore(maxBytes = PARSED_DOCUMENT_CACHE_BYTES): ByteBoundedMemoryCache<DocumentNode> {
  return new ByteBoundedMemoryCache<DocumentNode>(maxBytes, documentBytes);
}
