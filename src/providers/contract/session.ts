/**
 * The contract between the domain and each provider (docs/architecture.md, "Providers"): an adapter lives as
 * long as the server and opens one session per GraphQL request; a session is a set of facets, one per thing
 * an account can do. A provider without a facet does not do that thing, and an account's capabilities are
 * exactly the facets its sessions have (`capabilitiesOf`), so `Account.capabilities` predicts which fields
 * and mutations answer. A session owns its request's DataLoaders, so batching and de-duplication never leak
 * across requests.
 *
 * Batched getters return one value, or null when absent. Write methods are listed in FACET_WRITES, so a read
 * path gets a facet typed without them (`ReadFacet`).
 */
import type { Capability, ProviderName } from '../../core/providers';
import type { UpstreamRequestContext } from '../../upstream/request-context';
import type {
  AccountProfileRecord,
  CountryPoolRecord,
  DnsOverrideRecord,
  HostnameAuthorizationRecord,
  IpAuthorizationRecord,
  IpAuthorizationUserRecord,
  PlanRecord,
  ProxyCredentialsRecord,
  ProxyListPage,
  ProxyRecord,
  ProxyReplacementRecord,
  ProxyServerRecord,
  ProxyType,
  ProxyUserListOptionRecord,
  SubUserAccessType,
  ServiceAdjustmentPage,
  ServiceAdjustmentRecord,
  SubUserAccessRulePage,
  SubUserAccessRuleRecord,
  ServiceRecord,
  SubUserPage,
  SubUserRecord,
  UsageRecord,
} from './records';
import type { DownloadTokenRecord, DownloadTokenScope, ProxyActivityPage, ReplacedProxyRecord, UsagePointRecord } from './records';
import type {
  AuthorizeIpParams,
  CancelServiceParams,
  CreateDnsOverrideParams,
  CreateSubUserAccessRuleParams,
  CreateSubUserParams,
  DnsOverrideFilterParams,
  IpAuthorizationListFilter,
  ListWindow,
  ProxyListFilter,
  ProxyListLineOptions,
  ProxySelection,
  ReplaceProxiesParams,
  ResidentialListParams,
  SelectedDetails,
  UpdateDnsOverrideParams,
  UpdateIpAuthorizationParams,
  UpdateServiceParams,
  UpdateSubUserParams,
  UsageRange,
} from './params';
import type { PositionWindow, ProxyActivityFilter, UsageSeriesRange } from './params';
import type { GatewayUsernameParams, ProxySettingsChange } from './params';
import type { CountryCountRecord, ProxyGatewayRecord, ProxyListStatsRecord, ProxyListStatusRecord, ProxySettingsRecord } from './records';

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

export interface ProfileFacet {
  get(): Promise<AccountProfileRecord | null>;
}

export interface PlanFacet {
  get(): Promise<PlanRecord | null>;
}

export interface UsageFacet {
  get(range: UsageRange): Promise<UsageRecord | null>;
}

export interface ProxiesFacet {
  list(window: ListWindow, filter: ProxyListFilter, details?: SelectedDetails): Promise<ProxyListPage>;
  get(nativeId: string, details?: SelectedDetails): Promise<ProxyRecord | null>;
  /** The type of every proxy on the account, when it follows from the plan (Webshare). */
  defaultType?(): Promise<ProxyType | null>;
  /** Ready-to-use proxy URLs for many proxies at once, keyed by native id (Ping's list_by_id). */
  urls?(nativeIds: readonly string[], protocol: 'HTTP' | 'SOCKS5'): Promise<Map<string, string>>;
}

export interface SubUsersFacet {
  list(window: ListWindow): Promise<SubUserPage>;
  get(nativeId: string): Promise<SubUserRecord | null>;
  create(params: CreateSubUserParams): Promise<SubUserRecord>;
  update(nativeId: string, params: UpdateSubUserParams): Promise<SubUserRecord>;
  delete(nativeId: string): Promise<void>;
  /** Proxy credentials a sub-user connects with (Webshare: the proxy config seen through X-Subuser). */
  proxyCredentials?(nativeId: string): Promise<ProxyCredentialsRecord | null>;
  /** IPs authorized for one sub-user, when they are read apart from the sub-user (ProxyMesh). */
  ipAuthorizations?(nativeId: string): Promise<IpAuthorizationRecord[]>;
}

export interface SubUserActivationFacet {
  setActive(nativeId: string, active: boolean): Promise<SubUserRecord>;
}

/** ProxyMesh cannot list sub-accounts: an existing one is imported to be tracked. */
export interface SubUserImportFacet {
  import(username: string): Promise<SubUserRecord>;
}

export interface SubUserProxyRefreshFacet {
  refresh(nativeId: string): Promise<SubUserRecord>;
}

