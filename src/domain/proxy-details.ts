/**
 * What a proxy says beyond its record: its type when the provider gives one for the whole account rather than
 * per proxy (Webshare: the plan's), and a ready-to-use URL (`scheme://user:pass@host:port`), built here from
 * the record or taken from a provider that formats URLs itself (Ping's list_by_id, batched per request).
 */
import type { ProxyRecord, ProxyType } from '../providers/contract/records';
import type { AccessView } from './request-scope';

export type ProxyUrlProtocol = 'HTTP' | 'SOCKS5';

/** The proxy's own type, else the account's (null when neither is known). */
export async function proxyType(view: AccessView<'read'>, accountId: string, proxy: ProxyRecord): Promise<ProxyType | null> {
  if (proxy.type !== undefined) return proxy.type ?? null;
  const proxies = view.facet(accountId, 'proxies');
  return (await proxies.defaultType?.()) ?? null;
}

/**
 * The proxy's URL for `protocol`, or null when it has no port for it. Without `withPassword` (the caller lacks
 * the `credentials` scope) the URL keeps the username but leaves the password out, and a provider's own
 * formatted URL, which may carry the password, is not used.
 */
export async function proxyUrl(
  view: AccessView<'read'>,
  accountId: string,
  proxy: ProxyRecord,
  protocol: ProxyUrlProtocol,
  withPassword = true,
): Promise<string | null> {
  const port = protocol === 'HTTP' ? proxy.httpPort : proxy.socks5Port;
  if (!port) return null;
  if (!withPassword && proxy.password) return builtUrl({ ...proxy, password: null }, protocol, port);
  const proxies = view.facet(accountId, 'proxies');
  if (proxies.urls) {
    const formatted = (await proxies.urls([proxy.nativeId], protocol)).get(proxy.nativeId);
    if (formatted) return formatted;
  }
  return builtUrl(proxy, protocol, port);
}

function builtUrl(proxy: ProxyRecord, protocol: ProxyUrlProtocol, port: number): string {
  const scheme = protocol === 'HTTP' ? 'http' : 'socks5';
  const auth = proxy.username ? `${encodeURIComponent(proxy.username)}${proxy.password ? `:${encodeURIComponent(proxy.password)}` : ''}@` : '';
  // An IPv6 host is bracketed so its colons are not read as the port's.
  const host = proxy.host.includes(':') ? `[${proxy.host}]` : proxy.host;
  return `${scheme}://${auth}${host}:${port}`;
}
