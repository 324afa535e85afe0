/**
 * HTTP conventions of Webshare's Django-REST-Framework API, as the simulator needs them: error bodies
 * (`{"detail"}`, live field-error form), PageNumberPagination with absolute `next`/`previous` URLs, and
 * query-parameter parsing.
 */
import type { SimRequest, SimResponse } from '../kit';
import type { WebshareFieldErrors, WebsharePage } from '../../providers/webshare/wire';

export const NOT_FOUND: SimResponse = { status: 404, body: { detail: 'Not found.' } };

export function detailError(status: number, detail: string, code?: string): SimResponse {
  return { status, body: code ? { detail, code } : { detail } };
}

export function noContent(): SimResponse {
  return { status: 204 };
}

export function ok(body: unknown): SimResponse {
  return { status: 200, body };
}

/** Collects field errors in the live API's form: `{"field": [{"message", "code"}]}` [SDK]. */
export class FieldErrors {
  readonly errors: WebshareFieldErrors = {};

  add(field: string, message: string, code: string): this {
    (this.errors[field] ??= []).push({ message, code });
    return this;
  }

  has(field?: string): boolean {
    return field === undefined ? Object.keys(this.errors).length > 0 : field in this.errors;
  }

  response(): SimResponse {
    return { status: 400, body: this.errors };
  }
}

export function fieldError(field: string, message: string, code: string): SimResponse {
  return new FieldErrors().add(field, message, code).response();
}

export const REQUIRED = 'This field is required.';

// ---- Pagination ------------------------------------------------------------------------------------------------

export const DEFAULT_PAGE_SIZE = 25; // [C]
/** [I] Webshare does not document a maximum page_size; 100 is assumed. */
export const MAX_PAGE_SIZE = 100;

export interface PageWindow {
  start: number;
  end: number;
  envelope<T>(results: T[]): WebsharePage<T>;
}

/**
 * DRF PageNumberPagination: `page` (1-based or "last"), `page_size` (invalid → default, clamped to the max).
 * A page outside the list answers 404 {"detail": "Invalid page."}; an empty list still has page 1.
 */
export function pageWindow(req: SimRequest, count: number): PageWindow | SimResponse {
  const pageSize = clampPageSize(req.query.get('page_size'));
  const pages = Math.max(1, Math.ceil(count / pageSize));
  const raw = req.query.get('page') ?? '1';
  const page = raw === 'last' ? pages : /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(page) || page < 1 || page > pages) return detailError(404, 'Invalid page.');
  const start = (page - 1) * pageSize;
  return {
    start,
    end: Math.min(count, start + pageSize),
    envelope: (results) => ({
      count,
      next: page < pages ? pageUrl(req, page + 1) : null,
      previous: page > 1 ? pageUrl(req, page - 1) : null,
      results,
    }),
  };
}

/** Paginates an in-memory list, rendering only the page's items. */
export function paginate<T, R = T>(req: SimRequest, items: readonly T[], render?: (item: T) => R): SimResponse {
  const window = pageWindow(req, items.length);
  if (!('envelope' in window)) return window;
  const slice = items.slice(window.start, window.end);
  return ok(window.envelope(render ? slice.map(render) : (slice as unknown as R[])));
}

function clampPageSize(raw: string | null): number {
  if (raw === null || !/^\d+$/.test(raw) || Number(raw) === 0) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Number(raw));
}

/** Absolute URL of another page from the request's own Host; as DRF does, query keys are sorted and page 1 drops `page`. */
function pageUrl(req: SimRequest, page: number): string {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of req.query) if (key !== 'page') grouped.set(key, [...(grouped.get(key) ?? []), value]);
  if (page !== 1) grouped.set('page', [String(page)]);
  const query = new URLSearchParams();
  for (const key of [...grouped.keys()].sort()) for (const value of grouped.get(key)!) query.append(key, value);
  const text = query.toString();
  return `${req.origin}${req.path}${text ? `?${text}` : ''}`;
}

// ---- Query parsing ---------------------------------------------------------------------------------------------

/** A comma-separated list parameter (`country_code__in=US,DE`), or undefined when absent/empty. */
export function commaList(req: SimRequest, name: string): string[] | undefined {
  const raw = req.query.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** django-filter BooleanFilter: true/false/1/0 (any case); anything else means "no filter" [I]. */
export function booleanParam(req: SimRequest, name: string): boolean | undefined {
  const raw = req.query.get(name)?.toLowerCase();
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  return undefined;
}

/** An integer parameter: undefined when absent, NaN when malformed. */
export function integerParam(req: SimRequest, name: string): number | undefined {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return undefined;
  return /^-?\d+$/.test(raw) ? Number(raw) : NaN;
}

/** The JSON body as an object, or a 400 in DRF's parse-error / non-dictionary form. */
export function jsonObject(req: SimRequest): { ok: true; body: Record<string, unknown> } | { ok: false; response: SimResponse } {
  let body: unknown;
  try {
    body = req.json();
  } catch {
    return { ok: false, response: detailError(400, 'JSON parse error - Expecting value: line 1 column 1 (char 0)', 'parse_error') };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    const pythonType = Array.isArray(body) ? 'list' : body === null ? 'NoneType' : typeof body === 'string' ? 'str' : typeof body === 'number' ? 'int' : 'bool';
    return { ok: false, response: fieldError('non_field_errors', `Invalid data. Expected a dictionary, but got ${pythonType}.`, 'invalid') };
  }
  return { ok: true, body: body as Record<string, unknown> };
}
