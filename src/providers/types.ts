/**
 * The contract between the domain layer and each provider: the unified records adapters return, and the
 * ProviderAdapter / AccountSession interfaces. Adding a provider means implementing these in a new folder.
 *
 * An adapter lives as long as the server (it holds the upstream client); a session lives for one GraphQL
 * request and owns that request's DataLoaders, so batching and de-duplication never leak across requests.
 */

import type { Capability, ProviderName } from '../core/providers';
import type { UpstreamRequestContext } from '../upstream/request-context';

/**
 * Something a provider did that the caller must know although the operation succeeded (ProxyMesh: a
 * sub-account was created upstream but could not be remembered in the state store). Reaches the client in
 * the response's `extensions.warnings`.
 */
export interface OperationWarning {
  /** Stable, upper-case. `NOT_REMEMBERED`: done upstream, but ProxyGraph's state store did not record it. */
  code: string;
  message: string;
  accountId: string;
}

/** What one GraphQL request gives each account session it opens. */
export interface SessionContext {
  /** Deadline, cancellation, call allowance, principal and telemetry of the request (upstream/request-context.ts). */
  upstream?: UpstreamRequestContext;
  /** Reports a warning to the client beside a successful result. */
  warn?(warning: OperationWarning): void;
}

export type ProxyStatus = 'OK' | 'DEGRADED' | 'DOWN' | 'UNKNOWN';
export type ProxyType = 'DATACENTER' | 'ISP' | 'RESIDENTIAL' | 'MOBILE' | 'ROTATING_GATEWAY';
export type DnsOverrideStatus = 'PENDING' | 'ACTIVE' | 'EXPIRING' | 'EXPIRED';

/** The kinds of object that get global ids (the entity types plus a few addressable records). */
export type EntityKind =
  | 'Proxy'
  | 'SubUser'
  | 'IpAuthorization'
  | 'DnsOverride'
  | 'HostnameAuthorization'
  | 'Service'
  | 'ProxyReplacement';

// ---- unified records (all ids here are *native* provider ids; the schema layer builds global ids) ----

export interface AccountProfileRecord {
  email?: string | null;
  name?: string | null;
  createdAt?: Date | null;
}

export interface PlanRecord {
  id?: string | null;
  name?: string | null;
  type?: string | null;
  status?: string | null;
  proxyCount?: number | null;
  periodStart?: Date | null;
  periodEnd?: Date | null;
  bandwidthLimitBytes?: number | null;
  price?: number | null;
  currency?: string | null;
  /** When the contract or subscription itself ends (WonderProxy `expiry`), beyond the current period. */
  expiresAt?: Date | null;
  subUsersTotal?: number | null;
  subUsersUsed?: number | null;
  replacementsAvailable?: number | null;
  onDemandRefreshesAvailable?: number | null;
}

export interface UsageRecord {
  bandwidthUsedBytes?: number | null;
  bandwidthLimitBytes?: number | null;
  bandwidthRemainingBytes?: number | null;
  requestsTotal?: number | null;
  requestsSucceeded?: number | null;
  requestsFailed?: number | null;
  periodStart?: Date | null;
  periodEnd?: Date | null;
}

export interface ProxyRecord {
  nativeId: string;
  host: string;
  httpPort?: number | null;
  socks5Port?: number | null;
  exitIp?: string | null;
  username?: string | null;
  password?: string | null;
  country?: string | null;
  city?: string | null;
  asn?: number | null;
  asnName?: string | null;
  type?: ProxyType | null;
  status: ProxyStatus;
  providerStatus?: string | null;
  lastCheckedAt?: Date | null;
  createdAt?: Date | null;
  /** WonderProxy: the server's title (metro area). */
  title?: string | null;
  /** WonderProxy: the port that applies the account's custom DNS entries (HTTP port + 500). */
  customDnsPort?: number | null;
  /** WonderProxy: what each third-party Geo-IP database says about this exit IP's location. */
  geoStatus?: GeoStatusRecord[] | null;
}

