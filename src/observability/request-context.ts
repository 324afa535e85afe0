/**
 * Per-request facts gathered below the resolvers (how many upstream calls a request made, and how long they
 * took), carried with AsyncLocalStorage so the upstream layer need not know about GraphQL requests.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { UpstreamCallLog } from '../upstream/call-log';

export interface RequestFacts {
  requestId: string;
  upstreamCalls: number;
  upstreamMs: number;
}

const storage = new AsyncLocalStorage<RequestFacts>();

export function runWithRequestFacts<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId, upstreamCalls: 0, upstreamMs: 0 }, fn);
}

export function currentRequestFacts(): RequestFacts | undefined {
  return storage.getStore();
}

/** Counts each recorded upstream call against the request it was made for. */
export function countUpstreamCallsPerRequest(callLog: UpstreamCallLog): () => void {
  return callLog.subscribe((call) => {
    const facts = storage.getStore();
    if (!facts) return;
    facts.upstreamCalls += 1;
    facts.upstreamMs += call.durationMs;
  });
}
