/**
 * The Ping Proxies simulator's account state and how it renders on the wire. Stored objects are wire
 * shapes; fields that follow from other state (the default proxy user's credentials on each proxy, which
 * proxy users reach a proxy, residential bytes left, the customer's proxy count) are computed when rendered.
 */
import type { PingCustomer, PingProxy, PingProxyUser, PingResidentialSummary, PingService } from '../../providers/pingproxies/wire';

export interface PingSimState {
  customer: PingCustomer;
  services: Map<string, PingService>;
  /** In creation order (Ping's default order [I]). */
  proxies: PingProxy[];
  proxyIndex: Map<string, PingProxy>;
  /** In creation order; deleted users stay, flagged (`proxy_user_is_deleted`) [I]. */
  proxyUsers: Map<string, PingProxyUser>;
  residential: { bytesPurchased: number; requests: number };
  /** Per-user cap on `ip_address_authentications` for new users [3P field; I default]. */
  ipAuthenticationLimit: number;
  /** Deterministic source for generated ids and passwords. */
  random: () => number;
}

export function defaultProxyUser(state: PingSimState): PingProxyUser | undefined {
  for (const user of state.proxyUsers.values()) if (user.proxy_user_is_default && !user.proxy_user_is_deleted) return user;
  return undefined;
}

export function liveProxyUsers(state: PingSimState): PingProxyUser[] {
  return [...state.proxyUsers.values()].filter((user) => !user.proxy_user_is_deleted);
}

/** [C] Each IP can only belong to one proxy user: who holds it now (deleted users hold nothing). */
export function ipOwner(state: PingSimState, ip: string): PingProxyUser | undefined {
  const wanted = ip.toLowerCase();
  return liveProxyUsers(state).find((user) => user.ip_address_authentications.some((entry) => entry.toLowerCase() === wanted));
}

export function residentialUsed(state: PingSimState): number {
  return [...state.proxyUsers.values()].reduce((sum, user) => sum + user.proxy_user_residential_bytes_used, 0);
}

export function residentialLeft(state: PingSimState): number {
  return Math.max(0, state.residential.bytesPurchased - residentialUsed(state));
}

export function renderCustomer(state: PingSimState): PingCustomer {
  return {
    ...state.customer,
    proxy_count: state.proxies.filter((proxy) => proxy.proxy_status !== 'pending_deletion').length,
    residential_bytes_left: residentialLeft(state),
  };
}

/** [I] Restricted users reach the proxies their service list names; `all` users reach every proxy. */
function reaches(user: PingProxyUser, proxy: PingProxy): boolean {
  const access = user.proxy_user_access_type ?? 'all';
  if (access === 'all') return true;
  if (access === 'proxy_restricted') return (user.restricted_proxy_ids ?? []).includes(proxy.proxy_id);
  return proxy.service_id !== null && (user.restricted_service_ids ?? []).includes(proxy.service_id);
}

/** A proxy on the wire; search rows add `proxy_user_ids` and the ready-made strings [3P]. */
export function renderProxy(state: PingSimState, proxy: PingProxy, searchRow: boolean): PingProxy {
  const owner = defaultProxyUser(state);
  const rendered: PingProxy = {
    ...proxy,
    default_proxy_user_username: owner?.proxy_user_id ?? null,
    default_proxy_user_password: owner?.proxy_user_password ?? null,
  };
  if (!searchRow) return rendered;
  const auth = owner ? `:${owner.proxy_user_id}:${owner.proxy_user_password}` : '';
  return {
    ...rendered,
    proxy_user_ids: liveProxyUsers(state)
      .filter((user) => reaches(user, proxy))
      .map((user) => user.proxy_user_id),
    http_formatted: `${proxy.proxy_ip_address}:${proxy.proxy_http_port}${auth}`,
    socks5_formatted: `${proxy.proxy_ip_address}:${proxy.proxy_socks5_port}${auth}`,
  };
}

export function renderProxyUser(state: PingSimState, user: PingProxyUser): PingProxyUser {
  const accountLeft = residentialLeft(state);
  const limit = user.proxy_user_residential_bytes_limit;
  return {
    ...user,
    ip_address_authentications: [...user.ip_address_authentications],
    proxy_user_metadata: { ...user.proxy_user_metadata },
    // [I] what this user may still use: its own cap's remainder, never more than the account's pool.
    residential_bytes_left: limit === null ? accountLeft : Math.min(accountLeft, Math.max(0, limit - user.proxy_user_residential_bytes_used)),
  };
}

export function renderService(state: PingSimState, service: PingService, withProxies: boolean): PingService {
  const rendered: PingService = { ...service, service_metadata: { ...(service.service_metadata ?? {}) } };
  if (withProxies) {
    rendered.proxies = state.proxies.filter((proxy) => proxy.service_id === service.service_id).map((proxy) => renderProxy(state, proxy, false));
  }
  return rendered;
}

export function residentialSummary(state: PingSimState): PingResidentialSummary {
  return {
    residential_bytes: state.residential.bytesPurchased,
    residential_bytes_used: residentialUsed(state),
    residential_bytes_left: residentialLeft(state),
    residential_requests: state.residential.requests,
    proxy_user_ids: liveProxyUsers(state).map((user) => user.proxy_user_id),
  };
}

/** A random id in the simulator's seeded stream. */
export function randomToken(state: PingSimState, length: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'): string {
  return Array.from({ length }, () => alphabet[Math.floor(state.random() * alphabet.length)]).join('');
}

export function randomUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ['8', '9', 'a', 'b'][Math.floor(random() * 4)];
  const joined = hex.join('');
  return `${joined.slice(0, 8)}-${joined.slice(8, 12)}-${joined.slice(12, 16)}-${joined.slice(16, 20)}-${joined.slice(20)}`;
}
