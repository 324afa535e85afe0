/**
 * Webshare simulator routes for stats, activity and download tokens (docs/providers/reference.md §1.5 "Stats and activity", "Download
 * tokens"): proxy activity paged by `starting_after`, its CSV download link, and download tokens. Hourly
 * stats and replaced proxies are in routes.ts and routes-access.ts.
 */
import type { SimRequest, SimResponse, SimulatorServer } from '../kit';
import type { WebshareActivityPage, WebshareDownloadToken, WebshareDownloadTokenScope } from '../../providers/webshare/wire';
import type { WebshareSimContext } from './index';
import type { Guard } from './routes';
import { activityCsv, activityLog, timestampMicros, type ActivityEntry } from './activity';
import { alnumToken, DAY_MS, formatTimestamp, parseTimestamp } from './data';
import { DEFAULT_PAGE_SIZE, detailError, FieldErrors, integerParam, MAX_PAGE_SIZE, NOT_FOUND, ok } from './http';
import { isResponse, resolvePlan, resolveReader, type Reader } from './scope';
import type { PlanState } from './state';

const SCOPES: WebshareDownloadTokenScope[] = ['proxy_list', 'replaced_proxy', 'activity'];
/** [I] How long a download token lives: the docs' sample has an `expire_at`, its length is not documented. */
const TOKEN_LIFETIME_MS = 30 * DAY_MS;

export function registerStatsRoutes(server: SimulatorServer, context: WebshareSimContext, guard: Guard): void {
  const tokens = new DownloadTokens(context);

  server.route(
    'GET',
    '/api/v2/proxy/activity/',
    guard((req) => {
      const reader = resolveReader(context.state, req);
      if (isResponse(reader)) return reader;
      return activityPage(context, req, reader);
    }),
  );

  // [C] no API key: the download token (scope `activity`) is the credential, with the same filters.
  server.route('GET', '/api/v2/proxy/activity/download/', (req) => {
    const planState = tokens.planOf(req.query.get('download_token'), 'activity');
    if (!planState) return detailError(401, 'Invalid token.'); // [I] wording
    const filtered = filterActivity(context, req, { planState, config: planState.config, list: planState.list });
    if (isResponse(filtered)) return filtered;
    return { status: 200, headers: { 'content-type': 'text/csv; charset=utf-8' }, body: activityCsv(filtered) };
  });

  server.route(
    'GET',
    '/api/v2/download_token/:scope/',
    guard((req) => {
      const planState = resolvePlan(context.state, req);
      if (isResponse(planState)) return planState;
      const scope = scopeOf(req);
      return scope ? ok(tokens.current(planState, scope)) : NOT_FOUND;
    }),
  );
  server.route(
    'POST',
    '/api/v2/download_token/:scope/reset/',
    guard((req) => {
      const planState = resolvePlan(context.state, req);
      if (isResponse(planState)) return planState;
      const scope = scopeOf(req);
      return scope ? ok(tokens.reset(planState, scope)) : NOT_FOUND;
    }),
  );
}

/** [I] an unknown scope is an unknown URL to Django's router: 404. */
function scopeOf(req: SimRequest): WebshareDownloadTokenScope | undefined {
  return SCOPES.find((scope) => scope === req.params.scope);
}

/** The filters of GET /api/v2/proxy/activity/ [C], in DRF's live field-error form when malformed. */
function filterActivity(context: WebshareSimContext, req: SimRequest, reader: Reader): ActivityEntry[] | SimResponse {
  const errors = new FieldErrors();
  const instant = (name: string) => {
    const raw = req.query.get(name);
    if (raw === null || raw === '') return undefined;
    const micros = timestampMicros(raw, parseTimestamp);
    if (micros === undefined) errors.add(name, 'Enter a valid date/time.', 'invalid');
    return micros;
  };
  const number = (name: string) => {
    const value = integerParam(req, name);
    if (Number.isNaN(value)) errors.add(name, 'Enter a number.', 'invalid');
    return value;
  };
  const from = instant('timestamp__gte');
  const to = instant('timestamp__lte');
  const minBytes = number('bytes__gte');
  const maxBytes = number('bytes__lte');
  if (errors.has()) return errors.response();
  const reason = req.query.get('error_reason');
  const search = req.query.get('search')?.toLowerCase();
  const source = reader.subuser
    ? { seed: context.state.seed, salt: reader.subuser.record.id, username: reader.config.username }
    : { seed: context.state.seed, salt: reader.planState.plan.id, username: reader.config.username };
  return activityLog(source, context.nowMs()).filter(
    ({ atMicros, record }) =>
      (from === undefined || atMicros >= from) &&
      (to === undefined || atMicros <= to) &&
      (minBytes === undefined || record.bytes >= minBytes) &&
      (maxBytes === undefined || record.bytes <= maxBytes) &&
      // [C] `*` matches any error
      (!reason || (reason === '*' ? record.error_reason !== null : record.error_reason === reason)) &&
      (!search ||
        [record.hostname, record.domain, record.proxy_address, record.client_address, record.ip_address, record.error_reason].some((field) =>
          field?.toLowerCase().includes(search),
        )),
  );
}

