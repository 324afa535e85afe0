/**
 * Ping Proxies simulator list routes: `GET proxy/list_by_search` (one line per proxy a search selects [C
 * path; 3P params]), `POST proxy/list/options` (which proxy users may use the selected proxies [C body and
 * answer; access logic from Byteful's copy of the page, C]) and `GET residential/list` (gateway lines with the
 * session in the username [3P params; I host, port and username scheme]).
 */
import type { SimRequest, SimResponse, SimulatorServer } from '../kit';
import { USER, type Guard, type PingSimContext } from './context';
import { filterRows, jsonBody, ok, pingError } from './http';
import { AUTHENTICATIONS, FORMATS, formatLine, LIST_BY_ID_MAX_IDS, PROXY_FIELDS, type LineOptions } from './routes-proxies';
import { aclsOf, defaultProxyUser, liveProxyUsers, randomToken, reaches, renderProxy, type PingSimState } from './state';
import type { PingListAuthentication, PingListFormat, PingProxy, PingProxyUser } from '../../providers/pingproxies/wire';

const LIST_PARAMS = ['list_protocol', 'list_version', 'list_format', 'list_authentication', 'proxy_user_id'];
const USER_NOT_FOUND = 'The requested proxy user could not be found.';

/** [I] residential gateway: one host, HTTP and SOCKS5 ports; Ping's real host names are not in the docs. */
export const RESIDENTIAL_GATEWAY = { host: 'residential.pingproxies.com', httpPort: 8000, socks5Port: 9000 };
/** [I] bounds (not documented): lines per call, default count, a sticky session's lifetime in seconds. */
export const RESIDENTIAL_LIST_MAX = 1_000;
export const RESIDENTIAL_LIST_DEFAULT = 10;
export const RESIDENTIAL_TTL_MAX_SECONDS = 86_400;

type Checked<T> = { ok: true; value: T } | { ok: false; response: SimResponse };

export function registerListRoutes(server: SimulatorServer, context: PingSimContext, guard: Guard): void {
  const { state } = context;
  server.route(
    'GET',
    `${USER}/proxy/list_by_search`,
    guard((req) => listBySearch(state, req)),
  );
  server.route(
    'POST',
    `${USER}/proxy/list/options`,
    guard((req) => listOptions(state, req)),
  );
  server.route(
    'GET',
    `${USER}/residential/list`,
    guard((req) => residentialList(state, req)),
  );
}

/** The proxy user a list is for: the named one (404 when unknown or deleted) or the default one [I]. */
function listUser(state: PingSimState, raw: unknown): Checked<PingProxyUser | undefined> {
  if (raw === undefined || raw === null || raw === '') return { ok: true, value: defaultProxyUser(state) };
  const user = typeof raw === 'string' ? state.proxyUsers.get(raw) : undefined;
  if (!user || user.proxy_user_is_deleted) return { ok: false, response: pingError(404, USER_NOT_FOUND) };
  return { ok: true, value: user };
}

function lineOptions(state: PingSimState, get: (name: string) => string | null): Checked<LineOptions> {
  const protocol = get('list_protocol') ?? 'http';
  const version = get('list_version') ?? 'ipv4';
  const format = (get('list_format') ?? 'standard') as PingListFormat;
  const authentication = (get('list_authentication') ?? 'username_and_password') as PingListAuthentication;
  if (protocol !== 'http' && protocol !== 'socks5') return { ok: false, response: pingError(400, 'The list_protocol field must be http or socks5.') };
  if (version !== 'ipv4' && version !== 'ipv6') return { ok: false, response: pingError(400, 'The list_version field must be ipv4 or ipv6.') };
  if (!FORMATS.includes(format)) return { ok: false, response: pingError(400, `The list_format field must be one of ${FORMATS.join(', ')}.`) };
  if (!AUTHENTICATIONS.includes(authentication))
    return { ok: false, response: pingError(400, `The list_authentication field must be one of ${AUTHENTICATIONS.join(', ')}.`) };
  const user = listUser(state, get('proxy_user_id'));
  if (!user.ok) return user;
  const who = user.value;
  return { ok: true, value: { protocol, version, format, authentication, user: who && { name: who.proxy_user_id, password: who.proxy_user_password } } };
}

