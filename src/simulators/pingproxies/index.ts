/**
 * A faithful Ping Proxies simulator (docs/providers/reference.md §2): a real HTTP server under `/1.0/public/user/...` with
 * seeded, stateful account data, the two-key header auth, `{data, message}` envelopes, search pagination,
 * `{error, message, api_request_id}` errors and the 10 requests/second limit (429). Routes live in
 * routes*.ts, state in state.ts, seed data in data.ts.
 */
import { SimulatorServer, SlidingWindowLimiter, systemClock, type ProviderSimulator, type SimClock, type SimRequest, type SimResponse } from '../kit';
import type { PingSearchResource, PingSimContext } from './context';
import { createPingState } from './data';
import { pingError } from './http';
import { registerPingRoutes } from './routes';
import type { PingSimState } from './state';

export interface PingProxiesSimulatorOptions {
  seed?: number;
  /** Proxies on the account (60% ISP in the US, the rest datacenter around the world). */
  proxyCount?: number;
  /** Proxy users beyond the three seeded from the docs. */
  extraProxyUsers?: number;
  /** `customer_proxy_user_limit` [C]. */
  proxyUserLimit?: number;
  /** Per-user cap on authorized IPs [3P field; I default]. */
  ipAuthenticationLimit?: number;
  publicKey?: string;
  privateKey?: string;
  /** `false` turns throttling off; otherwise requests per second per customer (default 10 [C Byteful; I Ping]). */
  rateLimit?: false | { perSecond: number };
  /** Searches that answer `total_count: -1` [C "when too expensive to count"]. */
  uncountedSearches?: PingSearchResource[];
  latencyMs?: number;
  clock?: SimClock;
  port?: number;
  host?: string;
}

export interface PingProxiesSimulator extends ProviderSimulator {
  readonly provider: 'pingproxies';
  readonly credentials: { publicKey: string; privateKey: string };
  readonly state: PingSimState;
  readonly clock: SimClock;
}

export const DEFAULT_PING_PUBLIC_KEY = 'demo-ping-public-key';
export const DEFAULT_PING_PRIVATE_KEY = 'demo-ping-private-key';

/** Known paths, so a wrong method answers 405 [PP-PRIV-DOCS; 3P] rather than 404. */
const KNOWN_PATHS = [
  /^\/1\.0\/public\/user\/customer\/retrieve$/,
  /^\/1\.0\/public\/user\/residential\/summary$/,
  /^\/1\.0\/public\/user\/(service|proxy|proxy_user)\/search$/,
  /^\/1\.0\/public\/user\/(service|proxy|proxy_user)\/retrieve\/[^/]+$/,
  /^\/1\.0\/public\/user\/(service|proxy_user)\/edit\/[^/]+$/,
  /^\/1\.0\/public\/user\/service\/cancel\/[^/]+$/,
  /^\/1\.0\/public\/user\/proxy_user\/(create|delete\/[^/]+)$/,
  /^\/1\.0\/public\/user\/proxy\/list_by_id$/,
  /^\/1\.0\/public\/user\/proxy\/(list_by_search|list\/options)$/,
  /^\/1\.0\/public\/user\/residential\/list$/,
  /^\/1\.0\/public\/user\/proxy_user_acl\/(search|create|retrieve\/[^/]+|delete\/[^/]+)$/,
  /^\/1\.0\/public\/user\/service_adjustment\/(search|retrieve\/[^/]+)$/,
];

export async function startPingProxiesSimulator(options: PingProxiesSimulatorOptions = {}): Promise<PingProxiesSimulator> {
  const clock = options.clock ?? systemClock;
  const publicKey = options.publicKey ?? DEFAULT_PING_PUBLIC_KEY;
  const privateKey = options.privateKey ?? DEFAULT_PING_PRIVATE_KEY;
  const state = createPingState({
    seed: options.seed ?? 1,
    nowMs: clock.nowMs(),
    proxyCount: options.proxyCount ?? 150,
    extraProxyUsers: options.extraProxyUsers ?? 0,
    proxyUserLimit: options.proxyUserLimit ?? 10,
    ipAuthenticationLimit: options.ipAuthenticationLimit ?? 100,
  });
  const limiter = options.rateLimit === false ? null : new SlidingWindowLimiter(options.rateLimit?.perSecond ?? 10, 1_000, clock);

  const server = new SimulatorServer({
    name: 'pingproxies',
    knobs: { latencyMs: options.latencyMs ?? 0 },
    notFound: (req) =>
      KNOWN_PATHS.some((pattern) => pattern.test(req.path))
        ? pingError(405, 'The method is not allowed for the requested URL.')
        : pingError(404, 'The requested URL was not found on the server.'),
    internalError: () => pingError(500, 'An unexpected error occurred.'),
  });
  const context: PingSimContext = { state, nowMs: () => clock.nowMs(), uncountedSearches: new Set(options.uncountedSearches ?? []) };

  // Every route: both API keys, then the per-customer rate limit.
  const guard =
    (handler: (req: SimRequest) => SimResponse) =>
    (req: SimRequest): SimResponse => {
      const denied = authenticate(req, publicKey, privateKey);
      if (denied) return denied;
      const verdict = limiter?.take(publicKey);
      if (verdict && !verdict.ok) {
        // [3P] wording; no Retry-After or rate-limit headers are documented.
        return pingError(429, `Rate limit exceeded. Please try again in ${verdict.retryAfterSeconds} seconds.`);
      }
      return handler(req);
    };
  registerPingRoutes(server, context, guard);
  await server.start(options.port ?? 0, options.host ?? '127.0.0.1');

  return {
    provider: 'pingproxies',
    server,
    origin: `${server.origin}/1.0`,
    credentials: { publicKey, privateKey },
    state,
    clock,
    stop: () => server.stop(),
  };
}

/** [C] both headers on every request; missing or wrong → 401 "API key authentication is required." */
function authenticate(req: SimRequest, publicKey: string, privateKey: string): SimResponse | undefined {
  const givenPublic = req.headers['x-api-public-key'];
  const givenPrivate = req.headers['x-api-private-key'];
  if (givenPublic === publicKey && givenPrivate === privateKey) return undefined;
  return pingError(401, 'API key authentication is required.');
}