/**
 * [C] newest first; `starting_after` = the timestamp of the last entry already read; `count` and an absolute
 * `next`, no `previous`. [I] `count` counts every entry the filters match, whatever `starting_after` says.
 */
function activityPage(context: WebshareSimContext, req: SimRequest, reader: Reader): SimResponse {
  const rawAfter = req.query.get('starting_after');
  const after = rawAfter === null || rawAfter === '' ? undefined : timestampMicros(rawAfter, parseTimestamp);
  if (rawAfter && after === undefined) return new FieldErrors().add('starting_after', 'Enter a valid date/time.', 'invalid').response();
  const entries = filterActivity(context, req, reader);
  if (isResponse(entries)) return entries;
  const pageSize = clampPageSize(req.query.get('page_size'));
  const rest = after === undefined ? entries : entries.filter((entry) => entry.atMicros < after);
  const page = rest.slice(0, pageSize);
  const body: WebshareActivityPage = {
    count: entries.length,
    next: rest.length > page.length ? nextUrl(req, page[page.length - 1].record.timestamp) : null,
    results: page.map((entry) => entry.record),
  };
  return ok(body);
}

/** As for page-numbered lists: an invalid size is the default, a large one the maximum [I]. */
function clampPageSize(raw: string | null): number {
  if (raw === null || !/^\d+$/.test(raw) || Number(raw) === 0) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Number(raw));
}

/** The next page's absolute URL: the request's own query with `starting_after` moved on, keys sorted as DRF does. */
function nextUrl(req: SimRequest, startingAfter: string): string {
  const query = new URLSearchParams();
  const entries = [...req.query].filter(([key]) => key !== 'starting_after');
  entries.push(['starting_after', startingAfter]);
  for (const [key, value] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) query.append(key, value);
  return `${req.origin}${req.path}?${query.toString()}`;
}

/**
 * Download tokens per plan and scope, made on first read. The `proxy_list` token is the proxy config's
 * `proxy_list_download_token` [I: the same key under two names], so a reset shows there too.
 */
class DownloadTokens {
  private readonly byKey = new Map<string, WebshareDownloadToken & { planId: number }>();
  private nextId = 50;
  private generation = 0;

  constructor(private readonly context: WebshareSimContext) {}

  current(planState: PlanState, scope: WebshareDownloadTokenScope): WebshareDownloadToken {
    const token =
      this.find(planState.plan.id, scope) ?? this.issue(planState, scope, scope === 'proxy_list' ? planState.config.proxy_list_download_token : undefined);
    return render(token);
  }

  reset(planState: PlanState, scope: WebshareDownloadTokenScope): WebshareDownloadToken {
    const old = this.find(planState.plan.id, scope);
    if (old) this.byKey.delete(old.key);
    return render(this.issue(planState, scope));
  }

  /** The plan a download link's key opens, when it is a live key of that scope. */
  planOf(key: string | null, scope: WebshareDownloadTokenScope): PlanState | undefined {
    const token = key ? this.byKey.get(key) : undefined;
    if (!token || token.scope !== scope || (token.expire_at && Date.parse(token.expire_at) < this.context.nowMs())) return undefined;
    return this.context.state.plans.get(token.planId);
  }

  private find(planId: number, scope: WebshareDownloadTokenScope) {
    return [...this.byKey.values()].find((token) => token.planId === planId && token.scope === scope);
  }

  private issue(planState: PlanState, scope: WebshareDownloadTokenScope, key?: string) {
    const nowMs = this.context.nowMs();
    const id = this.nextId++;
    const token = {
      id,
      key: key ?? alnumToken(26, this.context.state.seed, planState.plan.id, SCOPES.indexOf(scope), ++this.generation),
      scope,
      expire_at: formatTimestamp(nowMs + TOKEN_LIFETIME_MS),
      planId: planState.plan.id,
    };
    if (scope === 'proxy_list') planState.config.proxy_list_download_token = token.key;
    this.byKey.set(token.key, token);
    return token;
  }
}

function render({ planId: _planId, ...token }: WebshareDownloadToken & { planId: number }): WebshareDownloadToken {
  return token;
}
