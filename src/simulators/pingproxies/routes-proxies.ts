/**
 * Ping Proxies simulator proxy routes: search (filters [3P names], operators and sort [C]), retrieve [C],
 * and the POST list_by_id that formats ready-to-use proxy strings for many ids at once [C path; 3P body].
 */
import type { SimRequest, SimResponse, SimulatorServer } from '../kit';
import { USER, type Guard, type PingSimContext } from './context';
import { jsonBody, ok, pingError, search } from './http';
import { defaultProxyUser, renderProxy, type PingSimState } from './state';
import type { PingListAuthentication, PingListFormat, PingProxy } from '../../providers/pingproxies/wire';

export const PROXY_FIELDS = [
  'proxy_id',
  'service_id',
  'proxy_ip_address',
  'subnet_id',
  'subnet_id_v6',
  'ip_address_id_v4',
  'ip_address_id_v6',
  'proxy_http_port',
  'proxy_socks5_port',
  'proxy_status',
  'proxy_type',
  'proxy_protocol',
  'country_id',
  'country_name',
  'subdivision_id',
  'subdivision_name',
  'city_id',
  'city_name',
  'city_timezone',
  'city_example_postcode',
  'city_latitude',
  'city_longitude',
  'asn_id',
  'asn_name',
  'proxy_last_update_datetime',
  'proxy_user_id',
];

export const FORMATS: PingListFormat[] = ['standard', 'http', 'https', 'socks5', 'socks5h'];
export const AUTHENTICATIONS: PingListAuthentication[] = ['username_and_password', 'ip_address', 'proxy_specific'];
/** [I] Ping documents no cap on ids per call; this one keeps bodies sane. */
export const LIST_BY_ID_MAX_IDS = 1_000;

export function registerProxyRoutes(server: SimulatorServer, context: PingSimContext, guard: Guard): void {
  const { state } = context;

  server.route(
    'GET',
    `${USER}/proxy/search`,
    guard((req) => {
      // `proxy_user_id` filters by the proxy users that reach each proxy (search rows carry proxy_user_ids [3P]).
      const rows = state.proxies.map((proxy) => {
        const row = renderProxy(state, proxy, true) as unknown as Record<string, unknown>;
        return { ...row, proxy_user_id: row.proxy_user_ids };
      });
      const response = search(req, rows, {
        fields: PROXY_FIELDS,
        message: 'Proxy search successful.',
        uncounted: context.uncountedSearches.has('proxy'),
      });
      const body = response.body as { data?: Array<Record<string, unknown>> };
      if (body.data) body.data = body.data.map(({ proxy_user_id: _dropped, ...proxy }) => proxy);
      return response;
    }),
  );

  server.route(
    'GET',
    `${USER}/proxy/retrieve/:proxy_id`,
    guard((req) => {
      const proxy = state.proxyIndex.get(req.params.proxy_id);
      return proxy ? ok(renderProxy(state, proxy, false), 'Proxy successfully retrieved.') : pingError(404, 'The requested proxy could not be found.');
    }),
  );

  server.route(
    'POST',
    `${USER}/proxy/list_by_id`,
    guard((req) => listById(state, req)),
  );
}

function listById(state: PingSimState, req: SimRequest): SimResponse {
  const parsed = jsonBody(req);
  if (!parsed.ok) return parsed.response;
  const body = parsed.body;
  const ids = body.proxy_ids;
  if (ids === undefined) return pingError(400, 'The proxy_ids field is required.');
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) {
    return pingError(400, 'The proxy_ids field must be a non-empty list of proxy ids.');
  }
  if (ids.length > LIST_BY_ID_MAX_IDS) return pingError(400, `The proxy_ids field can hold at most ${LIST_BY_ID_MAX_IDS} ids.`);
  // [I] defaults: http protocol, ipv4, standard format, the proxy user's username and password.
  const protocol = body.list_protocol ?? 'http';
  const version = body.list_version ?? 'ipv4';
  const format = (body.list_format ?? 'standard') as PingListFormat;
  const authentication = (body.list_authentication ?? 'username_and_password') as PingListAuthentication;
  if (protocol !== 'http' && protocol !== 'socks5') return pingError(400, 'The list_protocol field must be http or socks5.');
  if (version !== 'ipv4' && version !== 'ipv6') return pingError(400, 'The list_version field must be ipv4 or ipv6.');
  if (!FORMATS.includes(format)) return pingError(400, `The list_format field must be one of ${FORMATS.join(', ')}.`);
  if (!AUTHENTICATIONS.includes(authentication)) return pingError(400, `The list_authentication field must be one of ${AUTHENTICATIONS.join(', ')}.`);
  let user = defaultProxyUser(state);
  if (body.proxy_user_id !== undefined) {
    const named = typeof body.proxy_user_id === 'string' ? state.proxyUsers.get(body.proxy_user_id) : undefined;
    if (!named || named.proxy_user_is_deleted) return pingError(404, 'The requested proxy user could not be found.');
    user = named;
  }
  const lines: string[] = [];
  for (const id of ids as string[]) {
    // [I] ids that are not the customer's are skipped, not an error.
    const proxy = state.proxyIndex.get(id);
    if (!proxy) continue;
    const line = formatLine(proxy, {
      protocol,
      version,
      format,
      authentication,
      user: user && { name: user.proxy_user_id, password: user.proxy_user_password },
    });
    if (line) lines.push(line);
  }
  return ok(lines, 'Proxy list successfully generated.');
}

export interface LineOptions {
  protocol: 'http' | 'socks5';
  version: 'ipv4' | 'ipv6';
  format: PingListFormat;
  authentication: PingListAuthentication;
  user?: { name: string; password: string };
}

/** `host:port[:user:pass]` for standard [3P "1.1.1.1:80:u:p"]; `scheme://[user:pass@]host:port` otherwise [I]. */
export function formatLine(proxy: PingProxy, options: LineOptions): string | null {
  const host = options.version === 'ipv6' ? proxy.proxy_ip_address_v6 : proxy.proxy_ip_address;
  if (!host) return null;
  const socks = options.format === 'socks5' || options.format === 'socks5h' || (options.format === 'standard' && options.protocol === 'socks5');
  const port = socks ? proxy.proxy_socks5_port : proxy.proxy_http_port;
  if (!port) return null;
  const credentials =
    options.authentication === 'ip_address'
      ? null
      : options.authentication === 'proxy_specific'
        ? proxy.proxy_username && proxy.proxy_password
          ? { name: proxy.proxy_username, password: proxy.proxy_password }
          : null
        : (options.user ?? null);
  if (options.format === 'standard') return `${host}:${port}${credentials ? `:${credentials.name}:${credentials.password}` : ''}`;
  const auth = credentials ? `${encodeURIComponent(credentials.name)}:${encodeURIComponent(credentials.password)}@` : '';
  return `${options.format}://${auth}${host.includes(':') ? `[${host}]` : host}:${port}`;
}
