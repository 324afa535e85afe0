/**
 * The single chokepoint for outbound HTTP: every provider client sends through an AccountChannel made here.
 * One undici Pool per origin (shared by accounts on the same origin), explicit connect/headers/body
 * timeouts, an overall per-call deadline, JSON and form bodies, a call log, and a policy chain where
 * resilience plugs in without touching provider code. The chain, outermost first: the read cache (when
 * configured), single-flight (identical concurrent GETs share one call), retry (GETs, on transport failures and 5xx), any extra gateway policies,
 * then the account's own policies (rate budget, credential breaker), then the HTTP send. One deadline per
 * call covers all of it: retries and budget waits never run past it.
 */
import { Pool } from 'undici';
import type { Dispatcher } from 'undici';
import type { ProviderName } from '../core/providers';
import { UpstreamCallLog, type UpstreamCallRecord } from './call-log';
import { ProviderError, ProxyGraphError } from '../core/errors';
import { UpstreamFailure, providerErrorFromResponse, providerTransportError } from './failure';
import type { Redactor } from '../core/redact';
import { RetryPolicy, type RetryOptions } from './retry-policy';
import { SingleFlightPolicy } from './single-flight';
import { ReadCachePolicy, type ReadCacheOptions } from './read-cache';
import { InProcessBudgetStore, type BudgetStore } from './budget-store';
import { checkPath } from './path';
import { parseFrozen } from './frozen-json';
import type { UpstreamRequestContext } from './request-context';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

export interface UpstreamRequest {
  method: HttpMethod;
  /** Path relative to the account's base URL, parameters filled in by `pathWith` (path.ts); dot segments are refused. */
  path: string;
  /** Route template used as the metrics/call-log label, e.g. `GET /api/v2/subuser/:id/`. Never a raw URL. */
  endpoint: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string | number | boolean | null | undefined>;
  /** Overrides the channel's default per-call deadline. */
  timeoutMs?: number;
  /**
   * The GraphQL request this call is made for (set by a request's channel, `AccountChannel.forRequest`): its
   * deadline caps the call's, it may refuse the call (client gone, calls used up), it hears of the call.
   */
  context?: UpstreamRequestContext;
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | undefined>;
  text: string;
  json<T>(): T;
}

/** What a provider client tells the channel about itself: how to authenticate and how to read its errors. */
export interface AccountTarget {
  provider: ProviderName;
  accountId: string;
  baseUrl: string;
  /** Headers that authenticate a call. Called per request; values never reach logs or errors. */
  authHeaders(): Record<string, string>;
  /** Removes this account's own credentials, in every form they travel in, from provider text (redact.ts). */
  redact: Redactor;
  /** Extracts the provider's message, request id, field errors, and any code override from an error body. */
  describeFailure(status: number, body: string, headers: Record<string, string | undefined>): Omit<UpstreamFailure, 'provider' | 'accountId' | 'status'>;
}

export interface UpstreamCall {
  target: AccountTarget;
  request: UpstreamRequest;
  /** Epoch ms by which the whole call (budget waits, retries, sends) must be over. */
  deadlineAtMs: number;
  /**
   * For reads: the account's cache generation (read-cache.ts) the read began under, or this replica's count
   * of the account's writes. Single-flight joins only reads of the same epoch, so a read made after a write
   * never shares the answer of a read that began before it.
   */
  readEpoch?: string;
}

/**
 * A policy wraps a call: it may short-circuit (rate budget closed, breaker open, cached answer), retry
 * `next`, or observe. Policies run in array order, outermost first. `next` takes the call on, or a changed
 * copy of it (the read cache refreshes an entry under a context of its own).
 */
export interface UpstreamPolicy {
  readonly name: string;
  execute(call: UpstreamCall, next: (call?: UpstreamCall) => Promise<UpstreamResponse>): Promise<UpstreamResponse>;
}

export interface UpstreamTimeouts {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** Whole-call deadline, well under a router's 30 s. */
  callDeadlineMs: number;
}

export const DEFAULT_TIMEOUTS: UpstreamTimeouts = {
  connectTimeoutMs: 3_000,
  // The call's deadline (at most 25 s, `limits.timeoutMs`) is what bounds a call; these socket timeouts only
  // backstop it and must not be shorter, or a slow write the deadline allows is cut and reported mayHaveApplied.
  headersTimeoutMs: 25_000,
  bodyTimeoutMs: 25_000,
  callDeadlineMs: 15_000,
};

