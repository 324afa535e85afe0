/**
 * Single-flight for reads (docs/architecture.md §5), as the outermost gateway policy: while a GET is in flight (waiting
 * for its budget slot, being sent, or between retries), an identical GET for the same account joins it
 * instead of making its own call. "Identical" means the same request identity (request-identity.ts) and the
 * same read epoch: a read made after a write to the account never joins one that began before it. This spans GraphQL requests: DataLoaders de-duplicate within one
 * request, this de-duplicates across concurrent ones, so a burst of the same query costs one call per read.
 *
 * Joiners get the same outcome (the same response, or the same error). The response is read-only: `json()`
 * parses the text afresh for each caller, so nobody sees another caller's mutations.
 */
import type { UpstreamCall, UpstreamPolicy, UpstreamResponse } from './http';
import { isPlainRead, requestIdentity } from './request-identity';
import type { UpstreamCallLog } from './call-log';

export class SingleFlightPolicy implements UpstreamPolicy {
  readonly name = 'single-flight';
  private readonly flights = new Map<string, Promise<UpstreamResponse>>();
  /** Calls that joined another call's flight (for tests and metrics). */
  joined = 0;

  constructor(private readonly log?: UpstreamCallLog) {}

  execute(call: UpstreamCall, next: () => Promise<UpstreamResponse>): Promise<UpstreamResponse> {
    const { request } = call;
    if (!isPlainRead(request)) return next();
    const key = flightKey(call);
    const existing = this.flights.get(key);
    if (existing) {
      this.joined += 1;
      this.log?.recordEvent({ provider: call.target.provider, accountId: call.target.accountId, kind: 'single_flight_join' });
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

function flightKey(call: UpstreamCall): string {
  return `${call.readEpoch ?? ''}|${requestIdentity(call)}`;
}