function searchRows(state: PingSimState): Record<string, unknown>[] {
  return state.proxies.map((proxy) => renderProxy(state, proxy, false) as unknown as Record<string, unknown>);
}

/** [I] a restricted proxy user's list holds only the proxies its ACL entries reach. */
function listBySearch(state: PingSimState, req: SimRequest): SimResponse {
  const options = lineOptions(state, (name) => req.query.get(name));
  if (!options.ok) return options.response;
  const filtered = filterRows(req.query, searchRows(state), { fields: PROXY_FIELDS.filter((field) => field !== 'proxy_user_id'), extraParams: LIST_PARAMS });
  if (!filtered.ok) return filtered.response;
  const named = req.query.get('proxy_user_id') ? state.proxyUsers.get(req.query.get('proxy_user_id')!) : undefined;
  const lines: string[] = [];
  for (const row of filtered.rows) {
    const proxy = state.proxyIndex.get(String(row.proxy_id))!;
    if (named && !reaches(named, proxy)) continue;
    const line = formatLine(proxy, options.value);
    if (line) lines.push(line);
  }
  return ok(lines, 'Proxy list successfully generated.');
}

/** [C] exactly one of proxy_ids and search_filter; every active proxy user, with has_access. */
function listOptions(state: PingSimState, req: SimRequest): SimResponse {
  const parsed = jsonBody(req);
  if (!parsed.ok) return parsed.response;
  const { proxy_ids: ids, search_filter: filter, ...rest } = parsed.body;
  const unknown = Object.keys(rest)[0];
  if (unknown) return pingError(400, `The ${unknown} field is not allowed.`);
  if ((ids === undefined) === (filter === undefined)) return pingError(400, 'Either proxy_ids or search_filter must be provided, but not both.');
  let proxies: PingProxy[];
  if (ids !== undefined) {
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string'))
      return pingError(400, 'The proxy_ids field must be a non-empty list of proxy ids.');
    if (ids.length > LIST_BY_ID_MAX_IDS) return pingError(400, `The proxy_ids field can hold at most ${LIST_BY_ID_MAX_IDS} ids.`);
    // [I] an id that is not the customer's is a 404, as on proxy/retrieve.
    const found = (ids as string[]).map((id) => state.proxyIndex.get(id));
    if (found.some((proxy) => !proxy)) return pingError(404, 'The requested proxy could not be found.');
    proxies = found as PingProxy[];
  } else {
    if (!filter || typeof filter !== 'object' || Array.isArray(filter)) return pingError(400, 'The search_filter field must be a JSON object.');
    const entries = Object.entries(filter as Record<string, unknown>).map(([key, value]) => [key, String(value)] as [string, string]);
    const filtered = filterRows(entries, searchRows(state), { fields: PROXY_FIELDS });
    if (!filtered.ok) return filtered.response;
    proxies = filtered.rows.map((row) => state.proxyIndex.get(String(row.proxy_id))!);
  }
  const data = liveProxyUsers(state).map((user) => ({
    has_access: hasAccess(state, user, proxies),
    proxy_user_id: user.proxy_user_id,
    proxy_user_is_default: user.proxy_user_is_default,
  }));
  return ok(data, 'Proxy user list options successfully retrieved.');
}

/** [C Byteful page] all → yes; service_restricted → an entry for every service holding the proxies; proxy_restricted → an entry for every proxy. */
function hasAccess(state: PingSimState, user: PingProxyUser, proxies: readonly PingProxy[]): boolean {
  const access = user.proxy_user_access_type ?? 'all';
  if (user.proxy_user_is_default || access === 'all') return true;
  const acls = aclsOf(state, user.proxy_user_id);
  if (access === 'service_restricted') {
    const services = new Set(acls.flatMap((acl) => (acl.service_id ? [acl.service_id] : [])));
    return proxies.every((proxy) => proxy.service_id !== null && services.has(proxy.service_id));
  }
  const granted = new Set(acls.flatMap((acl) => (acl.proxy_id ? [acl.proxy_id] : [])));
  return proxies.every((proxy) => granted.has(proxy.proxy_id));
}

