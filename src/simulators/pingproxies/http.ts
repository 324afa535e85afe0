/**
 * Ping Proxies HTTP conventions for the simulator (docs/providers/reference.md §2.2–2.4): `{data, message}` envelopes, the
 * search envelope and its engine (exact filters, `min_/max_/like_/not_` operators, metadata filters,
 * `sort_by`, page/per_page ≤ 100), error bodies `{error, message, api_request_id}`, and JSON body parsing.
 */
import { randomUUID } from 'node:crypto';
import type { SimRequest, SimResponse } from '../kit';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/** [C] every error: `{"error": <reason>, "message", "api_request_id"}`. */
export function pingError(status: number, message: string): SimResponse {
  return { status, body: { error: REASONS[status] ?? 'Error', message, api_request_id: randomUUID() } };
}

export function ok(data: unknown, message: string): SimResponse {
  return { status: 200, body: { data, message } };
}

export function okBody(body: Record<string, unknown>, status = 200): SimResponse {
  return { status, body };
}

// ---- dates: "YYYY-MM-DD hh:mm:ss" UTC for most fields, ISO for some proxy fields [C] ----

export function pingDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export function isoDate(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Parses either form (and a bare date) as UTC, for min_/max_ comparisons; NaN when neither. */
export function parsePingDate(value: string): number {
  const plain = /^(\d{4}-\d{2}-\d{2})(?:[ T]\s?(\d{2}:\d{2}(?::\d{2})?))?$/.exec(value.trim());
  if (plain) return Date.parse(`${plain[1]}T${plain[2] ?? '00:00:00'}Z`);
  return Date.parse(value);
}

// ---- JSON bodies ----

/** [C] JSON bodies need Content-Type: application/json; [I] wording of the 400s. */
export function jsonBody(req: SimRequest): { ok: true; body: Record<string, unknown> } | { ok: false; response: SimResponse } {
  const contentType = String(req.headers['content-type'] ?? '');
  if (req.rawBody.trim() !== '' && !/application\/json/i.test(contentType)) {
    return { ok: false, response: pingError(400, 'The request body must be JSON (Content-Type: application/json).') };
  }
  let body: unknown;
  try {
    body = req.json();
  } catch {
    return { ok: false, response: pingError(400, 'The request body is not valid JSON.') };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, response: pingError(400, 'The request body must be a JSON object.') };
  }
  return { ok: true, body: body as Record<string, unknown> };
}

// ---- search ----

export const DEFAULT_PER_PAGE = 100; // [C]
export const MAX_PER_PAGE = 100; // [C]

type Row = Record<string, unknown>;

export interface SearchSpec {
  /** Field names that may be filtered (exactly or with an operator) and sorted by. */
  fields: readonly string[];
  /** The resource's metadata object, filterable as `<field>.<key>=v` and `<field>.exists_<key>=1` [C]. */
  metadataField?: string;
  /** Query parameters the endpoint reads itself (e.g. `proxies` on service search). */
  extraParams?: readonly string[];
  message: string;
  /** [C] "some searches return total_count: -1 when too expensive to count". */
  uncounted?: boolean;
}

const OPERATORS = ['min_', 'max_', 'like_', 'not_'] as const;
type Operator = (typeof OPERATORS)[number] | '';

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

function truthy(value: string): boolean | undefined {
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0') return false;
  return undefined;
}

/** [I] exact matches are case-insensitive; booleans accept true/false/1/0; array fields match a member. */
function equals(value: unknown, wanted: string): boolean {
  if (Array.isArray(value)) return value.some((item) => equals(item, wanted));
  if (typeof value === 'boolean') return truthy(wanted) === value;
  if (typeof value === 'number') return Number(wanted) === value;
  return text(value).toLowerCase() === wanted.toLowerCase();
}

function comparable(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return parsePingDate(value);
  return NaN;
}