export interface SubUserRecord {
  nativeId: string;
  username: string;
  label?: string | null;
  active: boolean;
  password?: string | null;
  bandwidthLimitBytes?: number | null;
  monthlyBandwidthLimitBytes?: number | null;
  bandwidthUsedBytes?: number | null;
  monthlyBandwidthUsedBytes?: number | null;
  maxThreads?: number | null;
  proxyCountries?: Record<string, number> | null;
  /** Contact details some providers keep on a sub-account (ProxyMesh). */
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  createdAt?: Date | null;
  lastUsedAt?: Date | null;
  /** IP authorizations carried on the sub-user itself (ProxyMesh, Ping); null when loaded separately. */
  ipAuthorizations?: IpAuthorizationRecord[] | null;
  /** Ping proxy users: what the user may reach (`all`, `service_restricted`, `proxy_restricted`). */
  accessType?: string | null;
  /** Ping proxy users: IP authentication and password both required. */
  strictSecurity?: boolean | null;
  /** Ping proxy users: the provider's free-form metadata object. */
  metadata?: Record<string, unknown> | null;
}

export interface IpAuthorizationRecord {
  nativeId: string;
  ip: string;
  /** Native id of the sub-user this IP is authorized for, if any. */
  subUserNativeId?: string | null;
  user?: string | null;
  expiresAt?: Date | null;
  createdAt?: Date | null;
  lastUsedAt?: Date | null;
}

export interface ProxyReplacementSelectorRecord {
  type: 'IP_RANGE' | 'IP_ADDRESS' | 'ASN' | 'COUNTRY' | 'ANY';
  ipRanges?: string[] | null;
  ipAddresses?: string[] | null;
  asnNumbers?: string[] | null;
  countryCode?: string | null;
  count?: number | null;
}

export type ProxyReplacementState = 'VALIDATING' | 'VALIDATED' | 'PROCESSING' | 'COMPLETED' | 'FAILED';

export interface ProxyReplacementRecord {
  nativeId: string;
  state: ProxyReplacementState;
  dryRun: boolean;
  toReplace: ProxyReplacementSelectorRecord;
  replaceWith: ProxyReplacementSelectorRecord[];
  proxiesRemoved?: number | null;
  proxiesAdded?: number | null;
  reason?: string | null;
  error?: string | null;
  errorCode?: string | null;
  createdAt?: Date | null;
  dryRunCompletedAt?: Date | null;
  completedAt?: Date | null;
}

export interface ProxyCredentialsRecord {
  username?: string | null;
  password?: string | null;
  requestTimeoutSeconds?: number | null;
  requestIdleTimeoutSeconds?: number | null;
}

export interface HostnameAuthorizationRecord {
  nativeId: string;
  hostname: string;
  subUserNativeId?: string | null;
}

