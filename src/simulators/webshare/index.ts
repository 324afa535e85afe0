/**
 * A faithful Webshare simulator (docs/providers/reference.md §1): a real HTTP server with seeded, stateful account data,
 * Token auth, DRF error bodies, PageNumberPagination with absolute URLs, per-token rate limits and the async
 * replacement state machine. Routes live in routes.ts; state in state.ts.
 */
import { SimulatorServer, SlidingWindowLimiter, systemClock, type ProviderSimulator, type SimClock, type SimRequest, type SimResponse } from '../kit';
import { createState, type WebsharePlanSeed, type WebshareState } from './state';
import { setValidity } from './proxies';
import { registerWebshareRoutes } from './routes';
import { settleReplacements } from './replacements';

export interface WebshareRateLimits {
  /** [C] 240 requests / minute across the API. */
  generalPerMinute: number;
  /** [C] 60 requests / minute on the proxy-list endpoints. */
  proxyListPerMinute: number;
}

export interface WebshareSimulatorOptions {
  seed?: number;
  /** Proxies in the default plan (up to 100_000; lists are generated lazily). */
  proxyCount?: number;
  /** The API key the simulator accepts. */
  token?: string;
  /** `false` turns throttling off (tests that are not about rate limits). */
  rateLimits?: false | Partial<WebshareRateLimits>;
  /** Time a replacement spends validating, and then processing. */
  replacementDelayMs?: number;
  latencyMs?: number;
  clock?: SimClock;
  plans?: WebsharePlanSeed[];
  subUserCount?: number;
  ipAuthorizationCount?: number;
  port?: number;
  host?: string;
}

export interface WebshareSimulator extends ProviderSimulator {
  readonly provider: 'webshare';
  readonly credentials: { token: string };
  readonly state: WebshareState;
  readonly clock: SimClock;
  /** Forces a proxy's `valid` flag, as Webshare's 30-second verification would. False if no such proxy. */
  setProxyValidity(proxyId: string, valid: boolean): boolean;
}

export const DEFAULT_WEBSHARE_TOKEN = 'demo-webshare-token';
const DEFAULT_LIMITS: WebshareRateLimits = { generalPerMinute: 240, proxyListPerMinute: 60 };

/** Everything a route handler needs. */
export interface WebshareSimContext {
  state: WebshareState;
  nowMs(): number;
}

const DJANGO_NOT_FOUND: SimResponse = {
  status: 404,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body: '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n',
};

export async function startWebshareSimulator(options: WebshareSimulatorOptions = {}): Promise<WebshareSimulator> {
  const clock = options.clock ?? systemClock;
  const token = options.token ?? DEFAULT_WEBSHARE_TOKEN;
  const replacementDelayMs = options.replacementDelayMs ?? 2_000;
  const state = createState({
    seed: options.seed ?? 1,
    nowMs: clock.nowMs(),
    proxyCount: options.proxyCount ?? 250,
    plans: options.plans ?? [],
    subUserCount: options.subUserCount ?? 4,
    ipAuthorizationCount: options.ipAuthorizationCount ?? 3,
  });
  const limits = options.rateLimits === false ? null : { ...DEFAULT_LIMITS, ...options.rateLimits };
  const general = limits && new SlidingWindowLimiter(limits.generalPerMinute, 60_000, clock);
  const proxyList = limits && new SlidingWindowLimiter(limits.proxyListPerMinute, 60_000, clock);

  const server = new SimulatorServer({
    name: 'webshare',
    knobs: { latencyMs: options.latencyMs ?? 0 },
    notFound: (req) => notFound(req),
    internalError: () => ({ status: 500, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<h1>Server Error (500)</h1>' }),
  });
  const context: WebshareSimContext = { state, nowMs: () => clock.nowMs() };

  // Every authenticated route passes auth, then the throttles, then lets pending replacements move on.
  const guard =
    (handler: (req: SimRequest) => SimResponse) =>
    (req: SimRequest): SimResponse => {
      const denied = authenticate(req, token);
      if (denied) return denied;
      const throttled = throttle(req, token, general, proxyList);
      if (throttled) return throttled;
      settleReplacements(state, clock.nowMs(), replacementDelayMs);
      return handler(req);
    };
  registerWebshareRoutes(server, context, guard);
  await server.start(options.port ?? 0, options.host ?? '127.0.0.1');

  return {
    provider: 'webshare',
    server,
    origin: server.origin,
    credentials: { token },
    state,
    clock,
    setProxyValidity(proxyId, valid) {
      return [...state.plans.values()].some((plan) => setValidity(plan.list, proxyId, valid));
    },
    stop: () => server.stop(),
  };
}

/** DRF TokenAuthentication's three answers [C "Invalid token."; DRF wording for the others]. */
function authenticate(req: SimRequest, token: string): SimResponse | undefined {
  const header = req.headers.authorization;
  const challenge = { 'www-authenticate': 'Token' };
  if (!header || !/^token\b/i.test(header)) {
    return { status: 401, headers: challenge, body: { detail: 'Authentication credentials were not provided.' } };
  }
  const parts = header.trim().split(/\s+/);
  if (parts.length === 1) return { status: 401, headers: challenge, body: { detail: 'Invalid token header. No credentials provided.' } };
  if (parts.length > 2) return { status: 401, headers: challenge, body: { detail: 'Invalid token header. Token string should not contain spaces.' } };
  if (parts[1] !== token) return { status: 401, headers: challenge, body: { detail: 'Invalid token.' } };
  return undefined;
}

/** 240/min overall and 60/min on proxy-list endpoints, per API key; 429 with Retry-After [C limits; DRF text]. */
function throttle(req: SimRequest, token: string, general: SlidingWindowLimiter | null, proxyList: SlidingWindowLimiter | null): SimResponse | undefined {
  const verdicts = [general?.take(token)];
  if (req.path.startsWith('/api/v2/proxy/list/')) verdicts.push(proxyList?.take(token));
  for (const verdict of verdicts) {
    if (verdict && !verdict.ok) {
      const seconds = verdict.retryAfterSeconds;
      return { status: 429, headers: { 'retry-after': String(seconds) }, body: { detail: `Request was throttled. Expected available in ${seconds} seconds.` } };
    }
  }
  return undefined;
}

/** Django's answers for unknown paths: APPEND_SLASH redirects a GET missing its slash; the rest is an HTML 404. */
function notFound(req: SimRequest): SimResponse {
  if ((req.method === 'GET' || req.method === 'HEAD') && !req.path.endsWith('/') && req.path.startsWith('/api/')) {
    const query = req.query.toString();
    return { status: 301, headers: { location: `${req.path}/${query ? `?${query}` : ''}` } };
  }
  return DJANGO_NOT_FOUND;
}