function intParam(raw: string | null, name: string, min: number, max: number): Checked<number | undefined> {
  if (raw === null || raw === '') return { ok: true, value: undefined };
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(value) || value < min || value > max)
    return { ok: false, response: pingError(400, `The ${name} field must be an integer between ${min} and ${max}.`) };
  return { ok: true, value };
}

const RESIDENTIAL_PARAMS = new Set([
  'proxy_user_id',
  'country_id',
  'city_id',
  'city_alias',
  'zip_code_id',
  'subdivision_id',
  'list_count',
  'list_format',
  'list_session_type',
  'list_session_ttl',
  'list_mode',
  'list_smartpath_enabled',
]);

/**
 * [I] Lines are `host:port:username:password` (standard) or `scheme://username:password@host:port`; the
 * username carries the targeting and the session: `<user>-country-us[-session-<id>-ttl-<s>]`.
 */
function residentialList(state: PingSimState, req: SimRequest): SimResponse {
  for (const key of req.query.keys()) if (!RESIDENTIAL_PARAMS.has(key)) return pingError(400, `The search parameter "${key}" is not supported.`);
  const user = listUser(state, req.query.get('proxy_user_id'));
  if (!user.ok) return user.response;
  if (!user.value) return pingError(404, USER_NOT_FOUND);
  const country = req.query.get('country_id');
  if (country !== null && !/^[a-z]{2}$/i.test(country)) return pingError(400, 'The country_id field must be a two-letter country id.');
  const subdivision = req.query.get('subdivision_id');
  if (subdivision !== null && !/^[a-z]{2}-[a-z0-9]{1,3}$/i.test(subdivision))
    return pingError(400, 'The subdivision_id field must be a subdivision id such as us-tx.');
  const city = intParam(req.query.get('city_id'), 'city_id', 1, Number.MAX_SAFE_INTEGER);
  if (!city.ok) return city.response;
  const count = intParam(req.query.get('list_count'), 'list_count', 1, RESIDENTIAL_LIST_MAX);
  if (!count.ok) return count.response;
  const format = (req.query.get('list_format') ?? 'standard') as PingListFormat;
  if (!FORMATS.includes(format)) return pingError(400, `The list_format field must be one of ${FORMATS.join(', ')}.`);
  const session = req.query.get('list_session_type') ?? 'sticky';
  if (session !== 'sticky' && session !== 'rotating') return pingError(400, 'The list_session_type field must be sticky or rotating.');
  const ttl = intParam(req.query.get('list_session_ttl'), 'list_session_ttl', 1, RESIDENTIAL_TTL_MAX_SECONDS);
  if (!ttl.ok) return ttl.response;
  if (ttl.value !== undefined && session !== 'sticky') return pingError(400, 'The list_session_ttl field applies to sticky sessions only.');
  const socks = format === 'socks5' || format === 'socks5h';
  const port = socks ? RESIDENTIAL_GATEWAY.socks5Port : RESIDENTIAL_GATEWAY.httpPort;
  const target = [country && `country-${country.toLowerCase()}`, subdivision && `subdivision-${subdivision.toLowerCase()}`, city.value && `city-${city.value}`]
    .filter(Boolean)
    .join('-');
  const lines = Array.from({ length: count.value ?? RESIDENTIAL_LIST_DEFAULT }, () => {
    const sessionPart = session === 'sticky' ? `session-${randomToken(state, 8)}-ttl-${ttl.value ?? 600}` : '';
    const name = [user.value!.proxy_user_id, target, sessionPart].filter(Boolean).join('-');
    const password = user.value!.proxy_user_password;
    if (format === 'standard') return `${RESIDENTIAL_GATEWAY.host}:${port}:${name}:${password}`;
    return `${format}://${encodeURIComponent(name)}:${encodeURIComponent(password)}@${RESIDENTIAL_GATEWAY.host}:${port}`;
  });
  return ok(lines, 'Residential proxy list successfully generated.');
}