/**
 * What an IP authorization can carry on a provider. The domain applies what it can, fills configured
 * defaults, and reports per account what the provider cannot honour (docs/architecture.md).
 */
export interface IpAuthorizationOptions {
  /** An IP can be authorized for one sub-user; otherwise only for the whole account. */
  subUsers: boolean;
  /** Entries belong to a named user (WonderProxy); `defaultUser` is used when a request names none. */
  users: { defaultUser: string | null } | null;
  /** Entries expire; `defaultLifetimeMs` sets the expiry when a request gives none. */
  expiry: { defaultLifetimeMs: number } | null;
}

export interface IpAuthorizationsFacet {
  readonly options: IpAuthorizationOptions;
  list(filter?: IpAuthorizationListFilter): Promise<IpAuthorizationRecord[]>;
  get(nativeId: string): Promise<IpAuthorizationRecord | null>;
  authorize(params: AuthorizeIpParams): Promise<IpAuthorizationRecord>;
  revoke(nativeId: string): Promise<void>;
  /** Removes every entry in one call where the provider can (WonderProxy); the count when it reports one. */
  clear?(): Promise<number | null>;
  /**
   * The sub-user an IP authorized without one lands on (Ping: the default proxy user); absent or null = the
   * account itself. Lets "already authorized" be told apart from "taken by another sub-user".
   */
  defaultOwner?(): Promise<string | null>;
}

export interface IpAuthorizationUpdatesFacet {
  update(nativeId: string, params: UpdateIpAuthorizationParams): Promise<IpAuthorizationRecord>;
}

/**
 * The users IP authorizations are assigned to, with whether each is active (WonderProxy: users and their
 * `user_active` are known only from authlist entries, as no endpoint lists users).
 */
export interface IpAuthorizationUsersFacet {
  list(): Promise<IpAuthorizationUserRecord[]>;
}

export interface HostnameAuthorizationsFacet {
  list(): Promise<HostnameAuthorizationRecord[]>;
  add(hostname: string, subUserNativeId?: string | null): Promise<HostnameAuthorizationRecord>;
  remove(hostname: string, subUserNativeId?: string | null): Promise<void>;
}

/** Servers on the account (WonderProxy contract servers, ProxyMesh proxy hosts). */
export interface ServersFacet {
  list(details?: SelectedDetails): Promise<ProxyServerRecord[]>;
  /** One server by its short name or host name (batched where the provider can). */
  get(name: string, details?: SelectedDetails): Promise<ProxyServerRecord | null>;
}

export interface ProxyServerAuthorizationFacet {
  authorize(host: string): Promise<ProxyServerRecord>;
  deauthorize(host: string): Promise<void>;
}

/** The provider's whole server catalogue (WonderProxy /v0/servers). */
export interface NetworkServersFacet {
  list(details?: SelectedDetails): Promise<ProxyServerRecord[]>;
}

export interface CountryPoolsFacet {
  list(): Promise<CountryPoolRecord[]>;
}

export interface DnsOverridesFacet {
  list(filter: DnsOverrideFilterParams): Promise<DnsOverrideRecord[]>;
  get(nativeId: string): Promise<DnsOverrideRecord | null>;
  create(params: CreateDnsOverrideParams): Promise<DnsOverrideRecord>;
  update(nativeId: string, params: UpdateDnsOverrideParams): Promise<DnsOverrideRecord>;
  delete(nativeId: string): Promise<void>;
  clear(): Promise<number | null>;
}

/** What was bought (Ping Proxies services). */
export interface ServicesFacet {
  list(): Promise<ServiceRecord[]>;
  get(nativeId: string): Promise<ServiceRecord | null>;
  update(nativeId: string, params: UpdateServiceParams): Promise<ServiceRecord>;
  cancel(nativeId: string, params: CancelServiceParams): Promise<ServiceRecord>;
  /** The service's audit trail (Ping service adjustments), newest first. */
  adjustments(nativeId: string, window: ListWindow): Promise<ServiceAdjustmentPage>;
  /** One audit-trail entry by its own id. */
  adjustment(nativeId: string): Promise<ServiceAdjustmentRecord | null>;
}

export interface ProxyReplacementFacet {
  create(params: ReplaceProxiesParams): Promise<ProxyReplacementRecord>;
  list(window: ListWindow): Promise<{ items: ProxyReplacementRecord[]; totalCount: number | null }>;
  get(nativeId: string): Promise<ProxyReplacementRecord | null>;
  /** Proxies that left the list: those one replacement removed, or with none named every one (automatic ones too). */
  replacedProxies?(window: ListWindow, replacementNativeId?: string | null): Promise<{ items: ReplacedProxyRecord[]; totalCount: number | null }>;
}

export interface ProxyListRefreshFacet {
  refresh(): Promise<void>;
}

