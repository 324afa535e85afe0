/**
 * HTTP conventions of ProxyMesh's account API as the simulator needs them: status codes from the docs'
 * table (302 400 401 402 403 404 405 500 503) and their bodies. ProxyMesh documents only that a 400 carries
 * a JSON form-error body; the other bodies here are [I].
 */
import type { SimRequest, SimResponse } from '../kit';

export const REQUIRED = 'This field is required.'; // Django form wording [I]

export function ok(body: unknown): SimResponse {
  return { status: 200, body };
}

/** Sub-account delete answers an empty 200 [C]. */
export function emptyOk(): SimResponse {
  return { status: 200 };
}

/** IP, hostname and proxy deletes answer an empty 204 [C]. */
export function noContent(): SimResponse {
  return { status: 204 };
}

/** 400 "Form error, will include JSON error response body" [C]; Django's `form.errors` shape [I]. */
export function formError(errors: Record<string, string[]>): SimResponse {
  return { status: 400, body: errors };
}

export function fieldError(field: string, message: string): SimResponse {
  return formError({ [field]: [message] });
}

export const UNAUTHORIZED: SimResponse = {
  status: 401,
  headers: { 'www-authenticate': 'Basic realm="ProxyMesh API"' },
  body: 'Unauthorized',
};

export const PAYMENT_REQUIRED_SUBS: SimResponse = {
  status: 402,
  body: { error: 'Sub-account limit reached. Upgrade your plan or delete sub-accounts to add more.' },
};

export const PAYMENT_REQUIRED_PROXIES: SimResponse = {
  status: 402,
  body: { error: 'Your subscription plan does not allow adding any more proxies.' },
};

export const FORBIDDEN_SUB_AUTH: SimResponse = { status: 403, body: { error: 'Sub-accounts cannot use the API. Authenticate as the parent account.' } };
export const FORBIDDEN_NOT_YOURS: SimResponse = { status: 403, body: { error: 'That username is not one of your sub-accounts.' } };
export const SUB_NOT_FOUND: SimResponse = { status: 404, body: { error: 'Sub-account not found.' } };
export const PLAN_LOOKUP_FAILED: SimResponse = {
  status: 503,
  body: { error: 'Unable to lookup subscription plan. Please try again in a few minutes.' },
};

export function subLookupFailure(status: 403 | 404): SimResponse {
  return status === 403 ? FORBIDDEN_NOT_YOURS : SUB_NOT_FOUND;
}

/** 302 to the https:// URL: "HTTP request when HTTPS is required" [C]. */
export function httpsRedirect(req: SimRequest): SimResponse {
  const query = req.query.toString();
  const host = String(req.headers.host ?? 'proxymesh.com').replace(/:\d+$/, '');
  return { status: 302, headers: { location: `https://${host}${req.path}${query ? `?${query}` : ''}` } };
}

/** Django's HttpResponseNotAllowed: empty body and an Allow header [C 405 "Wrong HTTP method"]. */
export function methodNotAllowed(allowed: string[]): SimResponse {
  return { status: 405, headers: { allow: allowed.join(', ') } };
}

export const PAGE_NOT_FOUND: SimResponse = {
  status: 404,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body: '<h1>Not Found</h1><p>The requested resource was not found on this server.</p>',
};

/** A form field: trimmed, undefined when absent or blank. */
export function field(form: URLSearchParams, name: string): string | undefined {
  const value = form.get(name);
  return value === null || value.trim() === '' ? undefined : value.trim();
}