export interface LocationRecord {
  city?: string | null;
  country?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

export interface ServerIpRecord {
  address: string;
  status?: ProxyStatus | null;
  providerStatus?: string | null;
  /** WonderProxy: added to the port scheme (10000 + portBase, ...). */
  portBase?: number | null;
  /** HTTP port of this IP, and the port that applies custom DNS entries (WonderProxy: +500). */
  port?: number | null;
  customDnsPort?: number | null;
  checkedAt?: Date | null;
  geoStatus?: GeoStatusRecord[] | null;
}

/** One third-party Geo-IP database's verdict on an exit IP (WonderProxy geostatus). */
export interface GeoStatusRecord {
  source: string;
  status: ProxyStatus;
  providerStatus: string;
  checkedAt?: Date | null;
}

/** Bandwidth on one server, in bytes (WonderProxy contract server usage). */
export interface ServerUsageRecord {
  limitBytes?: number | null;
  currentBytes?: number | null;
  last30DaysBytes?: number | null;
}

/**
 * Optional parts of a record the GraphQL query selects, so an adapter asks its provider for only those
 * (WonderProxy `detail=location,usage,geostatus`). Absent = not needed.
 */
export interface SelectedDetails {
  location?: boolean;
  usage?: boolean;
  geoStatus?: boolean;
}

export interface ProxyServerRecord {
  hostname: string;
  title?: string | null;
  services: string[];
  location?: LocationRecord | null;
  ips: ServerIpRecord[];
  port?: number | null;
  /** The provider's short server name (WonderProxy `server`, e.g. denver). */
  name?: string | null;
  usage?: ServerUsageRecord | null;
}

export interface CountryPoolRecord {
  pool: string;
  country: string;
  count: number;
}

export interface DnsOverrideRecord {
  nativeId: string;
  server: string;
  hostname: string;
  ip: string;
  expiresAt: Date;
  status: DnsOverrideStatus;
}

export interface ServiceRecord {
  nativeId: string;
  name?: string | null;
  type?: string | null;
  status?: string | null;
  cycle?: string | null;
  quantity?: number | null;
  expiresAt?: Date | null;
  total?: number | null;
  currency?: string | null;
  metadata?: Record<string, unknown> | null;
}

// ---- inputs adapters receive (already validated by the schema layer) ----

export interface ProxyListFilter {
  countries?: string[];
  statuses?: ProxyStatus[];
  types?: ProxyType[];
  /** Native ids of Ping Proxies services (Service.proxies). */
  serviceIds?: string[];
}

/** A window over a provider's list: absolute offset and how many items, in the provider's own order. */
export interface ListWindow {
  offset: number;
  limit: number;
}

export interface ProxyListPage {
  items: ProxyRecord[];
  /** Total matching items when the provider reports it; null when it cannot. */
  totalCount: number | null;
  hasMore: boolean;
}

export interface SubUserPage {
  items: SubUserRecord[];
  totalCount: number | null;
  hasMore: boolean;
}

export interface CreateSubUserParams {
  username?: string | null;
  label?: string | null;
  password?: string | null;
  bandwidthLimitBytes?: number | null;
  monthlyBandwidthLimitBytes?: number | null;
  maxThreads?: number | null;
  proxyCountries?: Record<string, number> | null;
  /** Ping: replaces the whole metadata object. */
  metadata?: Record<string, unknown> | null;
  /** Ping: require IP authentication and password together. */
  strictSecurity?: boolean | null;
  /** ProxyMesh sub-account contact details. */
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
}

export type UpdateSubUserParams = CreateSubUserParams;

export interface AuthorizeIpParams {
  ip: string;
  subUserNativeId?: string | null;
  user?: string | null;
  expiresAt?: Date | null;
}

/** Narrows an IP authorization list; adapters push down what their provider can filter. */
export interface IpAuthorizationListFilter {
  ip?: string | null;
  /** WonderProxy user names. */
  users?: string[] | null;
}

export interface UpdateIpAuthorizationParams {
  ip?: string | null;
  user?: string | null;
  expiresAt?: Date | null;
}

export interface ReplaceProxiesParams {
  toReplace: ProxyReplacementSelectorRecord;
  replaceWith: ProxyReplacementSelectorRecord[];
  dryRun: boolean;
}

export interface DnsOverrideFilterParams {
  ip?: string | null;
  server?: string | null;
}

export interface CreateDnsOverrideParams {
  server: string;
  hostname: string;
  ip: string;
  expiresAt: Date;
}

export interface UpdateDnsOverrideParams {
  hostname?: string | null;
  ip?: string | null;
  expiresAt?: Date | null;
}

export interface UpdateServiceParams {
  name?: string | null;
  metadata?: Record<string, unknown> | null;
  automaticCollection?: boolean | null;
}

export interface CancelServiceParams {
  reason: string;
  comment?: string | null;
}

export interface UsageRange {
  from?: Date | null;
  to?: Date | null;
}

/**
 * One request's view of one account. Only the operations matching the adapter's capabilities are present;
 * the domain layer checks capabilities before calling, so a missing method is never reached.
 * Batched getters return one value (or null when absent, or an Error) per key, in key order.
 */
export interface AccountSession {
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

export interface ProviderAdapter {
  readonly provider: ProviderName;
  readonly accountId: string;
  readonly capabilities: ReadonlySet<Capability>;
  /** A fresh per-request session with its own loaders; its calls carry the request's context. */
  openSession(context?: SessionContext): AccountSession;
  /** Cheap authenticated call proving the credentials work (used by readiness and check-config). */
  verifyCredentials?(): Promise<void>;
  /** Admin action: close a credential breaker opened by an authentication failure. */
  resetCredentials?(): Promise<void>;
  /** True while a credential breaker refuses calls for this account (readiness and metrics report it). */
  credentialBreakerOpen?(): boolean;
}