/** The account's own proxy username, password and timeouts (Webshare proxy config). */
export interface ProxyCredentialsFacet {
  get(): Promise<ProxyCredentialsRecord | null>;
  update(params: ProxyCredentialsRecord): Promise<ProxyCredentialsRecord>;
}

/** Hour-by-hour traffic for charts (Webshare hourly stats), future hours projected. */
export interface UsageHistoryFacet {
  series(range: UsageSeriesRange): Promise<UsagePointRecord[]>;
}

/** The log of requests made through the account's proxies, newest first. */
export interface ProxyActivityFacet {
  list(window: PositionWindow, filter: ProxyActivityFilter): Promise<ProxyActivityPage>;
}

/** Keys of the provider's unauthenticated download links (Webshare download tokens). */
export interface DownloadTokensFacet {
  get(scope: DownloadTokenScope): Promise<DownloadTokenRecord>;
  /** A new key; the old one stops working. */
  reset(scope: DownloadTokenScope): Promise<DownloadTokenRecord>;
}

/** Grants that let a restricted sub-user use a service's proxies or single proxies (Ping proxy user ACLs). */
export interface SubUserAccessRulesFacet {
  list(subUserNativeId: string, window: ListWindow): Promise<SubUserAccessRulePage>;
  get(nativeId: string): Promise<SubUserAccessRuleRecord | null>;
  create(params: CreateSubUserAccessRuleParams): Promise<SubUserAccessRuleRecord>;
  delete(nativeId: string): Promise<void>;
  /** Which rules apply to the sub-user: all proxies, its services' or its single proxies; `clearRules` removes its rules. */
  setAccessType(subUserNativeId: string, accessType: SubUserAccessType, clearRules: boolean): Promise<SubUserRecord>;
}

/** Ready-made proxy lines the provider writes, and which sub-users may use a selection (Ping proxy lists). */
export interface GeneratedProxyListsFacet {
  /** Every active sub-user, and whether it may use every proxy selected. */
  listOptions(selection: ProxySelection): Promise<ProxyUserListOptionRecord[]>;
  /** One line per proxy the filter selects. */
  bySearch(filter: ProxyListFilter, options: ProxyListLineOptions): Promise<string[]>;
  /** Residential gateway lines (sessions encoded by the provider). */
  residential(params: ResidentialListParams): Promise<string[]>;
}

/** How to connect through the provider's rotating gateway (Webshare backbone) and which list the proxies come from. */
export interface ProxyGatewayFacet {
  get(): Promise<ProxyGatewayRecord>;
  /** The gateway username with targeting appended, by the provider's grammar (BAD_USER_INPUT when it forbids it). */
  username(params: GatewayUsernameParams): Promise<string>;
}

/** The proxy list's status and composition, and allocating what the plan bought but could not place (Webshare). */
export interface ProxyAllocationFacet {
  status(): Promise<ProxyListStatusRecord>;
  stats(): Promise<ProxyListStatsRecord>;
  allocate(countries: readonly CountryCountRecord[]): Promise<ProxyListStatusRecord>;
}

/** Proxy settings beyond the credentials (Webshare proxy config: timeouts, IP-authorization geography, auto-replace). */
export interface ProxySettingsFacet {
  get(): Promise<ProxySettingsRecord>;
  update(change: ProxySettingsChange): Promise<ProxySettingsRecord>;
}

/** One request's view of one account: the facets its provider has. */
export interface AccountSession {
  profile?: ProfileFacet;
  plan?: PlanFacet;
  usage?: UsageFacet;
  proxies?: ProxiesFacet;
  subUsers?: SubUsersFacet;
  subUserActivation?: SubUserActivationFacet;
  subUserImport?: SubUserImportFacet;
  subUserProxyRefresh?: SubUserProxyRefreshFacet;
  ipAuthorizations?: IpAuthorizationsFacet;
  ipAuthorizationUpdates?: IpAuthorizationUpdatesFacet;
  ipAuthorizationUsers?: IpAuthorizationUsersFacet;
  hostnameAuthorizations?: HostnameAuthorizationsFacet;
  servers?: ServersFacet;
  proxyServerAuthorization?: ProxyServerAuthorizationFacet;
  networkServers?: NetworkServersFacet;
  countryPools?: CountryPoolsFacet;
  dnsOverrides?: DnsOverridesFacet;
  services?: ServicesFacet;
  proxyReplacement?: ProxyReplacementFacet;
  proxyListRefresh?: ProxyListRefreshFacet;
  proxyCredentials?: ProxyCredentialsFacet;
  usageHistory?: UsageHistoryFacet;
  proxyActivity?: ProxyActivityFacet;
  downloadTokens?: DownloadTokensFacet;
  subUserAccessRules?: SubUserAccessRulesFacet;
  generatedProxyLists?: GeneratedProxyListsFacet;
  proxyGateway?: ProxyGatewayFacet;
  proxyAllocation?: ProxyAllocationFacet;
  proxySettings?: ProxySettingsFacet;
}

