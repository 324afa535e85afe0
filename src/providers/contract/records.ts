/**
 * The unified records adapters return (docs/architecture.md §3 in docs/architecture.md): one shape per kind of thing,
 * whatever provider it comes from. Every id here is the provider's own (native) id; the schema layer builds
 * global ids from them. Units are normalised: bytes, UTC dates, upper-case ISO country codes.
 */

export type ProxyStatus = 'OK' | 'DEGRADED' | 'DOWN' | 'UNKNOWN';
export type ProxyType = 'DATACENTER' | 'ISP' | 'RESIDENTIAL' | 'MOBILE' | 'ROTATING_GATEWAY';
export type DnsOverrideStatus = 'PENDING' | 'ACTIVE' | 'EXPIRING' | 'EXPIRED';
/**
 * Which period usage figures cover: exactly the window asked (from/to), the provider's current billing
 * period (its bounds in periodStart/periodEnd), or the account's whole life (no bounds).
 */
export type UsagePeriod = 'REQUESTED_WINDOW' | 'BILLING_PERIOD' | 'LIFETIME';

/** The kinds of object that get global ids (the entity types plus a few addressable records). */
export type EntityKind =
  | 'Proxy'
  | 'SubUser'
  | 'IpAuthorization'
  | 'DnsOverride'
  | 'HostnameAuthorization'
  | 'Service'
  | 'ProxyReplacement'
  | 'SubUserAccessRule'
  | 'ServiceAdjustment';

