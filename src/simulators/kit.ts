/**
 * The toolkit every provider simulator is built on: a real node:http server on 127.0.0.1 (port 0 by
 * default), a small router, a log of received calls, and knobs for latency and fault injection.
 *
 * A simulator is written from the provider's docs, not from what our adapter sends: routing, auth,
 * status codes and bodies belong to each provider's simulator (`src/simulators/<name>/`); this file only carries the
 * plumbing they share.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SimRequest {
  method: string;
  /** Path without the query string, exactly as sent (trailing slash preserved). */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  /** Named segments captured by the route pattern (`/api/v2/subuser/:id/` → `{ id }`). */
  params: Record<string, string>;
  /** Origin the client reached us on, e.g. `http://127.0.0.1:40123` (for absolute `next` URLs). */
  origin: string;
  /** Parsed JSON body; throws SimulatorBodyError on malformed JSON. */
  json(): unknown;
  /** Parsed application/x-www-form-urlencoded body. */
  form(): URLSearchParams;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects and arrays are sent as JSON; strings as text/plain; undefined as an empty body. */
  body?: unknown;
}

export type SimHandler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

export class SimulatorBodyError extends Error {}

export interface RecordedCall {
  method: string;
  path: string;
  query: string;
  /** The route pattern that matched (e.g. `GET /api/v2/subuser/:id/`), or `unmatched`. */
  endpoint: string;
  status: number;
  /** Header names only for secrets: values of authorization-like headers are never recorded. */
  headers: Record<string, string>;
  body: string;
  startedAtMs: number;
  finishedAtMs: number;
}

export interface FaultRule {
  /** Matches the route pattern (`GET /api/v2/profile/`) or a RegExp over it; absent = every route. */
  endpoint?: string | RegExp;
  /** `status` answers with status/body; `reset` destroys the socket; `hang` never answers. */
  kind?: 'status' | 'reset' | 'hang';
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching calls this rule affects; absent = until cleared. */
  times?: number;
}

export interface SimulatorKnobs {
  /** Added before each response; a function may vary it per call. */
  latencyMs: number | ((endpoint: string) => number);
}

/** A clock the simulators read instead of Date.now(), so tests can move time (bans, rate windows). */
export interface SimClock {
  nowMs(): number;
}

export class ManualClock implements SimClock {
  constructor(private currentMs = Date.now()) {}
  nowMs(): number {
    return this.currentMs;
  }
  advance(ms: number): void {
    this.currentMs += ms;
  }
  set(ms: number): void {
    this.currentMs = ms;
  }
}

export const systemClock: SimClock = { nowMs: () => Date.now() };

const SECRET_HEADER = /^(authorization|x-api-private-key|x-api-public-key|cookie|proxy-authorization)$/i;

interface Route {
  method: string;
  pattern: string;
  segments: string[];
  handler: SimHandler;
}

export interface SimulatorServerOptions {
  name: string;
  knobs?: Partial<SimulatorKnobs>;
  /** Answer for requests no route matches (each provider answers 404 its own way). */
  notFound: SimHandler;
  /** Answer for a handler that threw (each provider has its own 500 body). */
  internalError?: SimHandler;
}

export class SimulatorServer {
  readonly name: string;
  readonly calls: RecordedCall[] = [];
  knobs: SimulatorKnobs;
  private readonly routes: Route[] = [];
  private readonly faults: FaultRule[] = [];
  private readonly notFound: SimHandler;
  private readonly internalError: SimHandler;
  private server?: http.Server;
  private originUrl?: string;
  private readonly openSockets = new Set<import('node:net').Socket>();

  constructor(options: SimulatorServerOptions) {
    this.name = options.name;
    this.knobs = { latencyMs: 0, ...options.knobs };
    this.notFound = options.notFound;
    this.internalError = options.internalError ?? (() => ({ status: 500, body: { detail: 'Internal server error.' } }));
  }

  /** Registers a route. Pattern segments starting with `:` capture; the trailing slash is significant. */
  route(method: string, pattern: string, handler: SimHandler): this {
    this.routes.push({ method: method.toUpperCase(), pattern, segments: pattern.split('/'), handler });
    return this;
  }

