/**
 * What one GraphQL request imposes on every upstream call made on its behalf (docs/architecture.md §5, docs/security.md):
 *
 * - one deadline for the whole request: no call outlives it, whatever per-call deadline the account has;
 * - no new call once the client has gone (its connection closed before the answer was sent): calls already
 *   in flight finish (a write cut halfway would leave the provider in an unknown state), nothing new starts;
 * - at most `maxCalls` HTTP calls (retries included), so one request within every query limit cannot
 *   spend an account's rate budget for everyone else;
 * - who is asking (`principal`), so an account's rate budget is shared fairly between callers;
 * - telemetry: every call made for the request is reported to `onRecorded` (its log line's counts).
 *
 * Work that serves several requests at once (Ping's batched IP-list passes) runs under `union()` of their
 * contexts: it goes on while any of them still waits, until the latest of their deadlines.
 */
import { ProxyGraphError } from '../core/errors';
import type { UpstreamCallRecord } from './call-log';
import type { ProviderName } from '../core/providers';

export interface UpstreamRequestContextOptions {
  /** Fairness key for rate budgets: the principal's name (an API key's configured name, a JWT subject). Never a secret. */
  principal: string;
  /** Epoch ms by which every upstream call of the request must be over. */
  deadlineAtMs: number;
  /** HTTP calls the request may make (retries count). */
  maxCalls: number;
  /** Aborted when the client has gone; no new call starts after that. */
  clientGone?: AbortSignal;
  onRecorded?: (record: UpstreamCallRecord) => void;
  /** The client asked for fresh data (`Cache-Control: no-cache`): the read cache is not consulted, only refilled. */
  freshReads?: boolean;
  /**
   * The oldest cached answer this request accepts (ms since it was stored); an older one is read again and
   * refilled. A subscription's poll sets its interval: it reuses what a query read since the last poll, and
   * never reports older news than that.
   */
  maxCacheAgeMs?: number;
  /** The GraphQL request's id: sent upstream as `x-request-id`, so a provider's logs can be matched with ours. */
  requestId?: string;
}

/**
 * Traces the request's upstream calls (observability/tracing.ts): each call gets a span, and the headers
 * that carry its trace context to the provider. Absent when tracing is off.
 */
export interface CallTracer {
  start(call: { provider: ProviderName; accountId: string; method: string; endpoint: string; host: string }): {
    headers: Record<string, string>;
    /** The provider's status, or none when it gave no answer. */
    end(outcome: { status?: number }): void;
  };
}

/** What the read cache served this request, for its response headers. */
export interface CacheReadTally {
  hit: number;
  stale: number;
  miss: number;
  bypass: number;
  /** Age of the oldest cached answer served, in ms (0 when none was). */
  oldestAgeMs: number;
}

export type CacheReadResult = Exclude<keyof CacheReadTally, 'oldestAgeMs'>;

export class UpstreamRequestContext {
  readonly principal: string;
  readonly deadlineAtMs: number;
  readonly maxCalls: number;
  readonly requestId?: string;
  /** Set by the tracing plugin when tracing is on. */
  tracer?: CallTracer;
  /** Reads skip the read cache (still refilling it): asked by the client, or the request is a mutation. */
  freshReads: boolean;
  readonly maxCacheAgeMs?: number;
  readonly cacheReads: CacheReadTally = { hit: 0, stale: 0, miss: 0, bypass: 0, oldestAgeMs: 0 };
  private callsMade = 0;

  constructor(private readonly options: UpstreamRequestContextOptions) {
    this.principal = options.principal;
    this.deadlineAtMs = options.deadlineAtMs;
    this.maxCalls = options.maxCalls;
    this.freshReads = options.freshReads ?? false;
    this.maxCacheAgeMs = options.maxCacheAgeMs;
    this.requestId = options.requestId;
  }

  /** A context without limits (check-config, background work): nobody's deadline but the call's own. */
  static unbounded(principal = 'proxygraph'): UpstreamRequestContext {
    return new UpstreamRequestContext({ principal, deadlineAtMs: Number.POSITIVE_INFINITY, maxCalls: Number.POSITIVE_INFINITY });
  }

  /** Several requests served by one piece of work: it may go on while any of them is still waiting. */
  static union(contexts: readonly UpstreamRequestContext[]): UpstreamRequestContext {
    if (contexts.length === 1) return contexts[0];
    const union = new UpstreamRequestContext({
      principal: contexts[0]?.principal ?? 'proxygraph',
      deadlineAtMs: Math.max(...contexts.map((context) => context.deadlineAtMs)),
      maxCalls: Number.POSITIVE_INFINITY,
      onRecorded: (record) => contexts.forEach((context) => context.recorded(record)),
      freshReads: contexts.some((context) => context.freshReads),
      maxCacheAgeMs: youngest(contexts.map((context) => context.maxCacheAgeMs)),
      requestId: contexts[0]?.requestId,
    });
    union.tracer = contexts[0]?.tracer;
    union.isGone = () => contexts.every((context) => context.clientHasGone);
    return union;
  }

  get clientHasGone(): boolean {
    return this.isGone();
  }

  get callsSoFar(): number {
    return this.callsMade;
  }

  /** Milliseconds left before the request's deadline (never negative). */
  remainingMs(nowMs = Date.now()): number {
    return Math.max(0, this.deadlineAtMs - nowMs);
  }

  /**
   * Called right before each HTTP send: refuses it when the client has gone, the deadline has passed or the
   * request has used its calls. Refused calls are never sent, so they cost the provider nothing.
   */
  admit(about: { provider: ProviderName; accountId: string }): void {
    this.ensureOpen(about);
    if (this.callsMade >= this.maxCalls) {
      throw new ProxyGraphError(
        'BAD_USER_INPUT',
        `this request needs more than ${this.maxCalls} upstream calls (server.limits.maxUpstreamCallsPerRequest); ask for fewer items or split it`,
        { provider: about.provider, accountId: about.accountId },
      );
    }
    this.callsMade += 1;
  }

  /** Throws when the client has gone or the deadline has passed (before waiting for a rate-budget slot, say). */
  ensureOpen(about: { provider: ProviderName; accountId: string }): void {
    const details = { provider: about.provider, accountId: about.accountId };
    if (this.clientHasGone) {
      throw new ProxyGraphError('PROVIDER_UNAVAILABLE', 'the client has gone; no further upstream call is made for this request', details);
    }
    if (Date.now() >= this.deadlineAtMs) {
      throw new ProxyGraphError('PROVIDER_UNAVAILABLE', 'the request deadline passed before this upstream call could be made', details);
    }
  }

  /** From now on this request's reads go to the provider (a mutation's reads, read-cache-plugin.ts). */
  readFresh(): void {
    this.freshReads = true;
  }

  /** The read cache answered one of this request's reads (or was passed over for it). */
  cacheRead(result: CacheReadResult, ageMs = 0): void {
    this.cacheReads[result] += 1;
    if (result === 'hit' || result === 'stale') this.cacheReads.oldestAgeMs = Math.max(this.cacheReads.oldestAgeMs, ageMs);
  }

  recorded(record: UpstreamCallRecord): void {
    this.options.onRecorded?.(record);
  }

  private isGone: () => boolean = () => this.options.clientGone?.aborted ?? false;
}

/** The strictest of several cache-age limits (undefined: none). */
function youngest(limits: ReadonlyArray<number | undefined>): number | undefined {
  const given = limits.filter((limit): limit is number => limit !== undefined);
  return given.length ? Math.min(...given) : undefined;
}
