/**
 * A faithful WonderProxy simulator (docs/providers/wonderproxy.txt, docs/providers/reference.md §4): a real HTTP server with seeded,
 * stateful contract data, HTTP Basic auth with the token as username, `{"message"}` error bodies,
 * 201 + Location / 204 / 404 / 405 / 409, and an optional request budget (WonderProxy documents none).
 * Routes live in routes*.ts; state in state.ts.
 */
import {
  basicCredentials,
  SimulatorServer,
  SlidingWindowLimiter,
  systemClock,
  type ProviderSimulator,
  type SimClock,
  type SimRequest,
  type SimResponse,
} from '../kit';
import { createState, type WonderProxyState } from './state';
import { message, NOT_FOUND, UNAUTHENTICATED } from './http';
import { registerWonderProxyRoutes, RESOURCES } from './routes';
import type { WonderProxyHealth } from '../../providers/wonderproxy/wire';

export interface WonderProxySimulatorOptions {
  seed?: number;
  /** The API token the simulator accepts (as the Basic username). */
  token?: string;
  /** Short names of the servers on the contract (from the catalogue); default: eight incl. the docs' samples. */
  contractServers?: string[];
  /** Proxy users on the contract and whether each is active. */
  users?: Record<string, boolean>;
  authlistCount?: number;
  overrideCount?: number;
  periodLimitBytes?: number;
  /** Per-server usage limits instead of the network limit. */
  detailedServerBilling?: boolean;
  /** Requests per minute per token before 429; absent = no limit (WonderProxy documents none). */
  requestsPerMinute?: number;
  /** The address a create without `ip` authorizes when no X-Forwarded-For says otherwise. */
  callerIp?: string;
  latencyMs?: number;
  clock?: SimClock;
  port?: number;
  host?: string;
}

export interface WonderProxySimulator extends ProviderSimulator {
  readonly provider: 'wonderproxy';
  readonly credentials: { token: string };
  readonly state: WonderProxyState;
  readonly clock: SimClock;
  /** Sets the monitored health of one exit IP, as WonderProxy's checks would. False if no such server/IP. */
  setIpStatus(server: string, ip: string, status: WonderProxyHealth): boolean;
  /** (De)activates a proxy user, as an admin would in the dashboard (no API for users). */
  setUserActive(user: string, active: boolean): void;
}

export const DEFAULT_WONDERPROXY_TOKEN = 'demo-wonderproxy-token';

/** Everything a route handler needs. */
export interface WonderProxySimContext {
  state: WonderProxyState;
  nowMs(): number;
  callerIp(req: SimRequest): string;
}

export async function startWonderProxySimulator(options: WonderProxySimulatorOptions = {}): Promise<WonderProxySimulator> {
  const clock = options.clock ?? systemClock;
  const token = options.token ?? DEFAULT_WONDERPROXY_TOKEN;
  const state = createState({
    seed: options.seed ?? 1,
    nowMs: clock.nowMs(),
    contractServers: options.contractServers,
    users: options.users,
    authlistCount: options.authlistCount ?? 3,
    overrideCount: options.overrideCount ?? 2,
    periodLimitBytes: options.periodLimitBytes ?? 100_000_000_000,
    detailedServerBilling: options.detailedServerBilling ?? false,
  });
  const limiter = options.requestsPerMinute ? new SlidingWindowLimiter(options.requestsPerMinute, 60_000, clock) : null;
  const server = new SimulatorServer({
    name: 'wonderproxy',
    knobs: { latencyMs: options.latencyMs ?? 0 },
    notFound: (req) => notFoundOrNotAllowed(req),
    // [C] 500 "There was a problem on the API side"; [I] wording.
    internalError: () => message(500, 'There was a problem on the API side, and the problem has been logged.'),
  });
  const context: WonderProxySimContext = {
    state,
    nowMs: () => clock.nowMs(),
    callerIp: (req) => forwardedFor(req) ?? options.callerIp ?? '127.0.0.1',
  };
  // Every route authenticates, then takes from the budget.
  const guard =
    (handler: (req: SimRequest) => SimResponse) =>
    (req: SimRequest): SimResponse => {
      const denied = authenticate(req, token);
      if (denied) return denied;
      const verdict = limiter?.take(token);
      if (verdict && !verdict.ok) {
        // [I] WonderProxy documents no rate limit; this knob answers the way its other errors do.
        return message(429, 'Too many requests. Please slow down.', { 'retry-after': String(verdict.retryAfterSeconds) });
      }
      return handler(req);
    };
  registerWonderProxyRoutes(server, context, guard);
  await server.start(options.port ?? 0, options.host ?? '127.0.0.1');

  return {
    provider: 'wonderproxy',
    server,
    origin: server.origin,
    credentials: { token },
    state,
    clock,
    setIpStatus(serverName, ip, status) {
      const target = state.network.get(serverName)?.ips.find((candidate) => candidate.ip === ip);
      if (!target) return false;
      target.status = status;
      target.status_time = Math.floor(clock.nowMs() / 1000);
      return true;
    },
    setUserActive(user, active) {
      state.users.set(user, active);
    },
    stop: () => server.stop(),
  };
}

/** [C] HTTP Basic with the token as username and an empty password; [I] a password, if sent, is ignored. */
function authenticate(req: SimRequest, token: string): SimResponse | undefined {
  const credentials = basicCredentials(req);
  if (!credentials || credentials.username !== token) return UNAUTHENTICATED;
  return undefined;
}

/** [C] 405 for a method the resource does not take, 404 for a path that does not exist. */
function notFoundOrNotAllowed(req: SimRequest): SimResponse {
  const resource = RESOURCES.find((candidate) => candidate.pattern.test(req.path));
  if (resource && !resource.methods.includes(req.method)) {
    return message(405, `The ${req.method} method is not allowed for this resource.`, { allow: resource.methods.join(', ') });
  }
  return NOT_FOUND;
}

function forwardedFor(req: SimRequest): string | undefined {
  const header = req.headers['x-forwarded-for'];
  const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim();
  return first || undefined;
}
