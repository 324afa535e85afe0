/**
 * Usage statistics of the Webshare simulator, derived deterministically from (seed, salt, hour): the same
 * hour always reports the same traffic, so /api/v2/stats/ and /api/v2/stats/aggregate/ agree with each other
 * and across runs. Hours after "now" are projected rows [C: lte may be in the future]. Bandwidth in bytes.
 */
import type { WebshareAggregateStats, WebshareErrorReason, WebshareProxyStat } from '../../providers/webshare/wire';
import { CATALOG, formatHour, formatTimestamp, HOUR_MS, mix, unit } from './data';

/** Whose traffic: a plan (salt = plan id) or a sub-user (salt = its id, smaller scale). */
export interface StatsSource {
  seed: number;
  salt: number;
  /** Multiplies the traffic volume (1 for a plan). */
  scale: number;
  /** Countries the traffic exits from. */
  countries: string[];
}

// [I] Plausible reasons beyond the documented `client_connect_forbidden_host`.
export const ERROR_REASONS: Array<Omit<WebshareErrorReason, 'count'>> = [
  {
    reason: 'client_connect_forbidden_host',
    type: 'configuration',
    how_to_fix: 'The target website you are connecting cannot be accessed via Webshare Proxy.',
    http_status: 403,
  },
  {
    reason: 'client_connect_invalid_credentials',
    type: 'configuration',
    how_to_fix: 'Check the proxy username and password in your proxy configuration.',
    http_status: 407,
  },
  {
    reason: 'target_connect_timeout',
    type: 'connection',
    how_to_fix: 'The target website did not respond in time. Retry the request or raise the request timeout.',
    http_status: 504,
  },
];

/** Expected bytes in an hour: a daily curve peaking in the (UTC) afternoon, ~60 MB average at scale 1. */
function expectedBytes(source: StatsSource, hourMs: number): number {
  const hourOfDay = new Date(hourMs).getUTCHours();
  const curve = 0.55 + 0.45 * Math.sin(((hourOfDay - 9) / 24) * 2 * Math.PI);
  return 60_000_000 * source.scale * curve;
}

/** One hour's row, or null when no request was made in that hour (such hours are omitted [C]). */
export function hourlyStat(source: StatsSource, hourMs: number, nowMs: number): WebshareProxyStat | null {
  const h = (n: number) => mix(source.seed, source.salt, hourMs / HOUR_MS, n);
  if (hourMs > nowMs) return projectedStat(source, hourMs);
  if (h(0) % 100 < 12) return null; // [I] about one hour in eight goes unused
  const bandwidth = Math.round(expectedBytes(source, hourMs) * (0.4 + 1.2 * unit(h(1))));
  const averageBytes = 40_000 + (h(2) % 60_000);
  const requests = Math.max(1, Math.round(bandwidth / averageBytes));
  const failed = Math.round(requests * (0.01 + 0.04 * unit(h(3))));
  const elapsedMs = Math.min(HOUR_MS, nowMs - hourMs);
  return {
    timestamp: formatHour(hourMs),
    is_projected: false,
    bandwidth_total: bandwidth,
    bandwidth_average: Math.round(bandwidth / requests),
    requests_total: requests,
    requests_successful: requests - failed,
    requests_failed: failed,
    error_reasons: splitErrors(failed, h(4)),
    countries_used: splitAcross(requests, source.countries.slice(0, 4), h(5)),
    number_of_proxies_used: Math.max(1, Math.min(requests, Math.round(requests / 25))),
    protocols_used: splitAcross(requests, ['http', 'socks'], h(6), 0.85),
    average_concurrency: round6((requests * 0.8) / 3600),
    average_rps: round6(requests / 3600),
    last_request_sent_at: formatTimestamp(hourMs + Math.floor(unit(h(7)) * Math.max(1, elapsedMs))),
  };
}

/** A future hour: expected bandwidth only, empty breakdowns and null averages [C]. */
function projectedStat(source: StatsSource, hourMs: number): WebshareProxyStat {
  return {
    timestamp: formatHour(hourMs),
    is_projected: true,
    bandwidth_total: Math.round(expectedBytes(source, hourMs)),
    bandwidth_average: 0,
    requests_total: 0,
    requests_successful: 0,
    requests_failed: 0,
    error_reasons: [],
    countries_used: {},
    number_of_proxies_used: 0,
    protocols_used: {},
    average_concurrency: null,
    average_rps: null,
    last_request_sent_at: null,
  };
}

