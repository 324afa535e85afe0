/**
 * Ping Proxies simulator proxy-user routes (create/retrieve/search/edit/delete [C paths]). The proxy user
 * is also the IP allow-list: `ip_address_authentications` is replaced whole on edit [C], and each IP may
 * belong to one proxy user only [C] — reuse is a 409 [I]. Proxy users are capped by the customer's
 * `customer_proxy_user_limit` [C] (422 past it [I]).
 */
import type { SimRequest, SimResponse, SimulatorServer } from '../kit';
import { USER, type Guard, type PingSimContext } from './context';
import { proxyUser } from './data';
import { jsonBody, ok, okBody, pingDate, pingError, search } from './http';
import { ipOwner, liveProxyUsers, randomToken, removeAcls, renderProxyUser, replaceAclsFromLists, type PingSimState } from './state';
import { checkProxyUserBody, type ProxyUserFields } from './validate';
import type { PingProxyUser } from '../../providers/pingproxies/wire';

const PROXY_USER_FIELDS = [
  'proxy_user_id',
  'proxy_user_password',
  'proxy_user_ip_address_authentication_limit',
  'proxy_user_is_deleted',
  'proxy_user_access_type',
  'proxy_user_is_strict_security',
  'proxy_user_is_default',
  'proxy_user_creation_datetime',
  'proxy_user_last_update_datetime',
  'proxy_user_residential_bytes_limit',
  'proxy_user_residential_bytes_used',
  'proxy_user_enforce_https',
  'ip_address_authentications',
];
const NOT_FOUND = 'The requested proxy user could not be found.'; // [I] after the proxy's [C] wording

export function registerProxyUserRoutes(server: SimulatorServer, context: PingSimContext, guard: Guard): void {
  const { state } = context;

  server.route(
    'GET',
    `${USER}/proxy_user/search`,
    guard((req) =>
      search(req, [...state.proxyUsers.values()].map((user) => renderProxyUser(state, user)) as unknown as Record<string, unknown>[], {
        fields: PROXY_USER_FIELDS,
        metadataField: 'proxy_user_metadata',
        message: 'Proxy User search successful.',
        uncounted: context.uncountedSearches.has('proxy_user'),
      }),
    ),
  );

  // [I] a deleted proxy user still reads, flagged proxy_user_is_deleted (the flag and its filter exist [3P]).
  server.route(
    'GET',
    `${USER}/proxy_user/retrieve/:proxy_user_id`,
    guard((req) => {
      const user = state.proxyUsers.get(req.params.proxy_user_id);
      return user ? ok(renderProxyUser(state, user), 'Proxy User successfully retrieved.') : pingError(404, NOT_FOUND);
    }),
  );

  server.route(
    'POST',
    `${USER}/proxy_user/create`,
    guard((req) => create(context, req)),
  );
  server.route(
    'PATCH',
    `${USER}/proxy_user/edit/:proxy_user_id`,
    guard((req) => edit(context, req)),
  );

  server.route(
    'DELETE',
    `${USER}/proxy_user/delete/:proxy_user_id`,
    guard((req) => {
      const user = state.proxyUsers.get(req.params.proxy_user_id);
      if (!user || user.proxy_user_is_deleted) return pingError(404, NOT_FOUND);
      // [I] every customer keeps its default proxy user (proxies carry its credentials [C]).
      if (user.proxy_user_is_default) return pingError(400, 'The default proxy user cannot be deleted.');
      // [I] deletion is a flag; the user's IPs are released for reuse and its ACL entries go with it.
      removeAcls(state, user);
      Object.assign(user, { proxy_user_is_deleted: true, ip_address_authentications: [], proxy_user_last_update_datetime: pingDate(context.nowMs()) });
      return okBody({ deleted: [user.proxy_user_id], message: 'Proxy User successfully deleted.' });
    }),
  );
}

