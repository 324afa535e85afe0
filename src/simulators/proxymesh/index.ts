/**
 * A faithful ProxyMesh account-API simulator (docs/providers/proxymesh.txt, docs/providers/reference.md §3): a real HTTP server with
 * seeded, stateful data, HTTP Basic (or bearer) auth as the parent account, form-encoded POSTs, the
 * documented status codes, plan limits (402), sub-account ownership (403/404), and the ban after
 * 4 authentication failures (3 hours, on an injectable clock). ProxyMesh documents no rate limit.
 * Routes live in routes-*.ts; state in state.ts; auth and bans in auth.ts.
 */
import { SimulatorServer, systemClock, type ProviderSimulator, type SimClock, type SimHandler, type SimRequest, type SimResponse } from '../kit';
import { authenticate, BanTracker, DEFAULT_BAN_RULES, type BanRules } from './auth';
import { DEFAULT_AUTHORIZED_HOSTS } from './data';
import { FORBIDDEN_SUB_AUTH, httpsRedirect, methodNotAllowed, PAGE_NOT_FOUND, UNAUTHORIZED } from './http';
import { registerAccessRoutes } from './routes-access';
import { registerSubAccountRoutes } from './routes-subs';
import { createState, type ProxyMeshPlan, type ProxyMeshState } from './state';

export interface ProxyMeshSimulatorOptions {
  seed?: number;
  /** Parent account credentials the simulator accepts. */
  username?: string;
  password?: string;
  /** Bearer token accepted as an alternative to Basic auth. */
  bearerToken?: string;
  /** Seeded sub-accounts of the parent. */
  subAccountCount?: number;
  plan?: Partial<ProxyMeshPlan>;
  /** Short names or domains of the proxy hosts the account starts with. */
  authorizedHosts?: string[];
  ban?: Partial<BanRules>;
  /** Answer every request with 302 to https:// (ProxyMesh refuses plain HTTP) [C]. */
  requireHttps?: boolean;
  latencyMs?: number;
  clock?: SimClock;
  port?: number;
  host?: string;
}

export interface ProxyMeshSimulator extends ProviderSimulator {
  readonly provider: 'proxymesh';
  readonly credentials: { username: string; password: string };
  readonly bearerToken: string;
  readonly state: ProxyMeshState;
  readonly clock: SimClock;
  readonly bans: BanTracker;
  /** Every 401 answered since start (or the last bans.reset()). */
  authFailureCount(): number;
  isBanned(username?: string): boolean;
  setRequireHttps(on: boolean): void;
  /** Makes plan-dependent calls (sub-account create, proxy add) answer 503. */
  setPlanLookupFailing(on: boolean): void;
}

export const DEFAULT_PROXYMESH_USERNAME = 'pm-demo';
export const DEFAULT_PROXYMESH_PASSWORD = 'demo-proxymesh-password';
export const DEFAULT_PROXYMESH_TOKEN = 'pm_demo_bearer_token';
const DEFAULT_PLAN: ProxyMeshPlan = { subAccountLimit: 10, proxyLimit: 8 }; // [I] plan sizes

export type Guard = (handler: (req: SimRequest) => SimResponse) => SimHandler;

/** Paths and their methods, for the 405 answer to a known path with the wrong method. */
const ROUTES: Record<string, string> = {
  '/api/sub/create/': 'POST',
  '/api/sub/edit/': 'POST',
  '/api/sub/get/': 'GET',
  '/api/sub/activate/': 'POST',
  '/api/sub/deactivate/': 'POST',
  '/api/sub/delete/': 'POST',
  '/api/ips/': 'GET',
  '/api/ip/add/': 'POST',
  '/api/ip/delete/': 'POST',
  '/api/hostnames/': 'GET',
  '/api/hostname/add/': 'POST',
  '/api/hostname/delete/': 'POST',
  '/api/proxies/': 'GET',
  '/api/proxy/add/': 'POST',
  '/api/proxy/delete/': 'POST',
  '/api/geoips/open/': 'GET',
  '/api/geoips/world/': 'GET',
};

export async function startProxyMeshSimulator(options: ProxyMeshSimulatorOptions = {}): Promise<ProxyMeshSimulator> {
  const clock = options.clock ?? systemClock;
  const state = createState({
    seed: options.seed ?? 1,
    username: options.username ?? DEFAULT_PROXYMESH_USERNAME,
    password: options.password ?? DEFAULT_PROXYMESH_PASSWORD,
    bearerToken: options.bearerToken ?? DEFAULT_PROXYMESH_TOKEN,
    subAccountCount: options.subAccountCount ?? 3,
    plan: { ...DEFAULT_PLAN, ...options.plan },
    authorizedHosts: options.authorizedHosts ?? DEFAULT_AUTHORIZED_HOSTS,
  });
  const bans = new BanTracker(clock, { ...DEFAULT_BAN_RULES, ...options.ban });
  let requireHttps = options.requireHttps ?? false;

  const server = new SimulatorServer({
    name: 'proxymesh',
    knobs: { latencyMs: options.latencyMs ?? 0 },
    notFound: (req) => {
      const allowed = ROUTES[req.path];
      if (requireHttps) return httpsRedirect(req);
      return allowed ? methodNotAllowed([allowed]) : PAGE_NOT_FOUND;
    },
    internalError: () => ({ status: 500, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<h1>Server Error (500)</h1>' }),
  });

  // Every API route: HTTPS first (a redirect happens before anything else), then auth, then the handler.
  const guard: Guard = (handler) => (req) => {
    if (requireHttps) return httpsRedirect(req);
    const identity = authenticate(req, state, bans);
    if (identity.kind === 'denied') return UNAUTHORIZED;
    if (identity.kind === 'sub') return FORBIDDEN_SUB_AUTH;
    return handler(req);
  };
  registerSubAccountRoutes(server, state, guard);
  registerAccessRoutes(server, state, guard);
  await server.start(options.port ?? 0, options.host ?? '127.0.0.1');

  return {
    provider: 'proxymesh',
    server,
    origin: server.origin,
    credentials: { username: state.parent.username, password: state.parent.password },
    bearerToken: state.parent.bearerToken,
    state,
    clock,
    bans,
    authFailureCount: () => bans.failures,
    isBanned: (username = state.parent.username) => bans.isBanned(username),
    setRequireHttps(on) {
      requireHttps = on;
    },
    setPlanLookupFailing(on) {
      state.planLookupFailing = on;
    },
    stop: () => server.stop(),
  };
}