  get origin(): string {
    if (!this.originUrl) throw new Error(`${this.name} simulator is not started`);
    return this.originUrl;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = http.createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 5_000;
    server.on('connection', (socket) => {
      this.openSockets.add(socket);
      socket.on('close', () => this.openSockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    this.originUrl = `http://${host}:${address.port}`;
    return this.originUrl;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const socket of this.openSockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Adds a fault rule; faults are checked in insertion order before routing. */
  injectFault(rule: FaultRule): void {
    this.faults.push({ kind: 'status', ...rule });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  resetCalls(): void {
    this.calls.length = 0;
  }

  /** Number of received calls whose route pattern equals `endpoint` (or matches it, for a RegExp). */
  callCount(endpoint?: string | RegExp): number {
    return this.calls.filter((call) => matchesEndpoint(endpoint, call.endpoint)).length;
  }

  callsTo(endpoint: string | RegExp): RecordedCall[] {
    return this.calls.filter((call) => matchesEndpoint(endpoint, call.endpoint));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const startedAtMs = Date.now();
    const rawBody = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const { route, params } = this.match(method, url.pathname);
    const endpoint = route ? `${route.method} ${route.pattern}` : 'unmatched';
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      headers[name] = SECRET_HEADER.test(name) ? '[present]' : String(value);
    }
    const call: RecordedCall = {
      method,
      path: url.pathname,
      query: url.search,
      endpoint,
      status: 0,
      headers,
      body: rawBody,
      startedAtMs,
      finishedAtMs: startedAtMs,
    };
    this.calls.push(call);

    const latencyMs = typeof this.knobs.latencyMs === 'function' ? this.knobs.latencyMs(endpoint) : this.knobs.latencyMs;
    if (latencyMs > 0) await sleep(latencyMs);

    const fault = this.takeFault(endpoint);
    if (fault?.kind === 'reset') {
      call.finishedAtMs = Date.now();
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'hang') return;

    const address = req.socket.address() as AddressInfo;
    const request: SimRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      rawBody,
      params,
      origin: `http://${req.headers.host ?? `127.0.0.1:${address.port}`}`,
      json: () => {
        if (rawBody.trim() === '') return {};
        try {
          return JSON.parse(rawBody);
        } catch {
          throw new SimulatorBodyError('malformed JSON body');
        }
      },
      form: () => new URLSearchParams(rawBody),
    };

    let response: SimResponse;
    try {
      if (fault) response = { status: fault.status ?? 500, body: fault.body, headers: fault.headers };
      else if (route) response = await route.handler(request);
      else response = await this.notFound(request);
    } catch (error) {
      response = await this.internalError(request);
      if (!(error instanceof SimulatorBodyError)) {
        response = { ...response, headers: { ...response.headers, 'x-simulator-error': String(error).slice(0, 200) } };
      }
    }
    call.status = response.status;
    call.finishedAtMs = Date.now();
    send(res, response);
  }

  private match(method: string, pathname: string): { route?: Route; params: Record<string, string> } {
    const segments = pathname.split('/');
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < segments.length; i++) {
        const want = route.segments[i];
        const got = segments[i];
        if (want.startsWith(':')) {
          if (got === '') {
            ok = false;
            break;
          }
          params[want.slice(1)] = decodeURIComponent(got);
        } else if (want !== got) {
          ok = false;
          break;
        }
      }
      if (ok) return { route, params };
    }
    return { params: {} };
  }

  private takeFault(endpoint: string): FaultRule | undefined {
    for (let i = 0; i < this.faults.length; i++) {
      const rule = this.faults[i];
      if (!matchesEndpoint(rule.endpoint, endpoint)) continue;
      if (rule.times !== undefined) {
        rule.times -= 1;
        if (rule.times <= 0) this.faults.splice(i, 1);
      }
      return rule;
    }
    return undefined;
  }
}

function matchesEndpoint(filter: string | RegExp | undefined, endpoint: string): boolean {
  if (filter === undefined) return true;
  return typeof filter === 'string' ? filter === endpoint : filter.test(endpoint);
}

function send(res: http.ServerResponse, response: SimResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  let payload = '';
  if (response.body !== undefined && response.body !== null) {
    if (typeof response.body === 'string') {
      payload = response.body;
      headers['content-type'] ??= 'text/plain; charset=utf-8';
    } else {
      payload = JSON.stringify(response.body);
      headers['content-type'] ??= 'application/json';
    }
  }
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Sliding-window request budget, as providers describe theirs ("240 requests / minute").
 * `take` records a request and says whether it fits, and if not, when the oldest one leaves the window.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly clock: SimClock = systemClock,
  ) {}

  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.clock.nowMs();
    const list = (this.hits.get(key) ?? []).filter((at) => at > now - this.windowMs);
    if (list.length >= this.limit) {
      this.hits.set(key, list);
      const retryAfterMs = list[0] + this.windowMs - now;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
    }
    list.push(now);
    this.hits.set(key, list);
    return { ok: true };
  }

  reset(): void {
    this.hits.clear();
  }
}

/** Deterministic PRNG (mulberry32) so seeded data is the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** Reads HTTP Basic credentials; undefined when absent or malformed. */
export function basicCredentials(req: SimRequest): { username: string; password: string } | undefined {
  const header = req.headers.authorization;
  if (!header || !/^basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * What every provider simulator exposes to tests and to demo mode, so one harness can drive all four.
 */
export interface ProviderSimulator {
  readonly provider: 'webshare' | 'proxymesh' | 'wonderproxy' | 'pingproxies';
  readonly server: SimulatorServer;
  /** Origin to put in an account's `baseUrl`. */
  readonly origin: string;
  /** Credentials that the simulator accepts, in the config's `credentials` shape for this provider. */
  readonly credentials: Record<string, string>;
  stop(): Promise<void>;
}
