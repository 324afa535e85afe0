/**
 * A real graphql-ws client (the `graphql-ws` package over `ws`) for subscription tests, and the poll counts
 * the ops listener's /metrics reports.
 */
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';

export interface SubscriptionResult<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

export interface Subscription<T> {
  results: Array<SubscriptionResult<T>>;
  /** Resolves when the server completes the subscription (or rejects with the socket's close/error). */
  done: Promise<void>;
  completed(): boolean;
  /** Waits until `count` results have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<Array<SubscriptionResult<T>>>;
  unsubscribe(): void;
}

export interface TestSubscriber {
  client: Client;
  subscribe<T>(query: string, variables?: Record<string, unknown>): Subscription<T>;
  close(): Promise<void>;
}

export function wsUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

export function testSubscriber(graphqlUrl: string, authorization?: string): TestSubscriber {
  const client = createClient({
    url: wsUrl(graphqlUrl),
    webSocketImpl: WebSocket,
    connectionParams: authorization ? { authorization } : {},
    retryAttempts: 0,
    lazy: true,
  });
  return {
    client,
    subscribe<T>(query: string, variables?: Record<string, unknown>): Subscription<T> {
      const results: Array<SubscriptionResult<T>> = [];
      const waiters: Array<() => void> = [];
      let isDone = false;
      let unsubscribe: () => void = () => undefined;
      const done = new Promise<void>((resolve, reject) => {
        unsubscribe = client.subscribe<T>(
          { query, variables },
          {
            next: (result) => {
              results.push(result as SubscriptionResult<T>);
              waiters.splice(0).forEach((wake) => wake());
            },
            error: (error) => {
              isDone = true;
              waiters.splice(0).forEach((wake) => wake());
              reject(error instanceof Error ? error : Object.assign(new Error('subscription failed'), { detail: error }));
            },
            complete: () => {
              isDone = true;
              waiters.splice(0).forEach((wake) => wake());
              resolve();
            },
          },
        );
      });
      done.catch(() => undefined);
      return {
        results,
        done,
        completed: () => isDone,
        async waitFor(count, timeoutMs = 10_000) {
          const deadline = Date.now() + timeoutMs;
          while (results.length < count) {
            if (isDone) break;
            const left = deadline - Date.now();
            if (left <= 0) throw new Error(`waited ${timeoutMs} ms for ${count} results, got ${results.length}: ${JSON.stringify(results)}`);
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, left);
              waiters.push(() => {
                clearTimeout(timer);
                resolve();
              });
            });
          }
          return results;
        },
        unsubscribe: () => unsubscribe(),
      };
    },
    close: () => client.dispose() as Promise<void>,
  };
}

/** proxygraph_live_polls_total for a watched resource and account, by outcome, from /metrics. */
export async function livePolls(opsUrl: string, kind: string, accountId: string): Promise<{ ok: number; failed: number; skipped: number }> {
  const text = await (await fetch(`${opsUrl}/metrics`)).text();
  const counts = { ok: 0, failed: 0, skipped: 0 };
  for (const outcome of Object.keys(counts) as Array<keyof typeof counts>) {
    const line = text
      .split('\n')
      .find(
        (row) =>
          row.startsWith('proxygraph_live_polls_total{') &&
          row.includes(`kind="${kind}"`) &&
          row.includes(`account_id="${accountId}"`) &&
          row.includes(`outcome="${outcome}"`),
      );
    counts[outcome] = line ? Number(line.split(' ').at(-1)) : 0;
  }
  return counts;
}

/** Polls `read` until `accept` says yes (or throws after timeoutMs). */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