/** Every used (or projected) hour whose start lies in [fromMs, toMs]. */
export function hourlyStats(source: StatsSource, fromMs: number, toMs: number, nowMs: number): WebshareProxyStat[] {
  const rows: WebshareProxyStat[] = [];
  for (let hourMs = Math.ceil(fromMs / HOUR_MS) * HOUR_MS; hourMs <= toMs; hourMs += HOUR_MS) {
    const row = hourlyStat(source, hourMs, nowMs);
    if (row) rows.push(row);
  }
  return rows;
}

/** Sums a window. `bandwidth_projected` = used bytes plus the projected remainder of the window [I]. */
export function aggregateStats(source: StatsSource, fromMs: number, toMs: number, nowMs: number): WebshareAggregateStats {
  const rows = hourlyStats(source, fromMs, toMs, nowMs);
  const actual = rows.filter((row) => !row.is_projected);
  const projectedBytes = rows.filter((row) => row.is_projected).reduce((sum, row) => sum + row.bandwidth_total, 0);
  const sum = (pick: (row: WebshareProxyStat) => number) => actual.reduce((total, row) => total + pick(row), 0);
  const bandwidth = sum((row) => row.bandwidth_total);
  const requests = sum((row) => row.requests_total);
  const windowHours = Math.max(1, (Math.min(toMs, nowMs) - fromMs) / HOUR_MS);
  return {
    bandwidth_total: bandwidth,
    bandwidth_average: requests ? Math.round(bandwidth / requests) : 0,
    bandwidth_projected: bandwidth + projectedBytes,
    requests_total: requests,
    requests_successful: sum((row) => row.requests_successful),
    requests_failed: sum((row) => row.requests_failed),
    error_reasons: mergeErrors(actual.flatMap((row) => row.error_reasons)),
    countries_used: mergeCounts(actual.map((row) => row.countries_used)),
    number_of_proxies_used: actual.reduce((max, row) => Math.max(max, row.number_of_proxies_used), 0),
    protocols_used: mergeCounts(actual.map((row) => row.protocols_used)),
    average_concurrency: actual.length ? round6((requests * 0.8) / (windowHours * 3600)) : null,
    average_rps: actual.length ? round6(requests / (windowHours * 3600)) : null,
    last_request_sent_at: actual.length ? actual[actual.length - 1].last_request_sent_at : null,
  };
}

/** Countries a source's traffic exits from: the explicit ones, or the catalog's busiest for "ZZ". */
export function trafficCountries(countries: Record<string, number> | null): string[] {
  const explicit = Object.keys(countries ?? {}).filter((code) => code !== 'ZZ');
  return explicit.length ? explicit : CATALOG.slice(0, 4).map((entry) => entry.country);
}

function splitErrors(failed: number, hash: number): WebshareErrorReason[] {
  if (failed === 0) return [];
  const counts = splitAcross(
    failed,
    ERROR_REASONS.map((reason) => reason.reason),
    hash,
    0.6,
  );
  return ERROR_REASONS.filter((reason) => counts[reason.reason]).map((reason) => ({ ...reason, count: counts[reason.reason] }));
}

/** Splits `total` across keys: the first takes roughly `lead` of it, the rest share what remains. */
function splitAcross(total: number, keys: string[], hash: number, lead = 0.5): Record<string, number> {
  const out: Record<string, number> = {};
  let remaining = total;
  keys.forEach((key, index) => {
    const isLast = index === keys.length - 1;
    const share = isLast ? remaining : Math.round(remaining * (index === 0 ? lead : 0.3 + 0.4 * unit(mix(hash, index))));
    if (share > 0) out[key] = share;
    remaining -= share;
  });
  return out;
}

function mergeErrors(reasons: WebshareErrorReason[]): WebshareErrorReason[] {
  const merged = new Map<string, WebshareErrorReason>();
  for (const reason of reasons) {
    const existing = merged.get(reason.reason);
    if (existing) existing.count += reason.count;
    else merged.set(reason.reason, { ...reason });
  }
  return [...merged.values()];
}

function mergeCounts(maps: Array<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const map of maps) for (const [key, count] of Object.entries(map)) out[key] = (out[key] ?? 0) + count;
  return out;
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