function create(context: PingSimContext, req: SimRequest): SimResponse {
  const { state } = context;
  const parsed = jsonBody(req);
  if (!parsed.ok) return parsed.response;
  const checked = checkProxyUserBody(parsed.body, 'create');
  if (!checked.ok) return pingError(400, checked.message);
  const fields = checked.value;
  // [C] the id is optional: Ping picks a random one.
  const id = fields.proxy_user_id ?? randomToken(state, 16);
  if (state.proxyUsers.has(id)) return pingError(409, 'A proxy user with this proxy_user_id already exists.');
  if (liveProxyUsers(state).length >= state.customer.customer_proxy_user_limit) {
    return pingError(422, 'You have reached your proxy user limit.');
  }
  const user = proxyUser(
    context.nowMs(),
    { proxy_user_id: id, proxy_user_password: fields.proxy_user_password ?? randomToken(state, 12) },
    state.ipAuthenticationLimit,
  );
  const problem = ipProblem(state, user, fields.ip_address_authentications);
  if (problem) return problem;
  apply(user, fields, context.nowMs());
  state.proxyUsers.set(id, user);
  replaceAclsFromLists(state, user, fields, pingDate(context.nowMs()));
  return okBody(
    { created: [id], data: { proxy_user_id: id, proxy_user_password: user.proxy_user_password }, message: 'Proxy User successfully created.' },
    201,
  );
}

function edit(context: PingSimContext, req: SimRequest): SimResponse {
  const { state } = context;
  const user = state.proxyUsers.get(req.params.proxy_user_id);
  if (!user || user.proxy_user_is_deleted) return pingError(404, NOT_FOUND);
  const parsed = jsonBody(req);
  if (!parsed.ok) return parsed.response;
  const checked = checkProxyUserBody(parsed.body, 'edit');
  if (!checked.ok) return pingError(400, checked.message);
  const fields = checked.value;
  const problem = ipProblem(state, user, fields.ip_address_authentications);
  if (problem) return problem;
  // [C explainer] leaving a restricted access type for `all` needs clear_proxy_user_acl: true.
  const restricted = (user.proxy_user_access_type ?? 'all') !== 'all';
  if (fields.proxy_user_access_type === 'all' && restricted && fields.clear_proxy_user_acl !== true) {
    return pingError(400, 'Changing proxy_user_access_type to all requires clear_proxy_user_acl to be true.');
  }
  if (user.proxy_user_is_default && fields.proxy_user_access_type && fields.proxy_user_access_type !== 'all') {
    return pingError(400, 'The default proxy user cannot have access restrictions.'); // [C] default users cannot have ACLs
  }
  // [3P] the answer lists the ACL entries the edit removed.
  const cleared = fields.clear_proxy_user_acl ? removeAcls(state, user) : undefined;
  apply(user, fields, context.nowMs());
  replaceAclsFromLists(state, user, fields, pingDate(context.nowMs()));
  return okBody({ edited: [user.proxy_user_id], message: 'Proxy User successfully edited.', ...(cleared ? { proxy_user_acl_deleted: cleared } : {}) });
}

/** [C] one owner per IP (409 [I]); [3P] per-user cap on the list (422 [I]). */
function ipProblem(state: PingSimState, user: PingProxyUser, ips: string[] | undefined): SimResponse | null {
  if (!ips) return null;
  for (const ip of ips) {
    const owner = ipOwner(state, ip);
    if (owner && owner.proxy_user_id !== user.proxy_user_id) return pingError(409, `The IP address ${ip} is already in use by another proxy user.`);
  }
  const limit = user.proxy_user_ip_address_authentication_limit ?? state.ipAuthenticationLimit;
  if (ips.length > limit) return pingError(422, `A proxy user can have at most ${limit} IP address authentications.`);
  return null;
}

function apply(user: PingProxyUser, fields: ProxyUserFields, nowMs: number): void {
  const { proxy_user_id: _id, clear_proxy_user_acl: _clear, ...changes } = fields;
  // [C] metadata and the IP list are replaced whole, never merged.
  Object.assign(user, changes, { proxy_user_last_update_datetime: pingDate(nowMs) });
  if (changes.proxy_user_is_service_restricted !== undefined && changes.proxy_user_access_type === undefined) {
    user.proxy_user_access_type = changes.proxy_user_is_service_restricted ? 'service_restricted' : 'all'; // legacy form [I]
  }
  user.proxy_user_is_service_restricted = user.proxy_user_access_type === 'service_restricted';
}
