/**
 * Proxy lists in the text formats clients paste into their tools (README "Proxy lists to paste"). Pure: records
 * in, text out, no account, no scope, no upstream call; which formats need the `credentials` scope and which
 * arguments go together are decided here too, so the GraphQL fields and the tests read one table.
 *
 * Pages concatenate: every line ends with its line break, and a CSV header is written only when the caller
 * says this page starts the document.
 */
import { badUserInput } from '../core/errors';
import type { ProxyRecord } from '../providers/contract/records';

export type ProxyListFormat = 'HOST_PORT' | 'HOST_PORT_USER_PASS' | 'USER_PASS_AT_HOST_PORT' | 'URL' | 'CSV';
export type ProxyListProtocol = 'HTTP' | 'SOCKS5';

/** What each format writes, and whether it carries passwords (then it needs the `credentials` scope). */
const FORMATS: Record<ProxyListFormat, { carriesCredentials: boolean }> = {
  // IP-authorized use: no username, no password.
  HOST_PORT: { carriesCredentials: false },
  HOST_PORT_USER_PASS: { carriesCredentials: true },
  USER_PASS_AT_HOST_PORT: { carriesCredentials: true },
  URL: { carriesCredentials: true },
  CSV: { carriesCredentials: true },
};

export function formatCarriesCredentials(format: ProxyListFormat): boolean {
  return FORMATS[format].carriesCredentials;
}

export interface ProxyListOptions {
  format: ProxyListFormat;
  /** Which port a line uses (and a URL's scheme). CSV writes both ports, so it takes none. */
  protocol: ProxyListProtocol | null;
}

/**
 * The arguments as given, checked before anything is read: CSV has a column for each port, so a protocol
 * with it would be ignored silently; it is refused instead. Every other format defaults to HTTP.
 */
export function proxyListOptions(format: ProxyListFormat, protocol: ProxyListProtocol | null | undefined): ProxyListOptions {
  if (!(format in FORMATS)) throw badUserInput(`unknown proxy list format "${String(format).slice(0, 40)}"`, { format: ['unknown format'] });
  if (format === 'CSV') {
    if (protocol != null) throw badUserInput('CSV lists both ports (http_port, socks5_port); leave protocol out', { protocol: ['not used with CSV'] });
    return { format, protocol: null };
  }
  if (protocol != null && protocol !== 'HTTP' && protocol !== 'SOCKS5') {
    throw badUserInput(`unknown protocol "${String(protocol).slice(0, 40)}"`, { protocol: ['unknown protocol'] });
  }
  return { format, protocol: protocol ?? 'HTTP' };
}

/** A proxy to render and the account it belongs to (for CSV's provider and account columns). */
export interface ListedProxy {
  record: ProxyRecord;
  provider: string;
  accountId: string;
}

export interface RenderedProxyList {
  text: string;
  /** Proxy lines written (the CSV header is not counted). */
  lineCount: number;
  /** Proxies of the page left out: no port for the protocol, or a value the format cannot hold unambiguously. */
  skippedCount: number;
}

export const CSV_COLUMNS = ['provider', 'account_id', 'host', 'http_port', 'socks5_port', 'username', 'password', 'country', 'city'] as const;

const LINE_BREAK = /[\r\n]/;

/** An IPv6 address is bracketed wherever a port follows it, so its colons are not read as the port's. */
export function hostForPort(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** RFC 4180: a field holding a comma, a double quote or a line break is quoted, its quotes doubled. */
export function csvField(value: string | number | null | undefined): string {
  const text = value == null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function portFor(record: ProxyRecord, protocol: ProxyListProtocol): number | null {
  return (protocol === 'HTTP' ? record.httpPort : record.socks5Port) ?? null;
}

/**
 * One line of a plain format, or null when the proxy cannot be written in it: no port for the protocol, a line
 * break in a value it writes (it would split the line, or forge another), or a separator inside the username (a
 * colon in `user:pass`, an `@` before the host) that would make the line read differently.
 * Missing credentials: no username → no credential part at all; a username without password keeps the
 * field count of `host:port:user:pass` (`host:port:user:`) and is `user@host:port` in the `@` form.
 */
function plainLine(record: ProxyRecord, format: Exclude<ProxyListFormat, 'CSV' | 'URL'>, protocol: ProxyListProtocol): string | null {
  const port = portFor(record, protocol);
  if (!port || !record.host || LINE_BREAK.test(record.host)) return null;
  const address = `${hostForPort(record.host)}:${port}`;
  const username = record.username || null;
  const password = record.password || null;
  if (format === 'HOST_PORT' || !username) return address;
  if (LINE_BREAK.test(username) || (password && LINE_BREAK.test(password)) || username.includes(':')) return null;
  if (format === 'HOST_PORT_USER_PASS') return `${address}:${username}:${password ?? ''}`;
  if (username.includes('@')) return null;
  return `${password ? `${username}:${password}` : username}@${address}`;
}

/** `scheme://user:pass@host:port`, the userinfo percent-encoded, so any value fits; null without a port. */
export function proxyUrlLine(record: ProxyRecord, protocol: ProxyListProtocol): string | null {
  const port = portFor(record, protocol);
  if (!port || !record.host || LINE_BREAK.test(record.host)) return null;
  const scheme = protocol === 'HTTP' ? 'http' : 'socks5';
  const auth = record.username ? `${encodeURIComponent(record.username)}${record.password ? `:${encodeURIComponent(record.password)}` : ''}@` : '';
  return `${scheme}://${auth}${hostForPort(record.host)}:${port}`;
}

function csvRow(proxy: ListedProxy): string {
  const { record } = proxy;
  return [proxy.provider, proxy.accountId, record.host, record.httpPort, record.socks5Port, record.username, record.password, record.country, record.city]
    .map(csvField)
    .join(',');
}

/**
 * The page's proxies in `options.format`, in the order given. Lines end with `\n`; CSV records with CRLF
 * (RFC 4180), headed by CSV_COLUMNS when `withHeader`.
 */
export function renderProxyList(proxies: readonly ListedProxy[], options: ProxyListOptions, withHeader = false): RenderedProxyList {
  if (options.format === 'CSV') {
    const rows = proxies.map(csvRow);
    const lines = withHeader ? [CSV_COLUMNS.join(','), ...rows] : rows;
    return { text: lines.map((line) => `${line}\r\n`).join(''), lineCount: rows.length, skippedCount: 0 };
  }
  const protocol = options.protocol ?? 'HTTP';
  const lines: string[] = [];
  for (const { record } of proxies) {
    const line = options.format === 'URL' ? proxyUrlLine(record, protocol) : plainLine(record, options.format, protocol);
    if (line !== null) lines.push(line);
  }
  return { text: lines.map((line) => `${line}\n`).join(''), lineCount: lines.length, skippedCount: proxies.length - lines.length };
}