export type FacetName = keyof AccountSession;
export type Facet<K extends FacetName> = NonNullable<AccountSession[K]>;

/** The capability each facet gives an account: one each, so capabilities are derived, never declared. */
export const FACET_CAPABILITY = {
  profile: 'PROFILE',
  plan: 'PLAN',
  usage: 'USAGE',
  proxies: 'PROXIES',
  subUsers: 'SUB_USERS',
  subUserActivation: 'SUB_USER_ACTIVATION',
  subUserImport: 'SUB_USER_IMPORT',
  subUserProxyRefresh: 'SUB_USER_PROXY_REFRESH',
  ipAuthorizations: 'IP_AUTHORIZATIONS',
  ipAuthorizationUpdates: 'IP_AUTHORIZATION_UPDATES',
  ipAuthorizationUsers: 'IP_AUTHORIZATION_USERS',
  hostnameAuthorizations: 'HOSTNAME_AUTHORIZATIONS',
  servers: 'SERVERS',
  proxyServerAuthorization: 'PROXY_SERVER_AUTHORIZATION',
  networkServers: 'NETWORK_SERVERS',
  countryPools: 'COUNTRY_POOLS',
  dnsOverrides: 'DNS_OVERRIDES',
  services: 'SERVICES',
  proxyReplacement: 'PROXY_REPLACEMENT',
  proxyListRefresh: 'PROXY_LIST_REFRESH',
  proxyCredentials: 'PROXY_CREDENTIALS',
  usageHistory: 'USAGE_HISTORY',
  proxyActivity: 'PROXY_ACTIVITY',
  downloadTokens: 'DOWNLOAD_TOKENS',
  subUserAccessRules: 'SUB_USER_ACCESS_RULES',
  generatedProxyLists: 'GENERATED_PROXY_LISTS',
  proxyGateway: 'PROXY_GATEWAY',
  proxyAllocation: 'PROXY_ALLOCATION',
  proxySettings: 'PROXY_SETTINGS',
} as const satisfies Record<FacetName, Capability>;

export const FACET_NAMES = Object.keys(FACET_CAPABILITY) as FacetName[];

/**
 * The methods of each facet that change something upstream. A read path gets the facet without them
 * (`ReadFacet`); `satisfies` keeps every name a real method of its facet.
 */
export const FACET_WRITES = {
  profile: [],
  plan: [],
  usage: [],
  proxies: [],
  subUsers: ['create', 'update', 'delete'],
  subUserActivation: ['setActive'],
  subUserImport: ['import'],
  subUserProxyRefresh: ['refresh'],
  ipAuthorizations: ['authorize', 'revoke', 'clear'],
  ipAuthorizationUpdates: ['update'],
  ipAuthorizationUsers: [],
  hostnameAuthorizations: ['add', 'remove'],
  servers: [],
  proxyServerAuthorization: ['authorize', 'deauthorize'],
  networkServers: [],
  countryPools: [],
  dnsOverrides: ['create', 'update', 'delete', 'clear'],
  services: ['update', 'cancel'],
  proxyReplacement: ['create'],
  proxyListRefresh: ['refresh'],
  proxyCredentials: ['update'],
  usageHistory: [],
  proxyActivity: [],
  downloadTokens: ['reset'],
  subUserAccessRules: ['create', 'delete', 'setAccessType'],
  generatedProxyLists: [],
  proxyGateway: [],
  proxyAllocation: ['allocate'],
  proxySettings: ['update'],
} as const satisfies { [K in FacetName]: ReadonlyArray<keyof Facet<K>> };

export type ReadFacet<K extends FacetName> = Omit<Facet<K>, (typeof FACET_WRITES)[K][number]>;

/** The capabilities a session's facets give. */
export function capabilitiesOf(session: AccountSession): Set<Capability> {
  return new Set(FACET_NAMES.filter((name) => session[name] !== undefined).map((name) => FACET_CAPABILITY[name]));
}

export interface ProviderAdapter {
  readonly provider: ProviderName;
  readonly accountId: string;
  /** A fresh per-request session with its own loaders; its calls carry the request's context. */
  openSession(context?: SessionContext): AccountSession;
  /** Cheap authenticated call proving the credentials work (used by check-config). */
  verifyCredentials?(): Promise<void>;
  /** Admin action: close a credential breaker opened by an authentication failure. */
  resetCredentials?(): Promise<void>;
  /** True while a credential breaker refuses calls for this account (readiness and metrics report it). */
  credentialBreakerOpen?(): boolean;
}
