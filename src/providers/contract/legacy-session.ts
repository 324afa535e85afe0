/**
 * TEMPORARY (issue 12, while adapters move to facets): the flat per-request session the adapters were
 * written against, and `facetsOf`, which presents one as facets. Each adapter drops it when its session is
 * composed of facet classes; then this file goes.
 */
import type {
  AccountProfileRecord,
  CountryPoolRecord,
  DnsOverrideRecord,
  HostnameAuthorizationRecord,
  IpAuthorizationRecord,
  PlanRecord,
  ProxyCredentialsRecord,
  ProxyListPage,
  ProxyRecord,
  ProxyReplacementRecord,
  ProxyServerRecord,
  ProxyType,
  ServiceRecord,
  SubUserPage,
  SubUserRecord,
  UsageRecord,
} from './records';
import type {
  AuthorizeIpParams,
  CancelServiceParams,
  CreateDnsOverrideParams,
  CreateSubUserParams,
  DnsOverrideFilterParams,
  IpAuthorizationListFilter,
  ListWindow,
  ProxyListFilter,
  ReplaceProxiesParams,
  SelectedDetails,
  UpdateDnsOverrideParams,
  UpdateIpAuthorizationParams,
  UpdateServiceParams,
  UpdateSubUserParams,
  UsageRange,
} from './params';
import type { AccountSession } from './session';

export interface LegacySession {
  profile?(): Promise<AccountProfileRecord | null>;
  plan?(): Promise<PlanRecord | null>;
  /** The type of every proxy on the account, when it follows from the plan (Webshare). */
  defaultProxyType?(): Promise<ProxyType | null>;
  usage?(range: UsageRange): Promise<UsageRecord | null>;

  listProxies?(window: ListWindow, filter: ProxyListFilter, details?: SelectedDetails): Promise<ProxyListPage>;
  getProxy?(nativeId: string, details?: SelectedDetails): Promise<ProxyRecord | null>;

  listSubUsers?(window: ListWindow): Promise<SubUserPage>;
  getSubUser?(nativeId: string): Promise<SubUserRecord | null>;
  createSubUser?(params: CreateSubUserParams): Promise<SubUserRecord>;
  updateSubUser?(nativeId: string, params: UpdateSubUserParams): Promise<SubUserRecord>;
  deleteSubUser?(nativeId: string): Promise<void>;
  setSubUserActive?(nativeId: string, active: boolean): Promise<SubUserRecord>;
  refreshSubUserProxies?(nativeId: string): Promise<SubUserRecord>;
  /** Proxy credentials a sub-user connects with (Webshare: the proxy config seen through X-Subuser). */
  subUserProxyCredentials?(nativeId: string): Promise<ProxyCredentialsRecord | null>;
  /** IPs authorized for one sub-user, when they are read separately from the sub-user (ProxyMesh). */
  subUserIpAuthorizations?(nativeId: string): Promise<IpAuthorizationRecord[]>;

  listIpAuthorizations?(filter?: IpAuthorizationListFilter): Promise<IpAuthorizationRecord[]>;
  updateIpAuthorization?(nativeId: string, params: UpdateIpAuthorizationParams): Promise<IpAuthorizationRecord>;
  getIpAuthorization?(nativeId: string): Promise<IpAuthorizationRecord | null>;
  authorizeIp?(params: AuthorizeIpParams): Promise<IpAuthorizationRecord>;
  /**
   * The sub-user an IP authorized without one lands on (Ping: the default proxy user); absent or null =
   * the account itself. Lets "already authorized" be told apart from "taken by another sub-user".
   */
  defaultIpAuthorizationOwner?(): Promise<string | null>;
  revokeIpAuthorization?(nativeId: string): Promise<void>;

  replaceProxies?(params: ReplaceProxiesParams): Promise<ProxyReplacementRecord>;
  listProxyReplacements?(window: ListWindow): Promise<{ items: ProxyReplacementRecord[]; totalCount: number | null }>;
  getProxyReplacement?(nativeId: string): Promise<ProxyReplacementRecord | null>;
  refreshProxyList?(): Promise<void>;
  importSubUser?(username: string): Promise<SubUserRecord>;
  clearIpAuthorizations?(): Promise<number | null>;

  listHostnameAuthorizations?(): Promise<HostnameAuthorizationRecord[]>;
  addHostnameAuthorization?(hostname: string, subUserNativeId?: string | null): Promise<HostnameAuthorizationRecord>;
  removeHostnameAuthorization?(hostname: string, subUserNativeId?: string | null): Promise<void>;

  listServers?(details?: SelectedDetails): Promise<ProxyServerRecord[]>;
  /** One server on the account by its short name (batched where the provider can). */
  getServer?(name: string, details?: SelectedDetails): Promise<ProxyServerRecord | null>;
  authorizeProxyServer?(host: string): Promise<ProxyServerRecord>;
  deauthorizeProxyServer?(host: string): Promise<void>;
  networkServers?(details?: SelectedDetails): Promise<ProxyServerRecord[]>;
  listCountryPools?(): Promise<CountryPoolRecord[]>;

  listDnsOverrides?(filter: DnsOverrideFilterParams): Promise<DnsOverrideRecord[]>;
  getDnsOverride?(nativeId: string): Promise<DnsOverrideRecord | null>;
  createDnsOverride?(params: CreateDnsOverrideParams): Promise<DnsOverrideRecord>;
  updateDnsOverride?(nativeId: string, params: UpdateDnsOverrideParams): Promise<DnsOverrideRecord>;
  deleteDnsOverride?(nativeId: string): Promise<void>;
  clearDnsOverrides?(): Promise<number | null>;