export interface UpstreamGatewayOptions {
  timeouts?: Partial<UpstreamTimeouts>;
  policies?: UpstreamPolicy[];
  callLog?: UpstreamCallLog;
  /** Connections per origin. */
  connectionsPerOrigin?: number;
  userAgent?: string;
  /** Retry of reads (defaults in retry-policy.ts); `false` turns it off. */
  retry?: Partial<RetryOptions> | false;
  /** Identical concurrent GETs share one upstream call; on by default. */
  singleFlight?: boolean;
  /** The read cache (read-cache.ts); off when absent. */
  readCache?: ReadCacheOptions;
  /** Where rate budgets keep their windows: in-process by default, Redis to share them across replicas. */
  budgets?: BudgetStore;
  /** Per-account whole-call deadlines (config `limits.timeoutMs`), by account id. */
  accountCallDeadlinesMs?: Record<string, number>;
}

export class UpstreamGateway {
  readonly callLog: UpstreamCallLog;
  readonly timeouts: UpstreamTimeouts;
  readonly budgets: BudgetStore;
  readonly readCache?: ReadCachePolicy;
  private readonly pools = new Map<string, Pool>();
  private readonly policies: UpstreamPolicy[];
  private readonly connectionsPerOrigin: number;
  private readonly userAgent: string;
  private readonly accountCallDeadlinesMs: Record<string, number>;

  constructor(options: UpstreamGatewayOptions = {}) {
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.budgets = options.budgets ?? new InProcessBudgetStore();
    this.accountCallDeadlinesMs = options.accountCallDeadlinesMs ?? {};
    this.callLog = options.callLog ?? new UpstreamCallLog();
    const resilience: UpstreamPolicy[] = [];
    // Outermost: a cached answer spends no budget, allowance or retry.
    if (options.readCache) resilience.push((this.readCache = new ReadCachePolicy(options.readCache, this.callLog)));
    if (options.singleFlight !== false) resilience.push(new SingleFlightPolicy(this.callLog));
    if (options.retry !== false) resilience.push(new RetryPolicy(options.retry ?? {}, this.callLog));
    this.policies = [...resilience, ...(options.policies ?? [])];
    this.connectionsPerOrigin = options.connectionsPerOrigin ?? 16;
    this.userAgent = options.userAgent ?? 'ProxyGraph/0.1';
  }

  /** The channel provider clients send through; `policies` apply to this account only, inside the gateway's. */
  channel(target: AccountTarget, policies: readonly UpstreamPolicy[] = []): AccountChannel {
    return new AccountChannel(this, target, policies);
  }

  /**
   * Runs the policy chain around the raw send. Non-2xx answers become ProviderErrors. The call's deadline is
   * the account's per-call deadline, cut short by the request's own deadline when the call is made for one.
   */
  async send(target: AccountTarget, request: UpstreamRequest, accountPolicies: readonly UpstreamPolicy[] = []): Promise<UpstreamResponse> {
    checkPath(request.path);
    const deadlineMs = request.timeoutMs ?? this.accountCallDeadlinesMs[target.accountId] ?? this.timeouts.callDeadlineMs;
    const deadlineAtMs = Math.min(Date.now() + deadlineMs, request.context?.deadlineAtMs ?? Number.POSITIVE_INFINITY);
    const call: UpstreamCall = { target, request, deadlineAtMs };
    const chain = accountPolicies.length === 0 ? this.policies : [...this.policies, ...accountPolicies];
    const run = (index: number, current: UpstreamCall): Promise<UpstreamResponse> => {
      const policy = chain[index];
      if (!policy) return this.sendOnce(current);
      return policy.execute(current, (changed = current) => run(index + 1, changed));
    };
    return run(0, call).catch((error: unknown) => {
      // ProxyGraph's own refusals (budget, deadline, client gone, call allowance) are ProxyGraphErrors that
      // did not come from a provider: counted, since no upstream call shows them.
      if (error instanceof ProxyGraphError && !(error instanceof ProviderError)) {
        this.callLog.recordEvent({ provider: target.provider, accountId: target.accountId, kind: 'refused', reason: error.code });
      }
      throw error;
    });
  }

