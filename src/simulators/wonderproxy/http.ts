/**
 * HTTP conventions of WonderProxy's API as the simulator needs them: `{"message"}` error bodies for every
 * status [C], 201 + Location on create [C], 204 with an empty text/html body on delete [C], and parsing of
 * the JSON bodies and query parameters. Error wording other than the documented samples is [I].
 */
import { isIP } from 'node:net';
import type { SimRequest, SimResponse } from '../kit';
import type { WonderProxyServerDetail } from '../../providers/wonderproxy/wire';

const JSON_TYPE = 'application/json; charset=UTF-8';

export function ok(body: unknown): SimResponse {
  return { status: 200, headers: { 'content-type': JSON_TYPE }, body };
}

/** [C] `201 Created` with a Location relative to the API root, e.g. `/contract/ip-authlist/2675`. */
export function created(location: string, body: unknown): SimResponse {
  return { status: 201, headers: { 'content-type': JSON_TYPE, location }, body };
}

/** [C] deletes answer 204 with `Content-Type: text/html` and no body. */
export function noContent(): SimResponse {
  return { status: 204, headers: { 'content-type': 'text/html; charset=UTF-8' } };
}

export function message(status: number, text: string, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: { message: text } };
}

// [C] the 401 wording; the rest [I].
export const UNAUTHENTICATED = message(401, 'You are not authenticated. Visit https://wonderproxy.com to get your API token.');
export const NOT_FOUND = message(404, 'The resource you requested does not exist.');

export const badRequest = (text: string) => message(400, text);
export const conflict = (text: string) => message(409, text);

/** The JSON object body, or a 400. */
export function jsonObject(req: SimRequest): { ok: true; body: Record<string, unknown> } | { ok: false; response: SimResponse } {
  let body: unknown;
  try {
    body = req.json();
  } catch {
    return { ok: false, response: badRequest("The API didn't understand your request: the body is not valid JSON.") };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, response: badRequest("The API didn't understand your request: the body must be a JSON object.") };
  }
  return { ok: true, body: body as Record<string, unknown> };
}

/** A comma-separated list parameter (`server=denver,london`), or undefined when absent/empty. */
export function commaList(req: SimRequest, name: string): string[] | undefined {
  const raw = req.query.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * `detail=location,usage,geostatus`: which optional parts to include. [I] an unknown value is a 400 rather
 * than silently ignored, so a client asking for something an endpoint cannot give finds out.
 */
export function details(req: SimRequest, allowed: readonly WonderProxyServerDetail[]): Set<WonderProxyServerDetail> | SimResponse {
  const requested = commaList(req, 'detail') ?? [];
  const unknown = requested.filter((value) => !allowed.includes(value as WonderProxyServerDetail));
  if (unknown.length) return badRequest(`Unknown detail "${unknown[0]}". Use one of: ${allowed.join(', ')}.`);
  return new Set(requested as WonderProxyServerDetail[]);
}

export function isResponse(value: unknown): value is SimResponse {
  return typeof value === 'object' && value !== null && 'status' in value && typeof (value as SimResponse).status === 'number';
}

export function validIp(value: unknown): value is string {
  return typeof value === 'string' && isIP(value) !== 0;
}

/** A DNS host name: dot-separated labels of letters, digits and inner hyphens, with a top-level label. */
export function validHostname(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 253 && /^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,62}$/.test(value);
}

/** Epoch seconds as an integer (a numeric string is accepted, as PHP form handling would [I]). */
export function epochSeconds(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d{1,12}$/.test(value)) return Number(value);
  return undefined;
}

/** A numeric path id (`/contract/overrides/5523`); anything else can never exist. */
export function numericId(raw: string): number | undefined {
  return /^\d{1,12}$/.test(raw) ? Number(raw) : undefined;
}
