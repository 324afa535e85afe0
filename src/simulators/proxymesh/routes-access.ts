/**
 * ProxyMesh simulator: authenticated IPs and hostnames (parent account, or a sub-account named by
 * `username`), authorized proxy hosts, and the open/world geo-IP pools [C docs/providers/proxymesh.txt].
 */
import { isIP } from 'node:net';
import type { SimRequest, SimResponse, SimulatorServer } from '../kit';
import type { Guard } from './index';
import { field, fieldError, noContent, ok, PAYMENT_REQUIRED_PROXIES, PLAN_LOOKUP_FAILED, REQUIRED, subLookupFailure } from './http';
import { findSub, fullProxyDomain, renderProxyList, type ProxyMeshState } from './state';

const DOMAIN = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** The list an IP/hostname call works on: the parent's, or the named sub-account's (403/404 otherwise). */
function scopeList(state: ProxyMeshState, params: URLSearchParams, kind: 'ips' | 'domains'): string[] | SimResponse {
  const username = field(params, 'username');
  if (username === undefined) return state[kind];
  const found = findSub(state, username);
  return found.ok ? found.sub[kind] : subLookupFailure(found.status);
}

function isResponse(value: string[] | SimResponse): value is SimResponse {
  return !Array.isArray(value);
}

/** IPv6 is compared in one canonical spelling (as Django's GenericIPAddressField stores it) [I]. */
function canonicalIp(ip: string): string {
  return isIP(ip) === 6 ? new URL(`http://[${ip}]/`).hostname.slice(1, -1) : ip;
}

function addIp(state: ProxyMeshState, req: SimRequest): SimResponse {
  const form = req.form();
  const raw = field(form, 'ip');
  if (raw === undefined) return fieldError('ip', REQUIRED);
  if (!isIP(raw)) return fieldError('ip', 'Enter a valid IPv4 or IPv6 address.');
  const list = scopeList(state, form, 'ips');
  if (isResponse(list)) return list;
  const ip = canonicalIp(raw);
  // [3P] wording seen by a real client; 400 [C].
  if (list.includes(ip)) return fieldError('ip', 'IP address is already authorized');
  list.push(ip);
  return ok({ ip });
}

function deleteIp(state: ProxyMeshState, req: SimRequest): SimResponse {
  const form = req.form();
  const raw = field(form, 'ip');
  if (raw === undefined) return fieldError('ip', REQUIRED);
  if (!isIP(raw)) return fieldError('ip', 'Enter a valid IPv4 or IPv6 address.');
  const list = scopeList(state, form, 'ips');
  if (isResponse(list)) return list;
  const at = list.indexOf(canonicalIp(raw));
  if (at < 0) return fieldError('ip', 'IP address is not authorized'); // 400 [C]; wording [I]
  list.splice(at, 1);
  return noContent();
}

function addDomain(state: ProxyMeshState, req: SimRequest): SimResponse {
  const form = req.form();
  const raw = field(form, 'domain');
  if (raw === undefined) return fieldError('domain', REQUIRED);
  if (!DOMAIN.test(raw)) return fieldError('domain', 'Enter a valid domain name.'); // [I]
  const list = scopeList(state, form, 'domains');
  if (isResponse(list)) return list;
  const domain = raw.toLowerCase();
  if (list.includes(domain)) return fieldError('domain', 'Domain is already authorized'); // 400 [C]; wording [I]
  list.push(domain);
  return ok({ domain });
}

function deleteDomain(state: ProxyMeshState, req: SimRequest): SimResponse {
  const form = req.form();
  const raw = field(form, 'domain');
  if (raw === undefined) return fieldError('domain', REQUIRED);
  const list = scopeList(state, form, 'domains');
  if (isResponse(list)) return list;
  const at = list.indexOf(raw.toLowerCase());
  if (at < 0) return fieldError('domain', 'Domain is not authorized'); // 400 [C]; wording [I]
  list.splice(at, 1);
  return noContent();
}

/** [C] already-authorized is a no-op 200; 402 past the plan's proxy count; 503 when the plan lookup fails. */
function addProxy(state: ProxyMeshState, req: SimRequest): SimResponse {
  const raw = field(req.form(), 'proxy');
  if (raw === undefined) return fieldError('proxy', REQUIRED);
  const domain = fullProxyDomain(raw);
  if (!domain) return fieldError('proxy', 'Proxy is not recognized.'); // 400 [C]; wording [I]
  if (state.proxies.includes(domain)) return ok({ proxy: domain });
  if (state.planLookupFailing) return PLAN_LOOKUP_FAILED;
  if (state.proxies.length >= state.plan.proxyLimit) return PAYMENT_REQUIRED_PROXIES;
  state.proxies.push(domain);
  return ok({ proxy: domain });
}

/** [C] removing a host that is not authorized changes nothing (204); an unknown host is 400. */
function deleteProxy(state: ProxyMeshState, req: SimRequest): SimResponse {
  const raw = field(req.form(), 'proxy');
  if (raw === undefined) return fieldError('proxy', REQUIRED);
  const domain = fullProxyDomain(raw);
  if (!domain) return fieldError('proxy', 'Proxy is not recognized.');
  state.proxies = state.proxies.filter((entry) => entry !== domain);
  return noContent();
}

export function registerAccessRoutes(server: SimulatorServer, state: ProxyMeshState, guard: Guard): void {
  server.route(
    'GET',
    '/api/ips/',
    guard((req) => {
      const list = scopeList(state, req.query, 'ips');
      return isResponse(list) ? list : ok({ ips: [...list] });
    }),
  );
  server.route(
    'POST',
    '/api/ip/add/',
    guard((req) => addIp(state, req)),
  );
  server.route(
    'POST',
    '/api/ip/delete/',
    guard((req) => deleteIp(state, req)),
  );

  server.route(
    'GET',
    '/api/hostnames/',
    guard((req) => {
      const list = scopeList(state, req.query, 'domains');
      return isResponse(list) ? list : ok({ domains: [...list] });
    }),
  );
  server.route(
    'POST',
    '/api/hostname/add/',
    guard((req) => addDomain(state, req)),
  );
  server.route(
    'POST',
    '/api/hostname/delete/',
    guard((req) => deleteDomain(state, req)),
  );

  server.route(
    'GET',
    '/api/proxies/',
    guard(() => ok(renderProxyList(state))),
  );
  server.route(
    'POST',
    '/api/proxy/add/',
    guard((req) => addProxy(state, req)),
  );
  server.route(
    'POST',
    '/api/proxy/delete/',
    guard((req) => deleteProxy(state, req)),
  );

  server.route(
    'GET',
    '/api/geoips/open/',
    guard(() => ok({ ...state.geoIps.open })),
  );
  server.route(
    'GET',
    '/api/geoips/world/',
    guard(() => ok({ ...state.geoIps.world })),
  );
}