  async close(): Promise<void> {
    this.readCache?.close();
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close().catch(() => pool.destroy())));
  }

  private pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: this.connectionsPerOrigin,
        connect: { timeout: this.timeouts.connectTimeoutMs },
        headersTimeout: this.timeouts.headersTimeoutMs,
        bodyTimeout: this.timeouts.bodyTimeoutMs,
        keepAliveTimeout: 4_000,
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  private record(request: UpstreamRequest, record: UpstreamCallRecord): void {
    this.callLog.record(record);
    request.context?.recorded(record);
  }

  private async sendOnce(call: UpstreamCall): Promise<UpstreamResponse> {
    const { target, request } = call;
    const base = new URL(target.baseUrl);
    const basePath = base.pathname.replace(/\/$/, '');
    const path = `${basePath}${request.path}${buildQuery(request.query)}`;
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.userAgent,
      // The request it is made for, so a provider's support can find it; a shared read carries its first asker's.
      ...(request.context?.requestId ? { 'x-request-id': request.context.requestId } : {}),
      ...request.headers,
      ...target.authHeaders(),
    };
    let body: string | undefined;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      headers['content-type'] = 'application/json';
    } else if (request.form !== undefined) {
      body = encodeForm(request.form);
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const isWrite = request.method !== 'GET';
    // The last moment to refuse: after any budget wait or retry backoff, right before the bytes go out.
    request.context?.admit(target);
    const traced = request.context?.tracer?.start({
      provider: target.provider,
      accountId: target.accountId,
      method: request.method,
      endpoint: request.endpoint,
      host: base.host,
    });
    if (traced) Object.assign(headers, traced.headers);
    const startedAt = performance.now();
    let response: Dispatcher.ResponseData;
    let text: string;
    try {
      response = await this.pool(base.origin).request({
        method: request.method,
        path,
        headers,
        body,
        // What is left of the call's deadline after any budget wait and earlier attempts.
        signal: AbortSignal.timeout(Math.max(1, call.deadlineAtMs - Date.now())),
      });
      text = await response.body.text();
    } catch (cause) {
      traced?.end({});
      this.record(request, {
        provider: target.provider,
        accountId: target.accountId,
        endpoint: request.endpoint,
        status: 'error',
        durationMs: performance.now() - startedAt,
      });
      throw providerTransportError(target.provider, target.accountId, cause, isWrite);
    }
    this.record(request, {
      provider: target.provider,
      accountId: target.accountId,
      endpoint: request.endpoint,
      status: response.statusCode,
      durationMs: performance.now() - startedAt,
    });
    traced?.end({ status: response.statusCode });
    const flatHeaders = flattenHeaders(response.headers);
    if (response.statusCode < 200 || response.statusCode >= 300) {
      const described = safeDescribe(target, response.statusCode, text, flatHeaders);
      throw providerErrorFromResponse(
        {
          provider: target.provider,
          accountId: target.accountId,
          status: response.statusCode,
          retryAfterSeconds: parseRetryAfter(flatHeaders['retry-after']),
          ...described,
        },
        target.redact,
      );
    }
    return upstreamResponse(target, response.statusCode, flatHeaders, text);
  }
}

/** One account's view of the gateway: the only object provider clients hold. */
export class AccountChannel {
  constructor(
    private readonly gateway: UpstreamGateway,
    readonly target: AccountTarget,
    /** This account's own policies (rate budget, credential breaker): they run inside the gateway's. */
    private readonly policies: readonly UpstreamPolicy[] = [],
  ) {}

  send(request: UpstreamRequest): Promise<UpstreamResponse> {
    return this.gateway.send(this.target, request, this.policies);
  }

  /**
   * The same channel (policies included) for calls made on behalf of one GraphQL request: each call carries
   * the request's context (deadline, cancellation, call allowance, principal, telemetry), without
   * async-context tracking on every promise.
   */
  forRequest(context: UpstreamRequestContext | undefined): AccountChannel {
    if (!context) return this;
    const view = Object.create(this) as AccountChannel;
    view.send = (request) => this.send({ ...request, context });
    return view;
  }

  async getJson<T>(request: Omit<UpstreamRequest, 'method'>): Promise<T> {
    const response = await this.send({ ...request, method: 'GET' });
    return response.json<T>();
  }
}

function safeDescribe(
  target: AccountTarget,
  status: number,
  text: string,
  headers: Record<string, string | undefined>,
): Omit<UpstreamFailure, 'provider' | 'accountId' | 'status'> {
  try {
    return target.describeFailure(status, text, headers);
  } catch {
    return {};
  }
}

/**
 * A 2xx answer as provider clients read it. `json()` parses afresh for each caller, so nobody shares objects;
 * except an answer kept in this process's read cache (`shared`), which is parsed once, frozen, and kept beside
 * the text for every later hit (frozen-json.ts).
 */
export function upstreamResponse(
  target: AccountTarget,
  status: number,
  headers: Record<string, string | undefined>,
  text: string,
  shared?: { parsedBody?: unknown },
): UpstreamResponse {
  return {
    status,
    headers,
    text,
    json<T>(): T {
      try {
        if (shared) return (shared.parsedBody ??= parseFrozen(text)) as T;
        return JSON.parse(text) as T;
      } catch {
        throw new ProviderError('PROVIDER_ERROR', `${target.provider} answered with a body that is not JSON`, {
          provider: target.provider,
          accountId: target.accountId,
          upstreamStatus: status,
        });
      }
    },
  };
}

export function buildQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const encoded = params.toString();
  return encoded ? `?${encoded}` : '';
}

function encodeForm(form: Record<string, string | number | boolean | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    if (value !== undefined && value !== null) params.set(key, String(value));
  }
  return params.toString();
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** Retry-After is either delta-seconds or an HTTP-date. */
export function parseRetryAfter(value: string | undefined, nowMs = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const dateMs = Date.parse(value);
  if (Number.isNaN(dateMs)) return undefined;
  return Math.max(0, Math.ceil((dateMs - nowMs) / 1000));
}
