/**
 * `/v0/contract/overrides` (docs/providers/wonderproxy.txt "Custom DNS"): list with ?ip= and ?server=a,b (expiring and
 * expired entries included for 30 days), delete all, create, get, patch, delete. A server/hostname pair may
 * be overridden once across all contracts, and only on servers of this contract; both break with 409 [C].
 */
import type { SimRequest, SimResponse, SimulatorServer } from '../kit';
import type { WonderProxySimContext } from './index';
import type { Guard } from './routes';
import { badRequest, commaList, conflict, created, epochSeconds, jsonObject, noContent, NOT_FOUND, numericId, ok, validHostname, validIp } from './http';
import { purgeOverrides, renderOverride, type OverrideState, type WonderProxyState } from './state';
import { toEpochSeconds } from './data';

// [C] wording of the sample 409s.
const COMBINATION_EXISTS = 'That server/hostname combination already exists';
const NO_CHANGES = 'No changes were made. If you were expecting changes, make sure the server requested is added to your account.';

export function registerOverrideRoutes(server: SimulatorServer, context: WonderProxySimContext, guard: Guard): void {
  const { state } = context;
  // Expired entries leave the list 30 days after expiry, whatever route is called next.
  const fresh = (handler: (req: SimRequest) => SimResponse) =>
    guard((req) => {
      purgeOverrides(state, context.nowMs());
      return handler(req);
    });

  server.route(
    'GET',
    '/v0/contract/overrides',
    fresh((req) => {
      const ip = req.query.get('ip')?.trim() || undefined;
      const servers = commaList(req, 'server');
      const entries = [...state.overrides.values()]
        .filter((entry) => !ip || entry.ip === ip)
        .filter((entry) => !servers || servers.includes(entry.server))
        .sort((a, b) => a.id - b.id);
      return ok(entries.map((entry) => renderOverride(entry, context.nowMs())));
    }),
  );

  server.route(
    'DELETE',
    '/v0/contract/overrides',
    fresh(() => {
      state.overrides.clear();
      return noContent();
    }),
  );

  server.route(
    'POST',
    '/v0/contract/overrides',
    fresh((req) => {
      const parsed = jsonObject(req);
      if (!parsed.ok) return parsed.response;
      const body = parsed.body;
      for (const name of ['server', 'hostname', 'ip', 'expiry']) {
        if (body[name] === undefined || body[name] === null || body[name] === '') return badRequest(`The ${name} parameter is required.`);
      }
      const invalid = invalidField(body, context.nowMs());
      if (invalid) return invalid;
      const candidate = {
        server: body.server as string,
        hostname: (body.hostname as string).toLowerCase(),
        ip: body.ip as string,
        expiry: epochSeconds(body.expiry)!,
      };
      // [C] a failure case of the create call; [I] that it is a 409 and its wording.
      if (!state.contractServers.has(candidate.server)) return conflict('The server you requested is not part of your account.');
      if (combinationTaken(state, candidate.server, candidate.hostname, undefined)) return conflict(COMBINATION_EXISTS);
      const id = state.next.override++;
      const entry: OverrideState = { id, ...candidate, changedAtMs: context.nowMs() };
      state.overrides.set(id, entry);
      return created(`/contract/overrides/${id}`, renderOverride(entry, context.nowMs()));
    }),
  );

  server.route(
    'GET',
    '/v0/contract/overrides/:id',
    fresh((req) => {
      const entry = find(state, req);
      return entry ? ok(renderOverride(entry, context.nowMs())) : NOT_FOUND;
    }),
  );

  // [C] the sample PATCH sends ip and expiry only and the entry goes back to `pending`.
  server.route(
    'PATCH',
    '/v0/contract/overrides/:id',
    fresh((req) => {
      const entry = find(state, req);
      if (!entry) return NOT_FOUND;
      const parsed = jsonObject(req);
      if (!parsed.ok) return parsed.response;
      const body = parsed.body;
      const invalid = invalidField(body, context.nowMs());
      if (invalid) return invalid;
      const next = {
        server: body.server === undefined ? entry.server : (body.server as string),
        hostname: body.hostname === undefined ? entry.hostname : (body.hostname as string).toLowerCase(),
        ip: body.ip === undefined ? entry.ip : (body.ip as string),
        expiry: body.expiry === undefined ? entry.expiry : epochSeconds(body.expiry)!,
      };
      // [C] the sample 409 for a server outside the contract. [I] the same answer when nothing would change,
      // as its wording ("No changes were made") suggests an update that matched no row.
      if (!state.contractServers.has(next.server)) return conflict(NO_CHANGES);
      const unchanged = next.server === entry.server && next.hostname === entry.hostname && next.ip === entry.ip && next.expiry === entry.expiry;
      if (unchanged) return conflict(NO_CHANGES);
      if (combinationTaken(state, next.server, next.hostname, entry.id)) return conflict(COMBINATION_EXISTS);
      Object.assign(entry, next, { changedAtMs: context.nowMs() });
      return ok(renderOverride(entry, context.nowMs()));
    }),
  );

  server.route(
    'DELETE',
    '/v0/contract/overrides/:id',
    fresh((req) => {
      const entry = find(state, req);
      if (!entry) return NOT_FOUND;
      state.overrides.delete(entry.id);
      return noContent();
    }),
  );
}

function find(state: WonderProxyState, req: SimRequest): OverrideState | undefined {
  const id = numericId(req.params.id);
  return id === undefined ? undefined : state.overrides.get(id);
}

/** 400s for the fields present in a body ([I] wording; expiry must be in the future). */
function invalidField(body: Record<string, unknown>, nowMs: number): SimResponse | undefined {
  if (body.server !== undefined && (typeof body.server !== 'string' || !/^[a-z0-9-]{1,63}$/.test(body.server))) {
    return badRequest('The server parameter must be a server name.');
  }
  if (body.hostname !== undefined && !validHostname(body.hostname)) return badRequest('The hostname parameter must be a valid hostname.');
  if (body.ip !== undefined && !validIp(body.ip)) return badRequest('The ip parameter must be a valid IP address.');
  if (body.expiry !== undefined) {
    const expiry = epochSeconds(body.expiry);
    if (expiry === undefined) return badRequest('The expiry parameter must be a timestamp in epoch time.');
    if (expiry <= toEpochSeconds(nowMs)) return badRequest('The expiry parameter must be in the future.');
  }
  return undefined;
}

/** [C] "already overridden on the server you requested (for any WonderProxy contract)"; [I] host names compare case-insensitively. */
function combinationTaken(state: WonderProxyState, server: string, hostname: string, selfId: number | undefined): boolean {
  if (state.foreignOverrides.has(`${server}|${hostname}`)) return true;
  return [...state.overrides.values()].some((entry) => entry.id !== selfId && entry.server === server && entry.hostname === hostname);
}
