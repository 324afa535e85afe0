/**
 * `/v0/contract/ip-authlist` (docs/providers/wonderproxy.txt "IP Authentication"): list with ?ip= (full or partial) and
 * ?user=a,b, delete all, create (ip defaults to the caller's address), get, patch, delete. An IP may be on
 * only one authlist across all contracts and its user must be an active proxy user here; both break
 * with 409 [C].
 */
import type { SimRequest, SimResponse, SimulatorServer } from '../kit';
import type { WonderProxySimContext } from './index';
import type { Guard } from './routes';
import { badRequest, commaList, conflict, created, epochSeconds, jsonObject, noContent, NOT_FOUND, numericId, ok, validIp } from './http';
import { renderAuthlist, type AuthlistState, type WonderProxyState } from './state';
import { toEpochSeconds } from './data';

export function registerAuthlistRoutes(server: SimulatorServer, context: WonderProxySimContext, guard: Guard): void {
  const { state } = context;

  server.route(
    'GET',
    '/v0/contract/ip-authlist',
    guard((req) => {
      const ipPrefix = req.query.get('ip')?.trim() || undefined;
      const users = commaList(req, 'user');
      // [I] "partial IP" is read as a prefix (ip=45.180 matches 45.180.x.x); users match exactly.
      const entries = [...state.authlist.values()]
        .filter((entry) => !ipPrefix || entry.ip.startsWith(ipPrefix))
        .filter((entry) => !users || users.includes(entry.user))
        .sort((a, b) => a.id - b.id);
      return ok(entries.map((entry) => renderAuthlist(state, entry)));
    }),
  );

  server.route(
    'DELETE',
    '/v0/contract/ip-authlist',
    guard(() => {
      state.authlist.clear();
      return noContent();
    }),
  );

  server.route(
    'POST',
    '/v0/contract/ip-authlist',
    guard((req) => {
      const parsed = jsonObject(req);
      if (!parsed.ok) return parsed.response;
      const body = parsed.body;
      if (typeof body.user !== 'string' || body.user === '') return badRequest('The user parameter is required.');
      const expiry = epochSeconds(body.expiry);
      if (body.expiry === undefined || body.expiry === null) return badRequest('The expiry parameter is required.');
      if (expiry === undefined) return badRequest('The expiry parameter must be a timestamp in epoch time.');
      if (expiry <= toEpochSeconds(context.nowMs())) return badRequest('The expiry parameter must be in the future.');
      // [C] without an ip the API uses the address the request comes from.
      const ip = body.ip === undefined || body.ip === null ? context.callerIp(req) : body.ip;
      if (!validIp(ip)) return badRequest('The ip parameter must be a valid IP address.');
      const refused = refuse(state, ip, body.user, undefined);
      if (refused) return refused;
      const id = state.next.authlist++;
      const entry: AuthlistState = { id, ip, user: body.user, expiry };
      state.authlist.set(id, entry);
      return created(`/contract/ip-authlist/${id}`, renderAuthlist(state, entry));
    }),
  );

  server.route(
    'GET',
    '/v0/contract/ip-authlist/:id',
    guard((req) => {
      const entry = find(state, req);
      return entry ? ok(renderAuthlist(state, entry)) : NOT_FOUND;
    }),
  );

  // [C] the sample PATCH sends only ip and expiry and gets the whole record back: absent fields keep their value.
  server.route(
    'PATCH',
    '/v0/contract/ip-authlist/:id',
    guard((req) => {
      const entry = find(state, req);
      if (!entry) return NOT_FOUND;
      const parsed = jsonObject(req);
      if (!parsed.ok) return parsed.response;
      const body = parsed.body;
      const next = { ...entry };
      if (body.ip !== undefined) {
        if (!validIp(body.ip)) return badRequest('The ip parameter must be a valid IP address.');
        next.ip = body.ip;
      }
      if (body.user !== undefined) {
        if (typeof body.user !== 'string' || body.user === '') return badRequest('The user parameter must be a username.');
        next.user = body.user;
      }
      if (body.expiry !== undefined) {
        const expiry = epochSeconds(body.expiry);
        if (expiry === undefined) return badRequest('The expiry parameter must be a timestamp in epoch time.');
        if (expiry <= toEpochSeconds(context.nowMs())) return badRequest('The expiry parameter must be in the future.');
        next.expiry = expiry;
      }
      // [I] the user is checked only when the PATCH names one: an entry of a since-deactivated user can still move.
      const refused = refuse(state, next.ip, body.user === undefined ? undefined : next.user, entry.id);
      if (refused) return refused;
      Object.assign(entry, next);
      return ok(renderAuthlist(state, entry));
    }),
  );

  server.route(
    'DELETE',
    '/v0/contract/ip-authlist/:id',
    guard((req) => {
      const entry = find(state, req);
      if (!entry) return NOT_FOUND;
      state.authlist.delete(entry.id);
      return noContent();
    }),
  );
}

function find(state: WonderProxyState, req: SimRequest): AuthlistState | undefined {
  const id = numericId(req.params.id);
  return id === undefined ? undefined : state.authlist.get(id);
}

/** The two documented 409s: the IP is on some contract's authlist, or the user is not an active proxy user here. */
function refuse(state: WonderProxyState, ip: string, user: string | undefined, selfId: number | undefined): SimResponse | undefined {
  const normalised = ip.toLowerCase();
  const taken =
    state.foreignAuthlistIps.has(normalised) || [...state.authlist.values()].some((entry) => entry.id !== selfId && entry.ip.toLowerCase() === normalised);
  // [C] wording of the sample 409.
  if (taken) return conflict('That IP address is already on the authlist');
  // [C] a 409 per the error table; [I] wording.
  if (user !== undefined && state.users.get(user) !== true) return conflict(`The user "${user}" is not an active proxy user on your contract`);
  return undefined;
}