function like(value: unknown, pattern: string): boolean {
  const haystack = text(value).toLowerCase();
  const needle = pattern.toLowerCase();
  if (!needle.includes('%')) return haystack.includes(needle);
  const regex = new RegExp(
    `^${needle
      .split('%')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return regex.test(haystack);
}

function matches(row: Row, operator: Operator, field: string, wanted: string): boolean {
  const value = row[field];
  switch (operator) {
    case '':
      return equals(value, wanted);
    case 'not_':
      return !equals(value, wanted);
    case 'like_':
      return like(value, wanted);
    case 'min_':
      return comparable(value) >= comparable(Number.isNaN(Number(wanted)) ? wanted : Number(wanted));
    case 'max_':
      return comparable(value) <= comparable(Number.isNaN(Number(wanted)) ? wanted : Number(wanted));
  }
}

function positiveInt(raw: string | null, fallback: number): number {
  if (raw === null || raw === '') return fallback;
  return /^\d+$/.test(raw) ? Number(raw) : NaN;
}

/**
 * The filters and sort of a query over rendered rows (everything but paging): exact matches, operators,
 * metadata filters and `sort_by`. Shared by the searches and by the endpoints that take "any proxy search
 * filter" (list_by_search, list/options' search_filter [C]).
 */
export function filterRows(
  query: Iterable<[string, string]>,
  rows: readonly Row[],
  spec: Omit<SearchSpec, 'message' | 'uncounted'>,
): { ok: true; rows: Row[] } | { ok: false; response: SimResponse } {
  const filters: Array<(row: Row) => boolean> = [];
  let sort: { field: string; descending: boolean } | 'random' | null = null;
  for (const [key, value] of query) {
    if (key === 'page' || key === 'per_page' || spec.extraParams?.includes(key)) continue;
    if (key === 'sort_by') {
      const parsed = parseSort(value, spec.fields);
      if (!parsed) return { ok: false, response: pingError(400, `The sort_by value "${value}" is not supported.`) };
      sort = parsed;
      continue;
    }
    const metadata = spec.metadataField && key.startsWith(`${spec.metadataField}.`) ? key.slice(spec.metadataField.length + 1) : null;
    if (metadata !== null) {
      const field = spec.metadataField!;
      if (metadata.startsWith('exists_')) {
        const name = metadata.slice('exists_'.length);
        const want = truthy(value) ?? true;
        filters.push((row) => name in ((row[field] as Row | null) ?? {}) === want);
      } else {
        filters.push((row) => equals(((row[field] as Row | null) ?? {})[metadata], value));
      }
      continue;
    }
    const operator = (OPERATORS.find((prefix) => key.startsWith(prefix) && spec.fields.includes(key.slice(prefix.length))) ?? '') as Operator;
    const field = key.slice(operator.length);
    if (!spec.fields.includes(field)) return { ok: false, response: pingError(400, `The search parameter "${key}" is not supported.`) }; // [I]
    filters.push((row) => matches(row, operator, field, value));
  }
  let result = rows.filter((row) => filters.every((filter) => filter(row)));
  if (sort === 'random') result = [...result].sort(() => Math.random() - 0.5);
  else if (sort) result = sortRows(result, sort.field, sort.descending);
  return { ok: true, rows: result };
}

/** Runs a search over rendered rows: validate paging, filter, sort, page, envelope. */
export function search(req: SimRequest, rows: readonly Row[], spec: SearchSpec): SimResponse {
  const page = positiveInt(req.query.get('page'), 1);
  if (!Number.isInteger(page) || page < 1) return pingError(400, 'The page field must be an integer of at least 1.');
  const perPage = positiveInt(req.query.get('per_page'), DEFAULT_PER_PAGE);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
    return pingError(400, `The per_page field must be an integer between 1 and ${MAX_PER_PAGE}.`);
  }
  const filtered = filterRows(req.query, rows, spec);
  if (!filtered.ok) return filtered.response;
  const result = filtered.rows;
  const start = (page - 1) * perPage;
  const data = result.slice(start, start + perPage); // [C] a page past the end is empty, not an error
  return okBody({
    data,
    item_count: data.length,
    message: spec.message,
    page,
    per_page: perPage,
    total_count: spec.uncounted ? -1 : result.length,
  });
}

/** `<field>`, `<field>_asc`, `<field>_desc` or `random` [C]. */
function parseSort(value: string, fields: readonly string[]): { field: string; descending: boolean } | 'random' | null {
  if (value === 'random') return 'random';
  if (fields.includes(value)) return { field: value, descending: false };
  const match = /^(.+)_(asc|desc)$/.exec(value);
  if (match && fields.includes(match[1])) return { field: match[1], descending: match[2] === 'desc' };
  return null;
}

function sortRows(rows: Row[], field: string, descending: boolean): Row[] {
  const direction = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const left = a[field];
    const right = b[field];
    if (left === right) return 0;
    if (left === null || left === undefined) return 1;
    if (right === null || right === undefined) return -1;
    if (typeof left === 'number' && typeof right === 'number') return (left - right) * direction;
    return (String(left) < String(right) ? -1 : 1) * direction;
  });
}