  listServices?(): Promise<ServiceRecord[]>;
  getService?(nativeId: string): Promise<ServiceRecord | null>;
  updateService?(nativeId: string, params: UpdateServiceParams): Promise<ServiceRecord>;
  cancelService?(nativeId: string, params: CancelServiceParams): Promise<ServiceRecord>;

  /** Ready-to-use proxy URLs for many proxies at once, keyed by native id (Ping's list_by_id). */
  proxyUrls?(nativeIds: readonly string[], protocol: 'HTTP' | 'SOCKS5'): Promise<Map<string, string>>;
  proxyCredentials?(): Promise<ProxyCredentialsRecord | null>;
  updateProxyCredentials?(params: ProxyCredentialsRecord): Promise<ProxyCredentialsRecord>;
}


type Fn = (...args: never[]) => unknown;
/** The method bound to its session, or undefined. */
function bound<T extends Fn>(session: object, method: T | undefined): T | undefined {
  return method ? (method.bind(session) as T) : undefined;
}

/** A legacy session seen as facets: a facet exists when the methods it needs exist. */
export function facetsOf(s: LegacySession): AccountSession {
  const b = <T extends Fn>(method: T | undefined) => bound(s, method);
  const session: AccountSession = {};
  if (s.profile) session.profile = { get: b(s.profile)! };
  if (s.plan) session.plan = { get: b(s.plan)! };
  if (s.usage) session.usage = { get: b(s.usage)! };
  if (s.listProxies && s.getProxy) {
    session.proxies = { list: b(s.listProxies)!, get: b(s.getProxy)!, defaultType: b(s.defaultProxyType), urls: b(s.proxyUrls) };
  }
  if (s.listSubUsers && s.getSubUser && s.createSubUser && s.updateSubUser && s.deleteSubUser) {
    session.subUsers = {
      list: b(s.listSubUsers)!,
      get: b(s.getSubUser)!,
      create: b(s.createSubUser)!,
      update: b(s.updateSubUser)!,
      delete: b(s.deleteSubUser)!,
      proxyCredentials: b(s.subUserProxyCredentials),
      ipAuthorizations: b(s.subUserIpAuthorizations),
    };
  }
  if (s.setSubUserActive) session.subUserActivation = { setActive: b(s.setSubUserActive)! };
  if (s.importSubUser) session.subUserImport = { import: b(s.importSubUser)! };
  if (s.refreshSubUserProxies) session.subUserProxyRefresh = { refresh: b(s.refreshSubUserProxies)! };
  if (s.listIpAuthorizations && s.authorizeIp && s.revokeIpAuthorization) {
    const list = b(s.listIpAuthorizations)!;
    session.ipAuthorizations = {
      // Only Ping Proxies is still presented through this shim: proxy users, no user names, no expiry.
      options: { subUsers: true, users: null, expiry: null },
      list,
      get: b(s.getIpAuthorization) ?? (async (nativeId: string) => (await list()).find((record) => record.nativeId === nativeId) ?? null),
      authorize: b(s.authorizeIp)!,
      revoke: b(s.revokeIpAuthorization)!,
      clear: b(s.clearIpAuthorizations),
      defaultOwner: b(s.defaultIpAuthorizationOwner),
    };
  }
  if (s.updateIpAuthorization) session.ipAuthorizationUpdates = { update: b(s.updateIpAuthorization)! };
  if (s.listHostnameAuthorizations && s.addHostnameAuthorization && s.removeHostnameAuthorization) {
    session.hostnameAuthorizations = { list: b(s.listHostnameAuthorizations)!, add: b(s.addHostnameAuthorization)!, remove: b(s.removeHostnameAuthorization)! };
  }
  if (s.listServers) {
    const list = b(s.listServers)!;
    session.servers = {
      list,
      get:
        b(s.getServer) ??
        (async (name: string, details?: SelectedDetails) =>
          (await list(details)).find((server) => server.hostname.toLowerCase() === name.toLowerCase() || server.name === name) ?? null),
    };
  }
  if (s.authorizeProxyServer && s.deauthorizeProxyServer) {
    session.proxyServerAuthorization = { authorize: b(s.authorizeProxyServer)!, deauthorize: b(s.deauthorizeProxyServer)! };
  }
  if (s.networkServers) session.networkServers = { list: b(s.networkServers)! };
  if (s.listCountryPools) session.countryPools = { list: b(s.listCountryPools)! };
  if (s.listDnsOverrides && s.getDnsOverride && s.createDnsOverride && s.updateDnsOverride && s.deleteDnsOverride && s.clearDnsOverrides) {
    session.dnsOverrides = {
      list: b(s.listDnsOverrides)!,
      get: b(s.getDnsOverride)!,
      create: b(s.createDnsOverride)!,
      update: b(s.updateDnsOverride)!,
      delete: b(s.deleteDnsOverride)!,
      clear: b(s.clearDnsOverrides)!,
    };
  }
  if (s.listServices && s.getService && s.updateService && s.cancelService) {
    session.services = { list: b(s.listServices)!, get: b(s.getService)!, update: b(s.updateService)!, cancel: b(s.cancelService)! };
  }
  if (s.replaceProxies && s.listProxyReplacements && s.getProxyReplacement) {
    session.proxyReplacement = { create: b(s.replaceProxies)!, list: b(s.listProxyReplacements)!, get: b(s.getProxyReplacement)! };
  }
  if (s.refreshProxyList) session.proxyListRefresh = { refresh: b(s.refreshProxyList)! };
  if (s.proxyCredentials && s.updateProxyCredentials) session.proxyCredentials = { get: b(s.proxyCredentials)!, update: b(s.updateProxyCredentials)! };
  return session;
}
