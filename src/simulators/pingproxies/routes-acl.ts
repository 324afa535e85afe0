/**
 * Ping Proxies simulator proxy user ACL routes (`proxy_user_acl/{create,retrieve,search,delete}` [C paths]).
 * An entry names its proxy user and exactly one target, a service or a proxy [C]; the target's kind must
 * match the user's access type [C], so an `all` user takes none [I 400]; default proxy users cannot have
 * ACL entries [C]. Create answers 201 `{created: [acl id], message}` without data [C].
 */
import type { SimRequest, SimResponse, SimulatorServer } from '../kit';
import { USER, type Guard, type PingSimContext } from './context';
import { jsonBody, ok, okBody, pingDate, pingError, search } from './http';
import { addAcl, aclsOf, syncRestrictions } from './state';

const ACL_FIELDS = ['proxy_user_acl_id', 'proxy_user_id', 'service_id', 'proxy_id', 'proxy_user_acl_creation_datetime'];
const NOT_FOUND = 'The requested proxy user ACL could not be found.'; // [I] after the proxy's [C] wording
const ALLOWED = new Set(['proxy_user_id', 'service_id', 'proxy_id']);

export function registerAclRoutes(server: SimulatorServer, context: PingSimContext, guard: Guard): void {
  const { state } = context;

  server.route(
    'GET',
    `${USER}/proxy_user_acl/search`,
    guard((req) =>
      search(req, [...state.acls.values()].map((acl) => ({ ...acl })) as unknown as Record<string, unknown>[], {
        fields: ACL_FIELDS,
        message: 'Proxy User ACL search successful.',
        uncounted: context.uncountedSearches.has('proxy_user_acl'),
      }),
    ),
  );

  server.route(
    'GET',
    `${USER}/proxy_user_acl/retrieve/:proxy_user_acl_id`,
    guard((req) => {
      const acl = state.acls.get(req.params.proxy_user_acl_id);
      return acl ? ok({ ...acl }, 'Proxy User ACL successfully retrieved.') : pingError(404, NOT_FOUND);
    }),
  );

  server.route(
    'POST',
    `${USER}/proxy_user_acl/create`,
    guard((req) => create(context, req)),
  );

  server.route(
    'DELETE',
    `${USER}/proxy_user_acl/delete/:proxy_user_acl_id`,
    guard((req) => {
      const acl = state.acls.get(req.params.proxy_user_acl_id);
      if (!acl) return pingError(404, NOT_FOUND);
      state.acls.delete(acl.proxy_user_acl_id);
      const user = state.proxyUsers.get(acl.proxy_user_id);
      if (user) syncRestrictions(state, user);
      return okBody({ deleted: [acl.proxy_user_acl_id], message: 'Proxy User ACL successfully deleted.' });
    }),
  );
}

function create(context: PingSimContext, req: SimRequest): SimResponse {
  const { state } = context;
  const parsed = jsonBody(req);
  if (!parsed.ok) return parsed.response;
  const body = parsed.body;
  const unknown = Object.keys(body).find((key) => !ALLOWED.has(key));
  if (unknown) return pingError(400, `The ${unknown} field is not allowed.`);
  if (body.proxy_user_id === undefined) return pingError(400, 'The proxy_user_id field is required.'); // [C] wording pattern
  if (typeof body.proxy_user_id !== 'string') return pingError(400, 'The proxy_user_id field must be a string.');
  const serviceId = body.service_id ?? null;
  const proxyId = body.proxy_id ?? null;
  // [C] "required if service_id is not provided" and "never both".
  if ((serviceId === null) === (proxyId === null)) return pingError(400, 'Exactly one of the service_id and proxy_id fields is required.');
  if ((serviceId !== null && typeof serviceId !== 'string') || (proxyId !== null && typeof proxyId !== 'string')) {
    return pingError(400, 'The service_id and proxy_id fields must be strings.');
  }
  const user = state.proxyUsers.get(body.proxy_user_id);
  if (!user || user.proxy_user_is_deleted) return pingError(404, 'The requested proxy user could not be found.');
  if (user.proxy_user_is_default) return pingError(400, 'Default proxy users cannot have ACL rules applied.'); // [C] rule, [I] wording
  const access = user.proxy_user_access_type ?? 'all';
  if (access === 'all') return pingError(400, 'The proxy user has unrestricted access; set proxy_user_access_type first.');
  if (serviceId !== null) {
    if (access !== 'service_restricted') return pingError(400, 'A service_id ACL needs proxy_user_access_type service_restricted.');
    if (!state.services.has(serviceId as string)) return pingError(404, 'The requested service could not be found.');
  } else {
    if (access !== 'proxy_restricted') return pingError(400, 'A proxy_id ACL needs proxy_user_access_type proxy_restricted.');
    if (!state.proxyIndex.has(proxyId as string)) return pingError(404, 'The requested proxy could not be found.');
  }
  // [I] one entry per grant: the same grant twice is a conflict [C 409 "resource already exists"].
  const duplicate = aclsOf(state, user.proxy_user_id).some((acl) => (serviceId !== null ? acl.service_id === serviceId : acl.proxy_id === proxyId));
  if (duplicate) return pingError(409, 'This proxy user ACL already exists.');
  const target = serviceId !== null ? { service_id: serviceId as string } : { proxy_id: proxyId as string };
  const acl = addAcl(state, user, target, pingDate(context.nowMs()));
  return okBody({ created: [acl.proxy_user_acl_id], message: 'Proxy User ACL successfully created.' }, 201);
}
