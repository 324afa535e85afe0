/**
 * Proxy activity of the Webshare simulator (docs/providers/reference.md §1.5 "Stats and activity"): a request
 * log derived deterministically from (seed, salt, hour), like the hourly stats, so the same hour always holds
 * the same entries and a page read twice is the same page. Only entries up to "now" exist; older than the
 * retention below they are gone.
 */
import type { WebshareActivity } from '../../providers/webshare/wire';
import { formatTimestamp, HOUR_MS, DAY_MS, hostAddress, mix, unit, weightedEntry } from './data';
import { ERROR_REASONS } from './stats';

/** [I] How far back activity is kept: Webshare does not say; a week keeps the seeded log a few hundred entries. */
export const ACTIVITY_RETENTION_MS = 7 * DAY_MS;

/** Whose activity: a plan (salt = plan id) or a sub-user (salt = its id), and the username its requests carry. */
export interface ActivitySource {
  seed: number;
  salt: number;
  username: string;
}

/** An entry with its instant in microseconds (Webshare's timestamps carry six fractional digits). */
export interface ActivityEntry {
  atMicros: number;
  record: WebshareActivity;
}

// [I] Targets a scraping account plausibly visits; ipv4.webshare.io is the docs' sample.
const TARGETS = [
  { hostname: 'ipv4.webshare.io', domain: 'webshare.io', ip: '104.18.10.1' },
  { hostname: 'www.example.com', domain: 'example.com', ip: '93.184.215.14' },
  { hostname: 'api.example.org', domain: 'example.org', ip: '93.184.215.34' },
  { hostname: 'shop.example.net', domain: 'example.net', ip: '93.184.215.54' },
  { hostname: 'news.example.com', domain: 'example.com', ip: '93.184.215.74' },
];

/** Microseconds of a Webshare timestamp (the milliseconds plus the three further digits), or undefined. */
export function timestampMicros(text: string, parse: (text: string) => number | undefined): number | undefined {
  const ms = parse(text);
  if (ms === undefined) return undefined;
  const fraction = /\.(\d{1,6})/.exec(text)?.[1] ?? '';
  return ms * 1000 + Number(fraction.padEnd(6, '0').slice(3));
}

function microsOf(formatted: string, ms: number): number {
  const fraction = /\.(\d{6})/.exec(formatted)![1];
  return ms * 1000 + Number(fraction.slice(3));
}

/** One hour's entries (0 to 5 of them, at distinct instants). */
function hourEntries(source: ActivitySource, hourMs: number): ActivityEntry[] {
  const h = (...n: number[]) => mix(source.seed, source.salt, 0xac7, hourMs / HOUR_MS, ...n);
  const count = h(0) % 6;
  const entries: ActivityEntry[] = [];
  for (let i = 0; i < count; i++) {
    // Distinct instants inside the hour: slot i of `count`, jittered within it.
    const slotMs = HOUR_MS / count;
    const ms = hourMs + Math.floor(i * slotMs + unit(h(i, 1)) * (slotMs - 1));
    const failed = h(i, 2) % 100 < 12;
    const reason = failed ? ERROR_REASONS[h(i, 3) % ERROR_REASONS.length] : null;
    const target = TARGETS[h(i, 4) % TARGETS.length];
    const entry = weightedEntry(h(i, 5));
    const proxy = hostAddress(entry.prefixes[h(i, 6) % (entry.prefixes.length - 1)], h(i, 7) % 65_024);
    const request = 0.05 + 2.5 * unit(h(i, 8));
    const handshake = request * 0.3;
    const timestamp = formatTimestamp(ms);
    entries.push({
      atMicros: microsOf(timestamp, ms),
      record: {
        timestamp,
        protocol: h(i, 9) % 100 < 85 ? 'http' : 'socks',
        request_duration: round3(request),
        handshake_duration: round3(handshake),
        tunnel_duration: failed ? null : round3(request - handshake),
        error_reason: reason?.reason ?? null,
        error_reason_how_to_fix: reason?.how_to_fix ?? null,
        auth_username: h(i, 10) % 4 === 0 ? null : source.username,
        proxy_address: proxy,
        bytes: failed ? 0 : 2_000 + (h(i, 11) % 2_000_000),
        client_address: `203.0.113.${1 + (h(i, 12) % 254)}`,
        ip_address: failed && reason?.reason === 'client_connect_forbidden_host' ? null : target.ip,
        hostname: target.hostname,
        domain: target.domain,
        port: h(i, 13) % 5 === 0 ? 80 : 443,
        proxy_port: null,
        listen_address: proxy,
        listen_port: 5_000 + (h(i, 14) % 5_000),
      },
    });
  }
  return entries;
}

/** Every entry of the retention window up to now, newest first. */
export function activityLog(source: ActivitySource, nowMs: number): ActivityEntry[] {
  const entries: ActivityEntry[] = [];
  const firstHour = Math.floor((nowMs - ACTIVITY_RETENTION_MS) / HOUR_MS) * HOUR_MS;
  for (let hourMs = firstHour; hourMs <= nowMs; hourMs += HOUR_MS) {
    for (const entry of hourEntries(source, hourMs)) {
      const ms = Math.floor(entry.atMicros / 1000);
      if (ms <= nowMs && ms >= nowMs - ACTIVITY_RETENTION_MS) entries.push(entry);
    }
  }
  return entries.sort((a, b) => b.atMicros - a.atMicros);
}

/** The CSV the download link serves [C: CSV text; I: columns are the JSON fields in order]. */
export function activityCsv(entries: ActivityEntry[]): string {
  const columns = Object.keys(entries[0]?.record ?? { timestamp: '' }) as Array<keyof WebshareActivity>;
  const cell = (value: unknown) =>
    value === null || value === undefined ? '' : /[",\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value);
  return [columns.join(','), ...entries.map((entry) => columns.map((column) => cell(entry.record[column])).join(','))].join('\n') + '\n';
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
