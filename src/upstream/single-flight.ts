/**
 * Single-flight for reads (docs/architecture.md §5), as the outermost gateway policy: while a GET is in flight (waiting
 * for its budget slot, being sent, or between retries), an identical GET for the same account joins it
 * instead of making its own call. "Identical" means same account (provider, id, base URL), path, query,
 * extra headers and deadline override. This spans GraphQL requests: DataLoaders de-duplicate within one
 * request, this de-duplicates across concurrent ones, so a burst of the same query costs one call per read.
 *
 * Joiners get the same outcome (the same response, or the same error). The response is read-only: `json()`
 * parses the text afresh for each caller, so nobody sees another caller's mutations.
 */
import type { UpstreamCall, UpstreamPolicy, UpstreamRequest, UpstreamResponse } from './http';

export class SingleFlightPolicy implements UpstreamPolicy {
  readonly name = 'single-flight';
  private readonly flights = new Map<string, Promise<UpstreamResponse>>();
  /** Calls that joined another call's flight (for tests and metrics). */
  joined = 0;

  execute(call: UpstreamCall, next: () => Promise<UpstreamResponse>): Promise<UpstreamResponse> {
    const { request } = call;
    if (request.method !== 'GET' || request.json !== undefined || request.form !== undefined) return next();
    const key = flightKey(call);
    const existing = this.flights.get(key);
    if (existing) {
      this.joined += 1;
      return existing;
    }
    const flight = next().finally(() => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    });
    this.flights.set(key, flight);
    return flight;
  }

  /** Reads in flight right now. */
  get inFlight(): number {
    return this.flights.size;
  }
}

function flightKey({ target, request }: UpstreamCall): string {
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

function sortedEntries(record: UpstreamRequest['query'] | UpstreamRequest['headers']): Array<[string, unknown]> {
  if (!record) return [];
  return Object.entries(record)
    .filter(([, value]) => value !== undefined && value !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