export interface AccountProfileRecord {
  email?: string | null;
  name?: string | null;
  createdAt?: Date | null;
  /** Prepaid credit the provider holds for the account (Ping: `credit_balance`), in cents of `creditBalanceCurrency`. */
  creditBalanceCents?: number | null;
  creditBalanceCurrency?: string | null;
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

/**
 * Usage figures of one account (docs/architecture.md, "Meaning across accounts"). `period` says what the
 * traffic figures (bytes used, requests) cover; `bandwidthLimitBytes` is the plan's limit and
 * `bandwidthRemainingBytes` = that limit − usage in the plan period, whatever window was asked.
 */
export interface UsageRecord {
  period: UsagePeriod;
  /** Bounds of `period`; both null for LIFETIME. */
  periodStart: Date | null;
  periodEnd: Date | null;
  bandwidthUsedBytes?: number | null;
  bandwidthLimitBytes?: number | null;
  bandwidthRemainingBytes?: number | null;
  /** All requests; succeeded + failed when the provider splits them. */
  requestsTotal?: number | null;
  requestsSucceeded?: number | null;
  requestsFailed?: number | null;
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
  /** Whether `user` is an active proxy user of the account (WonderProxy `user_active`); null when not reported. */
  userActive?: boolean | null;
  expiresAt?: Date | null;
  createdAt?: Date | null;
  lastUsedAt?: Date | null;
}

/** A user that IP authorizations are assigned to (WonderProxy authlist users), with its state. */
export interface IpAuthorizationUserRecord {
  username: string;
  /** Whether the user is an active proxy user of the account. */
  active: boolean;
  /** How many of the account's IP authorizations belong to the user. */
  ipAuthorizationCount: number;
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

export interface ProxyServerRecord {
  hostname: string;
  title?: string | null;
  services: string[];
  location?: LocationRecord | null;
  /** The exit IPs, or null when the provider does not list them for this server (never [] for "unknown"). */
  ips: ServerIpRecord[] | null;
  /** How many exit IPs the server has (WonderProxy `ip_count`), or null when unknown. */
  ipCount?: number | null;
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

// ---- usage series, proxy activity, replaced proxies, download tokens ----

/**
 * One hour of traffic for a chart. `projected` hours lie in the future: their bytes are the provider's
 * forecast and they carry no request counts (there were no requests to count).
 */
export interface UsagePointRecord {
  hourStart: Date;
  bandwidthBytes: number;
  requestsTotal: number | null;
  requestsSucceeded: number | null;
  requestsFailed: number | null;
  projected: boolean;
}

/** One request made through a proxy, as the provider logged it. Durations in milliseconds. */
export interface ProxyActivityRecord {
  at: Date;
  protocol: string | null;
  transferredBytes: number;
  requestDurationMs: number | null;
  handshakeDurationMs: number | null;
  tunnelDurationMs: number | null;
  /** Null when the request succeeded. */
  errorReason: string | null;
  errorHowToFix: string | null;
  authUsername: string | null;
  proxyAddress: string | null;
  proxyPort: number | null;
  clientIp: string | null;
  targetHostname: string | null;
  targetDomain: string | null;
  targetIp: string | null;
  targetPort: number | null;
}

/** A page of activity: `nextCursor` is the provider's own position to continue from, null at the end. */
export interface ProxyActivityPage {
  items: Array<ProxyActivityRecord & { cursor: string }>;
  totalCount: number | null;
  nextCursor: string | null;
}

/** A proxy that left the list, and what took its place. */
export interface ReplacedProxyRecord {
  nativeId: string;
  reason: string | null;
  address: string | null;
  port: number | null;
  country: string | null;
  replacedWithAddress: string | null;
  replacedWithPort: number | null;
  replacedWithCountry: string | null;
  replacedAt: Date | null;
}

export type DownloadTokenScope = 'PROXY_LIST' | 'REPLACED_PROXIES' | 'ACTIVITY';

/** A key that opens a provider's unauthenticated download links: a secret, like a password. */
export interface DownloadTokenRecord {
  scope: DownloadTokenScope;
  key: string;
  expiresAt: Date | null;
}

/** What a sub-user may use: every proxy, the proxies of the services its rules name, or the proxies they name. */
export type SubUserAccessType = 'all' | 'service_restricted' | 'proxy_restricted';

/** A grant letting one sub-user use one service's proxies or one proxy (Ping proxy user ACL). */
export interface SubUserAccessRuleRecord {
  nativeId: string;
  subUserNativeId: string;
  /** Exactly one of the two is set. */
  serviceNativeId: string | null;
  proxyNativeId: string | null;
  createdAt: Date | null;
}

export interface SubUserAccessRulePage {
  items: SubUserAccessRuleRecord[];
  totalCount: number | null;
  hasMore: boolean;
}

/** One entry of a service's audit trail (Ping service adjustment). */
export interface ServiceAdjustmentRecord {
  nativeId: string;
  serviceNativeId: string;
  /** The provider's own words, e.g. fulfillment, proxy_replacement, cancel. */
  type: string;
  status: string;
  /** Who made it: an administrator, an automatic process, the customer (any may be true). */
  byAdministrator: boolean | null;
  automatic: boolean | null;
  byCustomer: boolean | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  evaluation: Record<string, unknown> | null;
  invoiceId: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
}

export interface ServiceAdjustmentPage {
  items: ServiceAdjustmentRecord[];
  totalCount: number | null;
  hasMore: boolean;
}

/** Whether one sub-user may use every proxy of a selection (Ping proxy user list options). */
export interface ProxyUserListOptionRecord {
  subUserNativeId: string;
  hasAccess: boolean;
  isDefault: boolean;
}

// ---- the provider's rotating gateway, the proxy list's allocation, proxy settings --------------------

/** Which list an account's proxies are read from: addresses to connect to directly, or the rotating gateway's. */
export type ProxyListMode = 'DIRECT' | 'BACKBONE';

/** How to connect through the provider's rotating gateway with username/password (Webshare backbone). */
export interface ProxyGatewayRecord {
  host: string;
  /** Ports that take username/password authentication. */
  ports: number[];
  /** A further range of such ports, both ends included; null when there is none. */
  portRangeFrom: number | null;
  portRangeTo: number | null;
  /** Which list `Account.proxies` reads: BACKBONE entries connect through this gateway on their own port. */
  listMode: ProxyListMode;
  /** The account's proxy username, before any targeting is appended. */
  username: string;
  /** Whether the username can target a city (Webshare: residential plans only). */
  cityTargeting: boolean;
  /** The username grammar, e.g. `{username}[-{cc}...][-city_{name}][-{session}|-rotate]`. */
  usernameTemplate: string;
}

export interface CountryCountRecord {
  /** Upper-case ISO 3166-1 alpha-2; `ZZ` = any country. */
  country: string;
  count: number;
}

/** Whether the proxy list is ready, what it holds per country and what the plan bought but could not allocate. */
export interface ProxyListStatusRecord {
  state: 'PENDING' | 'PROCESSING' | 'COMPLETED';
  countries: CountryCountRecord[];
  unallocatedCountries: CountryCountRecord[];
  unallocatedCount: number;
  proxiesUsed: boolean;
  username: string | null;
  password: string | null;
}

export interface IpRangeCountRecord {
  /** CIDR, e.g. `10.1.1.0/24`. */
  cidr: string;
  prefixLength: number;
  count: number;
}

export interface AsnCountRecord {
  asn: number;
  name: string | null;
  count: number;
}

/** The list's composition by network, and what is available to replace proxies with. */
export interface ProxyListStatsRecord {
  availableCountries: CountryCountRecord[];
  ipRanges: IpRangeCountRecord[];
  availableIpRanges: IpRangeCountRecord[];
  asns: AsnCountRecord[];
  availableAsns: AsnCountRecord[];
}

/** Proxy settings beyond the credentials: timeouts, where IP-authorized clients may be, automatic replacement. */
export interface ProxySettingsRecord {
  requestTimeoutSeconds: number | null;
  requestIdleTimeoutSeconds: number | null;
  /** Countries IP-authorized clients may connect from; null = all. */
  ipAuthorizationCountries: string[] | null;
  ipAuthorizationCity: string | null;
  ipAuthorizationState: string | null;
  ipAuthorizationPostalCode: string | null;
  ipAuthorizationAsn: string | null;
  autoReplaceInvalidProxies: boolean | null;
  autoReplaceLowCountryConfidenceProxies: boolean | null;
  autoReplaceOutOfRotationProxies: boolean | null;
  autoReplaceFailedSiteCheckProxies: boolean | null;
}
