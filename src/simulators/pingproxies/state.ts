/**
 * The Ping Proxies simulator's account state and how it renders on the wire. Stored objects are wire
 * shapes; fields that follow from other state (the default proxy user's credentials on each proxy, which
 * proxy users reach a proxy, residential bytes left, the customer's proxy count) are computed when rendered.
 */
import type {
  PingCustomer,
  PingProxy,
  PingProxyUser,
  PingProxyUserAcl,
  PingResidentialSummary,
  PingService,
  PingServiceAdjustment,
} from '../../providers/pingproxies/wire';

export interface PingSimState {
  customer: PingCustomer;
  services: Map<string, PingService>;
  /** In creation order (Ping's default order [I]). */
  proxies: PingProxy[];
  proxyIndex: Map<string, PingProxy>;
  /** In creation order; deleted users stay, flagged (`proxy_user_is_deleted`) [I]. */
  proxyUsers: Map<string, PingProxyUser>;
  residential: { bytesPurchased: number; requests: number };
  /** Proxy user ACL entries by id, in creation order: the source of each user's restricted_*_ids [C ACL model]. */
  acls: Map<string, PingProxyUserAcl>;
  /** Service adjustments (audit trail) in id order; ids are integers [C] given in sequence [I]. */
  adjustments: PingServiceAdjustment[];
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
export function reaches(user: PingProxyUser, proxy: PingProxy): boolean {
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

// ---- proxy user ACLs [C model: one entry per grant, service_id or proxy_id, matching the access type] ----

export function aclsOf(state: PingSimState, proxyUserId: string): PingProxyUserAcl[] {
  return [...state.acls.values()].filter((acl) => acl.proxy_user_id === proxyUserId);
}

/** The user's legacy restricted_*_ids lists [C object page] follow its ACL entries. */
export function syncRestrictions(state: PingSimState, user: PingProxyUser): void {
  const acls = aclsOf(state, user.proxy_user_id);
  user.restricted_service_ids = acls.flatMap((acl) => (acl.service_id ? [acl.service_id] : []));
  user.restricted_proxy_ids = acls.flatMap((acl) => (acl.proxy_id ? [acl.proxy_id] : []));
}

export function addAcl(state: PingSimState, user: PingProxyUser, target: { service_id: string } | { proxy_id: string }, created: string): PingProxyUserAcl {
  const acl: PingProxyUserAcl = {
    proxy_user_acl_id: randomUuid(state.random),
    proxy_user_id: user.proxy_user_id,
    service_id: 'service_id' in target ? target.service_id : null,
    proxy_id: 'proxy_id' in target ? target.proxy_id : null,
    proxy_user_acl_creation_datetime: created,
  };
  state.acls.set(acl.proxy_user_acl_id, acl);
  syncRestrictions(state, user);
  return acl;
}

/** Removes the user's entries that match; answers their ids. */
export function removeAcls(state: PingSimState, user: PingProxyUser, which: (acl: PingProxyUserAcl) => boolean = () => true): string[] {
  const removed = aclsOf(state, user.proxy_user_id).filter(which);
  for (const acl of removed) state.acls.delete(acl.proxy_user_acl_id);
  syncRestrictions(state, user);
  return removed.map((acl) => acl.proxy_user_acl_id);
}

/** The legacy lists in a create/edit body [C older field set] replace the user's entries of that kind [I]. */
export function replaceAclsFromLists(
  state: PingSimState,
  user: PingProxyUser,
  lists: { restricted_service_ids?: string[]; restricted_proxy_ids?: string[] },
  created: string,
): void {
  if (lists.restricted_service_ids) {
    removeAcls(state, user, (acl) => acl.service_id !== null);
    for (const id of new Set(lists.restricted_service_ids)) addAcl(state, user, { service_id: id }, created);
  }
  if (lists.restricted_proxy_ids) {
    removeAcls(state, user, (acl) => acl.proxy_id !== null);
    for (const id of new Set(lists.restricted_proxy_ids)) addAcl(state, user, { proxy_id: id }, created);
  }
}

// ---- service adjustments [C object page; I when they are written] ----

export function addAdjustment(
  state: PingSimState,
  service: PingService,
  fields: Pick<PingServiceAdjustment, 'service_adjustment_type'> & Partial<PingServiceAdjustment>,
  at: string,
): PingServiceAdjustment {
  const last = state.adjustments[state.adjustments.length - 1];
  const adjustment: PingServiceAdjustment = {
    service_adjustment_id: (last?.service_adjustment_id ?? 1000) + 1,
    service_id: service.service_id,
    service_adjustment_status: 'complete',
    service_adjustment_pre: null,
    service_adjustment_post: null,
    service_adjustment_eval: null,
    service_adjustment_is_administrator: false,
    service_adjustment_is_automatic: false,
    service_adjustment_is_customer: false,
    service_adjustment_creation_datetime: at,
    service_adjustment_last_update_datetime: at,
    invoice_id: null,
    ...fields,
  };
  state.adjustments.push(adjustment);
  return adjustment;
}
