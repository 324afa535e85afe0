import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  DateTime: { input: string; output: string; }
  /** The `JSONObject` scalar type represents JSON objects as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown>; }
  /** The `SafeInt` scalar type represents non-fractional signed whole numeric values that are considered safe as defined by the ECMAScript specification. */
  SafeInt: { input: number; output: number; }
};

/** What an access rule grants: every proxy of a service, or one proxy. */
export type AccessRuleTarget =
  | 'PROXY'
  | 'SERVICE';

/** One configured provider account. */
export type Account = {
  __typename?: 'Account';
  capabilities: Array<Capability>;
  dnsOverrides?: Maybe<Array<DnsOverride>>;
  /** The key of one of the provider's download links (Webshare download tokens). */
  downloadToken?: Maybe<DownloadToken>;
  /** Ping: one ready-to-use line per proxy the filter selects (proxy/list_by_search). Needs the `credentials` scope unless authentication is IP_ADDRESS. */
  formattedProxyList?: Maybe<Array<Scalars['String']['output']>>;
  hostnameAuthorizations?: Maybe<Array<HostnameAuthorization>>;
  /** The id given to the account in the configuration. */
  id: Scalars['ID']['output'];
  /** WonderProxy: the users the account's IP authorizations belong to, with whether each is active. Known only from the authlist (WonderProxy lists users nowhere else), so a user with no entry is absent. */
  ipAuthorizationUsers?: Maybe<Array<IpAuthorizationUser>>;
  ipAuthorizations?: Maybe<Array<IpAuthorization>>;
  label?: Maybe<Scalars['String']['output']>;
  plan?: Maybe<Plan>;
  profile?: Maybe<AccountProfile>;
  provider: Provider;
  proxies?: Maybe<ProxyConnection>;
  /** Requests made through the account's proxies, newest first (Webshare proxy activity). */
  proxyActivity?: Maybe<ProxyActivityConnection>;
  /** Proxy username/password and timeouts (Webshare proxy config). */
  proxyCredentials?: Maybe<ProxyCredentials>;
  /** Webshare: the backbone gateway (p.webshare.io), which list the proxies come from, and the username grammar. */
  proxyGateway?: Maybe<ProxyGateway>;
  /** This account's proxies (the selection and order of Account.proxies) as text to paste, one page at a time. */
  proxyList?: Maybe<ProxyListText>;
  /** Webshare: the proxy list by IP range and ASN, and what is available. */
  proxyListStats?: Maybe<ProxyListStats>;
  /** Webshare: whether the proxy list is ready, its countries and what is unallocated. */
  proxyListStatus?: Maybe<ProxyListStatus>;
  /** Webshare proxy replacements, newest last. */
  proxyReplacements?: Maybe<ProxyReplacementConnection>;
  /** Webshare: timeouts, where IP-authorized clients may connect from, automatic replacement. */
  proxySettings?: Maybe<ProxySettings>;
  /** Ping: every active sub-user, and whether it may use every proxy selected by proxyIds or by filter (exactly one). */
  proxyUserListOptions?: Maybe<Array<ProxyUserListOption>>;
  /** Proxies that left the list (manual replacements and automatic ones), in the provider's order. */
  replacedProxies?: Maybe<ReplacedProxyConnection>;
  /** Ping: residential gateway lines (residential/list), the session encoded by Ping in each line. Needs the `credentials` scope. */
  residentialProxyList?: Maybe<Array<Scalars['String']['output']>>;
  /** Servers on the account (WonderProxy contract servers, ProxyMesh proxy hosts). */
  servers?: Maybe<Array<ProxyServer>>;
  /** Ping Proxies services. */
  services?: Maybe<Array<Service>>;
  subUsers?: Maybe<SubUserConnection>;
  /** Usage with the period it covers; see Usage.coversRequestedWindow when from/to are given. */
  usage?: Maybe<Usage>;
  /** Usage snapshots ProxyGraph took of this account, oldest first, within [from, to] (default: the whole retention); null where the provider cannot report usage. */
  usageHistory?: Maybe<UsageHistory>;
  /** Traffic hour by hour, oldest first: every hour that starts in the window and had traffic, and projected hours after now. */
  usageSeries?: Maybe<Array<UsagePoint>>;
};


/** One configured provider account. */
export type AccountDnsOverridesArgs = {
  filter?: InputMaybe<DnsOverrideFilter>;
};


/** One configured provider account. */
export type AccountDownloadTokenArgs = {
  scope: DownloadTokenScope;
};


/** One configured provider account. */
export type AccountFormattedProxyListArgs = {
  authentication?: InputMaybe<ProxyListAuthentication>;
  filter?: InputMaybe<ProxyListSearchFilter>;
  format?: InputMaybe<GeneratedProxyListFormat>;
  ipVersion?: InputMaybe<IpVersion>;
  protocol?: InputMaybe<ProxyProtocol>;
  subUserId?: InputMaybe<Scalars['ID']['input']>;
};


/** One configured provider account. */
export type AccountProxiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProxyFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** One configured provider account. */
export type AccountProxyActivityArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProxyActivityFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** One configured provider account. */
export type AccountProxyListArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProxyFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  format: ProxyListFormat;
  protocol?: InputMaybe<ProxyProtocol>;
};


/** One configured provider account. */
export type AccountProxyReplacementsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** One configured provider account. */
export type AccountProxyUserListOptionsArgs = {
  filter?: InputMaybe<ProxyListSearchFilter>;
  proxyIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};


/** One configured provider account. */
export type AccountReplacedProxiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** One configured provider account. */
export type AccountResidentialProxyListArgs = {
  input?: InputMaybe<ResidentialProxyListInput>;
};


/** One configured provider account. */
export type AccountSubUsersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** One configured provider account. */
export type AccountUsageArgs = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


/** One configured provider account. */
export type AccountUsageHistoryArgs = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


/** One configured provider account. */
export type AccountUsageSeriesArgs = {
  from: Scalars['DateTime']['input'];
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** The outcome of a multi-account mutation on one account. */
export type AccountOperationResult = {
  __typename?: 'AccountOperationResult';
  account: Account;
  /** True when nothing had to change (already authorized / already absent). */
  alreadyDone: Scalars['Boolean']['output'];
  error?: Maybe<OperationError>;
  ipAuthorization?: Maybe<IpAuthorization>;
  /** Input fields this account's provider cannot honour, left out for it (e.g. `user` and `expiresAt` on providers whose entries have no user or expiry). */
  notApplied: Array<Scalars['String']['output']>;
  ok: Scalars['Boolean']['output'];
  removedCount?: Maybe<Scalars['Int']['output']>;
};

/** Who owns the account, as far as the provider says. */
export type AccountProfile = {
  __typename?: 'AccountProfile';
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** Prepaid credit the provider holds (Ping credit_balance), in cents of creditBalanceCurrency; null when the provider has none. */
  creditBalanceCents?: Maybe<Scalars['SafeInt']['output']>;
  /** ISO 4217 currency of creditBalanceCents. */
  creditBalanceCurrency?: Maybe<Scalars['String']['output']>;
  email?: Maybe<Scalars['String']['output']>;
  name?: Maybe<Scalars['String']['output']>;
};

/** One account's usage, or why there is none, and whether it is added into the totals. */
export type AccountUsage = {
  __typename?: 'AccountUsage';
  account: Account;
  error?: Maybe<OperationError>;
  /** Whether this account's figures are added into UsageSummary.totals. */
  inTotals: Scalars['Boolean']['output'];
  /** Why not, when inTotals is false. */
  notInTotalsBecause?: Maybe<UsageTotalsExclusion>;
  /** False when the provider cannot report usage. */
  supported: Scalars['Boolean']['output'];
  usage?: Maybe<Usage>;
};

export type AsnCount = {
  __typename?: 'AsnCount';
  asn: Scalars['Int']['output'];
  count: Scalars['Int']['output'];
  name?: Maybe<Scalars['String']['output']>;
};

/** One write to a provider: who, when, what on which account, and how it ended. Never a secret. */
export type AuditEntry = {
  __typename?: 'AuditEntry';
  accountId: Scalars['ID']['output'];
  /** `facet.method`, e.g. `subUsers.create`, `ipAuthorizations.revoke`. */
  action: Scalars['String']['output'];
  at: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** The GraphQL operation name, when the client gave one. */
  operation?: Maybe<Scalars['String']['output']>;
  /** `OK`, or the error code the write ended with. */
  outcome: Scalars['String']['output'];
  /** The principal: an API key's configured name or a JWT subject. */
  principal: Scalars['String']['output'];
  provider: Provider;
  /** The x-request-id of the GraphQL request. */
  requestId?: Maybe<Scalars['String']['output']>;
  /** The ids, IPs and host names the write named. */
  targets: Array<Scalars['String']['output']>;
  /** The provider's request id, when its answer had one. */
  upstreamRequestId?: Maybe<Scalars['String']['output']>;
};

/** Audit entries, newest first. */
export type AuditEntryConnection = {
  __typename?: 'AuditEntryConnection';
  edges: Array<AuditEntryEdge>;
  pageInfo: PageInfo;
};

export type AuditEntryEdge = {
  __typename?: 'AuditEntryEdge';
  cursor: Scalars['String']['output'];
  node: AuditEntry;
};

/** Every given field narrows the entries. */
export type AuditLogFilter = {
  accountIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Actions such as `subUsers.create`. */
  actions?: InputMaybe<Array<Scalars['String']['input']>>;
  principal?: InputMaybe<Scalars['String']['input']>;
};

/** Authorize one IP on many accounts at once. */
export type AuthorizeIpInput = {
  /** Default: every visible account that supports IP authorizations. */
  accountIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Required by WonderProxy. */
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  ip: Scalars['String']['input'];
  /** Authorize for these sub-users (ProxyMesh sub-accounts, Ping proxy users). */
  subUserIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** WonderProxy user name. */
  user?: InputMaybe<Scalars['String']['input']>;
};

export type CancelServiceInput = {
  comment?: InputMaybe<Scalars['String']['input']>;
  reason: ServiceCancelReason;
};

/** What an account's provider can do through ProxyGraph. */
export type Capability =
  | 'COUNTRY_POOLS'
  | 'DNS_OVERRIDES'
  | 'DOWNLOAD_TOKENS'
  | 'GENERATED_PROXY_LISTS'
  | 'HOSTNAME_AUTHORIZATIONS'
  | 'IP_AUTHORIZATIONS'
  | 'IP_AUTHORIZATION_UPDATES'
  | 'IP_AUTHORIZATION_USERS'
  | 'NETWORK_SERVERS'
  | 'PLAN'
  | 'PROFILE'
  | 'PROXIES'
  | 'PROXY_ACTIVITY'
  | 'PROXY_ALLOCATION'
  | 'PROXY_CREDENTIALS'
  | 'PROXY_GATEWAY'
  | 'PROXY_LIST_REFRESH'
  | 'PROXY_REPLACEMENT'
  | 'PROXY_SERVER_AUTHORIZATION'
  | 'PROXY_SETTINGS'
  | 'SERVERS'
  | 'SERVICES'
  | 'SUB_USERS'
  | 'SUB_USER_ACCESS_RULES'
  | 'SUB_USER_ACTIVATION'
  | 'SUB_USER_IMPORT'
  | 'SUB_USER_PROXY_REFRESH'
  | 'USAGE'
  | 'USAGE_HISTORY';

/** How many proxies of a country a sub-user gets (Webshare custom proxy lists). */
export type CountryCount = {
  __typename?: 'CountryCount';
  count: Scalars['Int']['output'];
  country: Scalars['String']['output'];
};

/** Proxies of one country for a sub-user's custom list. */
export type CountryCountInput = {
  count: Scalars['Int']['input'];
  country: Scalars['String']['input'];
};

/** How many IPs a ProxyMesh pool (open, world) has in a country. */
export type CountryPool = {
  __typename?: 'CountryPool';
  count: Scalars['Int']['output'];
  country: Scalars['String']['output'];
  pool: Scalars['String']['output'];
};

export type CreateDnsOverrideInput = {
  accountId: Scalars['ID']['input'];
  expiresAt: Scalars['DateTime']['input'];
  hostname: Scalars['String']['input'];
  ip: Scalars['String']['input'];
  /** A server on the account, by short name (melbourne) or hostname (melbourne.wonderproxy.com). */
  server: Scalars['String']['input'];
};

/** Exactly one of serviceId and proxyId, of the sub-user's account. */
export type CreateSubUserAccessRuleInput = {
  proxyId?: InputMaybe<Scalars['ID']['input']>;
  serviceId?: InputMaybe<Scalars['ID']['input']>;
  subUserId: Scalars['ID']['input'];
};

export type CreateSubUserInput = {
  accountId: Scalars['ID']['input'];
  /** Total bandwidth cap in bytes; 0 = unlimited. */
  bandwidthLimitBytes?: InputMaybe<Scalars['SafeInt']['input']>;
  /** Sub-account contact email (ProxyMesh). */
  email?: InputMaybe<Scalars['String']['input']>;
  /** Sub-account first name (ProxyMesh: at most 20 characters). */
  firstName?: InputMaybe<Scalars['String']['input']>;
  label?: InputMaybe<Scalars['String']['input']>;
  /** Sub-account last name (ProxyMesh: at most 20 characters). */
  lastName?: InputMaybe<Scalars['String']['input']>;
  maxThreads?: InputMaybe<Scalars['Int']['input']>;
  /** Ping: replaces the proxy user's whole metadata object (at most 30 keys, values at most 300 characters, 32 KB). */
  metadata?: InputMaybe<Scalars['JSONObject']['input']>;
  /** Monthly bandwidth cap in bytes (ProxyMesh). */
  monthlyBandwidthLimitBytes?: InputMaybe<Scalars['SafeInt']['input']>;
  /** Where the provider lets you set one (ProxyMesh, Ping). */
  password?: InputMaybe<Scalars['String']['input']>;
  /** Webshare custom proxy list by country. */
  proxyCountries?: InputMaybe<Array<CountryCountInput>>;
  /** Ping: require IP authentication and password together. */
  strictSecurity?: InputMaybe<Scalars['Boolean']['input']>;
  /** Required by ProxyMesh; optional for Ping; Webshare uses label. */
  username?: InputMaybe<Scalars['String']['input']>;
};

/** What a delete-style mutation removed. */
export type DeletedPayload = {
  __typename?: 'DeletedPayload';
  /** How many items were removed, when the provider says. */
  count?: Maybe<Scalars['Int']['output']>;
  deleted: Scalars['Boolean']['output'];
  /** Global id of the removed item, when one item was removed. */
  id?: Maybe<Scalars['ID']['output']>;
};

/** Resolve `hostname` to `ip` when proxying through `server` (WonderProxy). */
export type DnsOverride = {
  __typename?: 'DnsOverride';
  account: Account;
  expiresAt: Scalars['DateTime']['output'];
  hostname: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  ip: Scalars['String']['output'];
  /** The server the entry applies on (null once it left the account). Entries of one request load their servers together. */
  proxyServer?: Maybe<ProxyServer>;
  /** WonderProxy short server name (e.g. denver); proxyServer has its hostname, IPs and customDnsPort. */
  server: Scalars['String']['output'];
  status: DnsOverrideStatus;
};

export type DnsOverrideFilter = {
  accountIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  ip?: InputMaybe<Scalars['String']['input']>;
  server?: InputMaybe<Scalars['String']['input']>;
};

export type DnsOverrideStatus =
  | 'ACTIVE'
  | 'EXPIRED'
  | 'EXPIRING'
  | 'PENDING';

/** A key that opens one of the provider's download links without the API key. */
export type DownloadToken = {
  __typename?: 'DownloadToken';
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** The key itself: anyone holding it can download. Needs the `credentials` scope. */
  key: Scalars['String']['output'];
  scope: DownloadTokenScope;
};

/** Which download link a token opens. */
export type DownloadTokenScope =
  | 'ACTIVITY'
  | 'PROXY_LIST'
  | 'REPLACED_PROXIES';

/** What is about to expire. */
export type ExpiringKind =
  | 'DNS_OVERRIDE'
  | 'IP_AUTHORIZATION';

/** An IP authorization or DNS override that expires within the window the subscriber gave; announced once per expiry time. */
export type ExpiryWarning = {
  __typename?: 'ExpiryWarning';
  account: Account;
  /** Set when kind is DNS_OVERRIDE. */
  dnsOverride?: Maybe<DnsOverride>;
  expiresAt: Scalars['DateTime']['output'];
  /** Set when kind is IP_AUTHORIZATION. */
  ipAuthorization?: Maybe<IpAuthorization>;
  kind: ExpiringKind;
  observedAt: Scalars['DateTime']['output'];
  /** Seconds from the observation to the expiry (0 once past). */
  secondsLeft: Scalars['Int']['output'];
};

/** Targeting appended to the gateway username. sessionId (sticky) and rotate exclude each other; city needs a plan with cityTargeting. */
export type GatewayUsernameInput = {
  /** Letters and underscores, e.g. los_angeles. */
  city?: InputMaybe<Scalars['String']['input']>;
  /** Two-letter country codes, chained in this order. */
  countries?: InputMaybe<Array<Scalars['String']['input']>>;
  /** A new exit IP on every request. */
  rotate?: InputMaybe<Scalars['Boolean']['input']>;
  /** Digits: the same session id keeps the same exit IP. */
  sessionId?: InputMaybe<Scalars['String']['input']>;
};

/** STANDARD is host:port[:user:password]; the others are URLs with that scheme. */
export type GeneratedProxyListFormat =
  | 'HTTP'
  | 'HTTPS'
  | 'SOCKS5'
  | 'SOCKS5H'
  | 'STANDARD';

/** What one third-party Geo-IP database says about an exit IP's location (WonderProxy geostatus). */
export type GeoIpStatus = {
  __typename?: 'GeoIpStatus';
  checkedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The provider's own word: ok, warn, crit, unknown. */
  providerStatus: Scalars['String']['output'];
  /** The Geo-IP database, e.g. google, maxmind. */
  source: Scalars['String']['output'];
  status: ProxyStatus;
};

/** A target hostname a ProxyMesh account (or sub-account) may reach. */
export type HostnameAuthorization = {
  __typename?: 'HostnameAuthorization';
  account: Account;
  hostname: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  subUser?: Maybe<SubUser>;
};

/** A client IP allowed to use the account's proxies without a password. */
export type IpAuthorization = {
  __typename?: 'IpAuthorization';
  account: Account;
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  ip: Scalars['String']['output'];
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  subUser?: Maybe<SubUser>;
  /** WonderProxy user name the entry belongs to. */
  user?: Maybe<Scalars['String']['output']>;
  /** WonderProxy: whether `user` is an active proxy user of the account (user_active); null where the provider has no users. */
  userActive?: Maybe<Scalars['Boolean']['output']>;
};

export type IpAuthorizationFilter = {
  accountIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  ip?: InputMaybe<Scalars['String']['input']>;
  /** WonderProxy user names: only entries of these users. */
  users?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** A user IP authorizations are assigned to (WonderProxy authlist users), with its state. */
export type IpAuthorizationUser = {
  __typename?: 'IpAuthorizationUser';
  /** Whether the user is an active proxy user of the account. */
  active: Scalars['Boolean']['output'];
  /** How many of the account's IP authorizations belong to the user. */
  ipAuthorizationCount: Scalars['Int']['output'];
  username: Scalars['String']['output'];
};

export type IpRangeCount = {
  __typename?: 'IpRangeCount';
  /** CIDR, e.g. 10.1.1.0/24. */
  cidr: Scalars['String']['output'];
  count: Scalars['Int']['output'];
  prefixLength: Scalars['Int']['output'];
};

export type IpVersion =
  | 'IPV4'
  | 'IPV6';

export type Location = {
  __typename?: 'Location';
  city?: Maybe<Scalars['String']['output']>;
  /** ISO 3166-1 alpha-2, upper case. */
  country?: Maybe<Scalars['String']['output']>;
  latitude?: Maybe<Scalars['Float']['output']>;
  longitude?: Maybe<Scalars['Float']['output']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** ProxyMesh: allow a target hostname, on the account or one sub-account. */
  addHostnameAuthorization: HostnameAuthorization;
  /** Webshare: place the proxies the plan could not allocate; the counts must add up to proxyListStatus.unallocatedCount. */
  allocateUnallocatedCountries: Account;
  /** Authorize one IP on many accounts (default: every account that supports it), in parallel. Idempotent: an IP already there is ok with alreadyDone. */
  authorizeIp: Array<AccountOperationResult>;
  /** ProxyMesh: add a proxy host to the account. */
  authorizeProxyServer: ProxyServer;
  cancelService: Service;
  clearDnsOverrides: DeletedPayload;
  /** Remove every IP authorization of the account (WonderProxy in one call, others entry by entry). `count` is how many were removed. */
  clearIpAuthorizations: DeletedPayload;
  createDnsOverride: DnsOverride;
  createSubUser: SubUser;
  /** Ping: grant a restricted proxy user one service's proxies or one proxy (a proxy user ACL). */
  createSubUserAccessRule: SubUserAccessRule;
  /** ProxyMesh: remove a proxy host from the account. */
  deauthorizeProxyServer: DeletedPayload;
  deleteDnsOverride: DeletedPayload;
  deleteSubUser: DeletedPayload;
  /** Ping: revoke one proxy user ACL entry. */
  deleteSubUserAccessRule: DeletedPayload;
  /** ProxyMesh: start tracking an existing sub-account (ProxyMesh cannot list them). */
  importSubUser: SubUser;
  /** Webshare: use one on-demand refresh to renew the proxy list. */
  refreshProxyList: Account;
  /** Webshare: refresh a sub-user's custom proxy list. */
  refreshSubUserProxies: SubUser;
  removeHostnameAuthorization: DeletedPayload;
  /** Webshare: start a proxy replacement (or a dry run). Poll proxyReplacement(id) for its state. */
  replaceProxies: ProxyReplacement;
  /** Webshare: a new key for one download link; links with the old key stop working. */
  resetDownloadToken: DownloadToken;
  /** Admin: close the credential breaker of an account after fixing its credentials. */
  resetProviderCredentials: Account;
  /** Remove an IP from many accounts (default: every account that supports IP authorizations). */
  revokeIp: Array<AccountOperationResult>;
  revokeIpAuthorization: DeletedPayload;
  /** Ping: what the proxy user may use (proxy_user_access_type); leaving a restricted type for ALL needs clearAccessRules: true. */
  setSubUserAccessType: SubUser;
  /** ProxyMesh: activate or deactivate a sub-account. */
  setSubUserActive: SubUser;
  updateDnsOverride: DnsOverride;
  /** WonderProxy: change an authlist entry's IP, user or expiry. */
  updateIpAuthorization: IpAuthorization;
  /** Webshare: change the proxy username/password or timeouts. */
  updateProxyCredentials: Account;
  /** Webshare: change proxy settings; only the fields given change. */
  updateProxySettings: Account;
  updateService: Service;
  updateSubUser: SubUser;
};


export type MutationAddHostnameAuthorizationArgs = {
  accountId: Scalars['ID']['input'];
  hostname: Scalars['String']['input'];
  subUserId?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationAllocateUnallocatedCountriesArgs = {
  accountId: Scalars['ID']['input'];
  countries: Array<CountryCountInput>;
};


export type MutationAuthorizeIpArgs = {
  input: AuthorizeIpInput;
};


export type MutationAuthorizeProxyServerArgs = {
  accountId: Scalars['ID']['input'];
  host: Scalars['String']['input'];
};


export type MutationCancelServiceArgs = {
  id: Scalars['ID']['input'];
  input: CancelServiceInput;
};


export type MutationClearDnsOverridesArgs = {
  accountId: Scalars['ID']['input'];
};


export type MutationClearIpAuthorizationsArgs = {
  accountId: Scalars['ID']['input'];
};


export type MutationCreateDnsOverrideArgs = {
  input: CreateDnsOverrideInput;
};


export type MutationCreateSubUserArgs = {
  input: CreateSubUserInput;
};


export type MutationCreateSubUserAccessRuleArgs = {
  input: CreateSubUserAccessRuleInput;
};


export type MutationDeauthorizeProxyServerArgs = {
  accountId: Scalars['ID']['input'];
  host: Scalars['String']['input'];
};


export type MutationDeleteDnsOverrideArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteSubUserArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteSubUserAccessRuleArgs = {
  id: Scalars['ID']['input'];
};


export type MutationImportSubUserArgs = {
  accountId: Scalars['ID']['input'];
  username: Scalars['String']['input'];
};


export type MutationRefreshProxyListArgs = {
  accountId: Scalars['ID']['input'];
};


export type MutationRefreshSubUserProxiesArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRemoveHostnameAuthorizationArgs = {
  accountId: Scalars['ID']['input'];
  hostname: Scalars['String']['input'];
  subUserId?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationReplaceProxiesArgs = {
  input: ReplaceProxiesInput;
};


export type MutationResetDownloadTokenArgs = {
  accountId: Scalars['ID']['input'];
  scope: DownloadTokenScope;
};


export type MutationResetProviderCredentialsArgs = {
  accountId: Scalars['ID']['input'];
};


export type MutationRevokeIpArgs = {
  accountIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  ip: Scalars['String']['input'];
};


export type MutationRevokeIpAuthorizationArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSetSubUserAccessTypeArgs = {
  accessType: SubUserAccessType;
  clearAccessRules?: InputMaybe<Scalars['Boolean']['input']>;
  id: Scalars['ID']['input'];
};


export type MutationSetSubUserActiveArgs = {
  active: Scalars['Boolean']['input'];
  id: Scalars['ID']['input'];
};


export type MutationUpdateDnsOverrideArgs = {
  id: Scalars['ID']['input'];
  input: UpdateDnsOverrideInput;
};


export type MutationUpdateIpAuthorizationArgs = {
  id: Scalars['ID']['input'];
  input: UpdateIpAuthorizationInput;
};


export type MutationUpdateProxyCredentialsArgs = {
  accountId: Scalars['ID']['input'];
  input: ProxyCredentialsInput;
};


export type MutationUpdateProxySettingsArgs = {
  accountId: Scalars['ID']['input'];
  input: ProxySettingsInput;
};


export type MutationUpdateServiceArgs = {
  id: Scalars['ID']['input'];
  input: UpdateServiceInput;
};


export type MutationUpdateSubUserArgs = {
  id: Scalars['ID']['input'];
  input: UpdateSubUserInput;
};

/** A typed error for one account inside a multi-account result. */
export type OperationError = {
  __typename?: 'OperationError';
  /** Same codes as GraphQL errors' extensions.code. */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
  retryAfterSeconds?: Maybe<Scalars['Int']['output']>;
  upstreamRequestId?: Maybe<Scalars['String']['output']>;
};

/** Relay page information. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** What the account pays for. */
export type Plan = {
  __typename?: 'Plan';
  /** Bytes; null = unlimited or unknown. */
  bandwidthLimitBytes?: Maybe<Scalars['SafeInt']['output']>;
  currency?: Maybe<Scalars['String']['output']>;
  /** When the contract itself ends (WonderProxy expiry), beyond the current period. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** The provider's plan id. */
  id?: Maybe<Scalars['ID']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  onDemandRefreshesAvailable?: Maybe<Scalars['Int']['output']>;
  periodEnd?: Maybe<Scalars['DateTime']['output']>;
  periodStart?: Maybe<Scalars['DateTime']['output']>;
  price?: Maybe<Scalars['Float']['output']>;
  proxyCount?: Maybe<Scalars['Int']['output']>;
  replacementsAvailable?: Maybe<Scalars['Int']['output']>;
  status?: Maybe<Scalars['String']['output']>;
  subUsersTotal?: Maybe<Scalars['Int']['output']>;
  subUsersUsed?: Maybe<Scalars['Int']['output']>;
  type?: Maybe<Scalars['String']['output']>;
};

/** A port range, both ends included. */
export type PortRange = {
  __typename?: 'PortRange';
  from: Scalars['Int']['output'];
  to: Scalars['Int']['output'];
};

/** The proxy providers ProxyGraph speaks to. */
export type Provider =
  | 'PINGPROXIES'
  | 'PROXYMESH'
  | 'WEBSHARE'
  | 'WONDERPROXY';

/** A proxy endpoint. Webshare direct proxies, ProxyMesh gateways, WonderProxy exit IPs, Ping proxies. */
export type Proxy = {
  __typename?: 'Proxy';
  account: Account;
  asn?: Maybe<Scalars['Int']['output']>;
  asnName?: Maybe<Scalars['String']['output']>;
  city?: Maybe<Scalars['String']['output']>;
  /** ISO 3166-1 alpha-2, upper case; ZZ = any. */
  country?: Maybe<Scalars['String']['output']>;
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** WonderProxy: connect to this port (the HTTP port + 500) to have the account's custom DNS entries apply. */
  customDnsPort?: Maybe<Scalars['Int']['output']>;
  /** The IP address traffic leaves from, when known. */
  exitIp?: Maybe<Scalars['String']['output']>;
  /** WonderProxy: per Geo-IP database verdicts on this exit IP's location. */
  geoStatus?: Maybe<Array<GeoIpStatus>>;
  /** Host name or address to connect to. */
  host: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  lastCheckedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Needs the `credentials` scope. */
  password?: Maybe<Scalars['String']['output']>;
  ports: ProxyPorts;
  provider: Provider;
  /** The provider's own status word (e.g. Webshare valid/invalid). */
  providerStatus?: Maybe<Scalars['String']['output']>;
  status: ProxyStatus;
  /** WonderProxy: the server's title (usually the closest metro area). */
  title?: Maybe<Scalars['String']['output']>;
  type?: Maybe<ProxyType>;
  /** Ready-to-use URL, e.g. http://user:pass@host:port. The password is in it only under the `credentials` scope; without that scope the URL has the username and no password. */
  url?: Maybe<Scalars['String']['output']>;
  username?: Maybe<Scalars['String']['output']>;
};


/** A proxy endpoint. Webshare direct proxies, ProxyMesh gateways, WonderProxy exit IPs, Ping proxies. */
export type ProxyUrlArgs = {
  protocol?: ProxyProtocol;
};

/** One request made through the account's proxies, as the provider logged it. */
export type ProxyActivity = {
  __typename?: 'ProxyActivity';
  at: Scalars['DateTime']['output'];
  /** The proxy username the request authenticated with, if any. */
  authUsername?: Maybe<Scalars['String']['output']>;
  /** Where the request came from. */
  clientIp?: Maybe<Scalars['String']['output']>;
  errorHowToFix?: Maybe<Scalars['String']['output']>;
  /** Why the request failed (Webshare's X-Webshare-Error-Reason); null when it succeeded. */
  errorReason?: Maybe<Scalars['String']['output']>;
  handshakeDurationMs?: Maybe<Scalars['Int']['output']>;
  /** HTTP or SOCKS. */
  protocol?: Maybe<Scalars['String']['output']>;
  proxyAddress?: Maybe<Scalars['String']['output']>;
  proxyPort?: Maybe<Scalars['Int']['output']>;
  requestDurationMs?: Maybe<Scalars['Int']['output']>;
  targetDomain?: Maybe<Scalars['String']['output']>;
  targetHostname?: Maybe<Scalars['String']['output']>;
  targetIp?: Maybe<Scalars['String']['output']>;
  targetPort?: Maybe<Scalars['Int']['output']>;
  transferredBytes: Scalars['SafeInt']['output'];
  tunnelDurationMs?: Maybe<Scalars['Int']['output']>;
};

/** Activity newest first; continue with after: pageInfo.endCursor. */
export type ProxyActivityConnection = {
  __typename?: 'ProxyActivityConnection';
  edges: Array<ProxyActivityEdge>;
  pageInfo: PageInfo;
  /** Entries that match the filter, across all pages. */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

export type ProxyActivityEdge = {
  __typename?: 'ProxyActivityEdge';
  /** Opaque: the provider's position of this entry. */
  cursor: Scalars['String']['output'];
  node: ProxyActivity;
};

/** Every given field narrows the activity. */
export type ProxyActivityFilter = {
  /** Only requests that failed for this reason, e.g. client_connect_forbidden_host. */
  errorReason?: InputMaybe<Scalars['String']['input']>;
  /** True: only requests that failed, for any reason. */
  failedOnly?: InputMaybe<Scalars['Boolean']['input']>;
  /** Entries at or after this instant. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only entries that moved at most this many bytes. */
  maxBytes?: InputMaybe<Scalars['SafeInt']['input']>;
  /** Only entries that moved at least this many bytes. */
  minBytes?: InputMaybe<Scalars['SafeInt']['input']>;
  /** Text the provider searches for (hostnames, addresses). */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Entries at or before this instant. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** A Relay connection of proxies. */
export type ProxyConnection = {
  __typename?: 'ProxyConnection';
  edges: Array<ProxyEdge>;
  pageInfo: PageInfo;
  /** Total matching proxies when every provider involved reports a count. */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** Proxy connection settings for the account (Webshare proxy config). */
export type ProxyCredentials = {
  __typename?: 'ProxyCredentials';
  /** Needs the `credentials` scope. */
  password?: Maybe<Scalars['String']['output']>;
  requestIdleTimeoutSeconds?: Maybe<Scalars['Int']['output']>;
  requestTimeoutSeconds?: Maybe<Scalars['Int']['output']>;
  username?: Maybe<Scalars['String']['output']>;
};

/** Webshare proxy config: username/password 8-32 letters and digits; timeouts in seconds. */
export type ProxyCredentialsInput = {
  password?: InputMaybe<Scalars['String']['input']>;
  /** 15 s to 2 hours. */
  requestIdleTimeoutSeconds?: InputMaybe<Scalars['Int']['input']>;
  /** 15 s to 7 days. */
  requestTimeoutSeconds?: InputMaybe<Scalars['Int']['input']>;
  username?: InputMaybe<Scalars['String']['input']>;
};

export type ProxyEdge = {
  __typename?: 'ProxyEdge';
  cursor: Scalars['String']['output'];
  node: Proxy;
};

/** Every given list narrows the result; within a list, any value matches. */
export type ProxyFilter = {
  accountIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** ISO 3166-1 alpha-2 codes, any case. */
  countries?: InputMaybe<Array<Scalars['String']['input']>>;
  providers?: InputMaybe<Array<Provider>>;
  statuses?: InputMaybe<Array<ProxyStatus>>;
  types?: InputMaybe<Array<ProxyType>>;
};

/** How to connect through the provider's rotating gateway (Webshare backbone) with the proxy username and password (Account.proxyCredentials). IP-authorized clients use each proxy's own port instead. */
export type ProxyGateway = {
  __typename?: 'ProxyGateway';
  /** Whether the username can target a city (Webshare: residential plans only). */
  cityTargeting: Scalars['Boolean']['output'];
  host: Scalars['String']['output'];
  /** Which list Account.proxies reads: BACKBONE entries are all reached through this gateway, each on its own port. */
  listMode: ProxyListMode;
  /** More ports that take username/password authentication. */
  portRange?: Maybe<PortRange>;
  /** Ports that take username/password authentication. */
  ports: Array<Scalars['Int']['output']>;
  /** The proxy username before any targeting. */
  username: Scalars['String']['output'];
  /** The username with targeting appended, e.g. myuser-us-1234 (sticky US) or myuser-de-rotate. */
  usernameFor: Scalars['String']['output'];
  /** The username grammar, e.g. {username}[-{cc}...][-city_{name}][-{session}|-rotate]. */
  usernameTemplate: Scalars['String']['output'];
};


/** How to connect through the provider's rotating gateway (Webshare backbone) with the proxy username and password (Account.proxyCredentials). IP-authorized clients use each proxy's own port instead. */
export type ProxyGatewayUsernameForArgs = {
  targeting?: InputMaybe<GatewayUsernameInput>;
};

/** Which credentials the lines carry: a sub-user's username and password, none (IP authorization), or each proxy's own. */
export type ProxyListAuthentication =
  | 'IP_ADDRESS'
  | 'PROXY_SPECIFIC'
  | 'USERNAME_AND_PASSWORD';

/** How a proxy list is written. Every format but HOST_PORT carries passwords and needs the `credentials` scope. */
export type ProxyListFormat =
  /** RFC 4180, CRLF line ends: provider,account_id,host,http_port,socks5_port,username,password,country,city. The header heads the first page only, so pages concatenate into one document. Takes no `protocol`. */
  | 'CSV'
  /** `host:port` per line, for IP-authorized use. Needs only `read`. */
  | 'HOST_PORT'
  /** `host:port:user:pass` per line (`host:port` when the proxy has no username). */
  | 'HOST_PORT_USER_PASS'
  /** `http://user:pass@host:port` or `socks5://…` per line (see `protocol`), user and password percent-encoded. */
  | 'URL'
  /** `user:pass@host:port` per line (`host:port` when the proxy has no username). */
  | 'USER_PASS_AT_HOST_PORT';

/** DIRECT: each proxy is an address to connect to. BACKBONE: every proxy is reached through the rotating gateway (Webshare residential plans). */
export type ProxyListMode =
  | 'BACKBONE'
  | 'DIRECT';

/** The proxy filters one provider search can apply: one country, one service, and statuses and types the provider can name as one value (or all but one). */
export type ProxyListSearchFilter = {
  /** ISO 3166-1 alpha-2 codes, any case. */
  countries?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Service ids of the account. */
  serviceIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  statuses?: InputMaybe<Array<ProxyStatus>>;
  types?: InputMaybe<Array<ProxyType>>;
};

/** Whether the proxy list is ready to use. */
export type ProxyListState =
  | 'COMPLETED'
  | 'PENDING'
  | 'PROCESSING';

/** The proxy list by network (/24, /16, /8 ranges and ASNs), and what is available to replace proxies with. Empty ranges and ASNs on residential plans. */
export type ProxyListStats = {
  __typename?: 'ProxyListStats';
  asns: Array<AsnCount>;
  availableAsns: Array<AsnCount>;
  availableCountries: Array<CountryCount>;
  availableIpRanges: Array<IpRangeCount>;
  ipRanges: Array<IpRangeCount>;
};

/** The proxy list: whether it is ready, what it holds per country, and what the plan bought but could not allocate. */
export type ProxyListStatus = {
  __typename?: 'ProxyListStatus';
  countries: Array<CountryCount>;
  /** Needs the `credentials` scope. */
  password?: Maybe<Scalars['String']['output']>;
  /** Whether the proxies have been used. */
  proxiesUsed: Scalars['Boolean']['output'];
  state: ProxyListState;
  /** The sum of unallocatedCountries: what an allocation must add up to. */
  unallocatedCount: Scalars['Int']['output'];
  /** Proxies bought for countries that had none available; allocateUnallocatedCountries places them. */
  unallocatedCountries: Array<CountryCount>;
  username?: Maybe<Scalars['String']['output']>;
};

/** One page of a proxy list as text. Loop with `after: pageInfo.endCursor` while `hasNextPage`, appending `text`. */
export type ProxyListText = {
  __typename?: 'ProxyListText';
  /** Proxy lines in `text` (a CSV header is not counted). */
  lineCount: Scalars['Int']['output'];
  pageInfo: PageInfo;
  /** Proxies of this page left out: no port for the protocol, or a value the format cannot hold unambiguously (a line break; a colon or @ in the username: use URL or CSV). */
  skippedCount: Scalars['Int']['output'];
  /** The lines, each ending with its line break (CRLF for CSV, LF otherwise). */
  text: Scalars['String']['output'];
};

/** Ports a proxy listens on; null where the protocol is not offered. */
export type ProxyPorts = {
  __typename?: 'ProxyPorts';
  http?: Maybe<Scalars['Int']['output']>;
  socks5?: Maybe<Scalars['Int']['output']>;
};

export type ProxyProtocol =
  | 'HTTP'
  | 'SOCKS5';

/** An asynchronous Webshare proxy replacement; poll it until COMPLETED, VALIDATED or FAILED. */
export type ProxyReplacement = {
  __typename?: 'ProxyReplacement';
  account: Account;
  completedAt?: Maybe<Scalars['DateTime']['output']>;
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  dryRun: Scalars['Boolean']['output'];
  dryRunCompletedAt?: Maybe<Scalars['DateTime']['output']>;
  error?: Maybe<Scalars['String']['output']>;
  errorCode?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  proxiesAdded?: Maybe<Scalars['Int']['output']>;
  proxiesRemoved?: Maybe<Scalars['Int']['output']>;
  reason?: Maybe<Scalars['String']['output']>;
  replaceWith: Array<ProxySelector>;
  /** The proxies this replacement removed and what replaced each; empty until it completes. */
  replacedProxies?: Maybe<ReplacedProxyConnection>;
  state: ProxyReplacementState;
  toReplace: ProxySelector;
};


/** An asynchronous Webshare proxy replacement; poll it until COMPLETED, VALIDATED or FAILED. */
export type ProxyReplacementReplacedProxiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A proxy replacement that appeared or changed state. */
export type ProxyReplacementChange = {
  __typename?: 'ProxyReplacementChange';
  observedAt: Scalars['DateTime']['output'];
  /** Null for a replacement first seen by this poll. */
  previousState?: Maybe<ProxyReplacementState>;
  replacement: ProxyReplacement;
  state: ProxyReplacementState;
};

export type ProxyReplacementConnection = {
  __typename?: 'ProxyReplacementConnection';
  edges: Array<ProxyReplacementEdge>;
  pageInfo: PageInfo;
  totalCount?: Maybe<Scalars['Int']['output']>;
};

export type ProxyReplacementEdge = {
  __typename?: 'ProxyReplacementEdge';
  cursor: Scalars['String']['output'];
  node: ProxyReplacement;
};

/** Webshare replacement lifecycle: VALIDATING → VALIDATED (dry run) or PROCESSING → COMPLETED, or FAILED. */
export type ProxyReplacementState =
  | 'COMPLETED'
  | 'FAILED'
  | 'PROCESSING'
  | 'VALIDATED'
  | 'VALIDATING';

/** Which proxies to remove, or what to add instead. */
export type ProxySelector = {
  __typename?: 'ProxySelector';
  asnNumbers?: Maybe<Array<Scalars['String']['output']>>;
  count?: Maybe<Scalars['Int']['output']>;
  countryCode?: Maybe<Scalars['String']['output']>;
  ipAddresses?: Maybe<Array<Scalars['String']['output']>>;
  ipRanges?: Maybe<Array<Scalars['String']['output']>>;
  type: ProxySelectorType;
};

/** IP_RANGE (ipRanges, count), IP_ADDRESS (ipAddresses; toReplace only), ASN (asnNumbers), COUNTRY (countryCode, count), ANY (count; replaceWith only). */
export type ProxySelectorInput = {
  asnNumbers?: InputMaybe<Array<Scalars['String']['input']>>;
  count?: InputMaybe<Scalars['Int']['input']>;
  countryCode?: InputMaybe<Scalars['String']['input']>;
  ipAddresses?: InputMaybe<Array<Scalars['String']['input']>>;
  /** CIDR ranges with host bits zero, e.g. 1.2.3.0/24. */
  ipRanges?: InputMaybe<Array<Scalars['String']['input']>>;
  type: ProxySelectorType;
};

export type ProxySelectorType =
  | 'ANY'
  | 'ASN'
  | 'COUNTRY'
  | 'IP_ADDRESS'
  | 'IP_RANGE';

/** A proxy server or gateway host. */
export type ProxyServer = {
  __typename?: 'ProxyServer';
  hostname: Scalars['String']['output'];
  /** How many exit IPs the server has (WonderProxy ip_count); null when unknown. */
  ipCount?: Maybe<Scalars['Int']['output']>;
  /** The exit IPs. Null when the provider does not list them for this server (ProxyMesh hosts rotate IPs; WonderProxy's network catalogue gives only ipCount, Account.servers lists the IPs of an account's servers): unknown, not none. */
  ips?: Maybe<Array<ServerIp>>;
  location?: Maybe<Location>;
  /** The provider's short server name (WonderProxy: used by DNS overrides and proxy ids, e.g. denver). */
  name?: Maybe<Scalars['String']['output']>;
  port?: Maybe<Scalars['Int']['output']>;
  services: Array<Scalars['String']['output']>;
  title?: Maybe<Scalars['String']['output']>;
  /** WonderProxy contract servers: bandwidth on this server. */
  usage?: Maybe<ServerUsage>;
};

/** Proxy settings beyond the credentials (Webshare proxy config). Null restrictions mean none. */
export type ProxySettings = {
  __typename?: 'ProxySettings';
  autoReplaceFailedSiteCheckProxies?: Maybe<Scalars['Boolean']['output']>;
  autoReplaceInvalidProxies?: Maybe<Scalars['Boolean']['output']>;
  autoReplaceLowCountryConfidenceProxies?: Maybe<Scalars['Boolean']['output']>;
  autoReplaceOutOfRotationProxies?: Maybe<Scalars['Boolean']['output']>;
  /** ASN IP-authorized clients must be in, e.g. 7922 or AS7922. */
  ipAuthorizationAsn?: Maybe<Scalars['String']['output']>;
  /** City IP-authorized clients must be in (exclusive with state and postal code). */
  ipAuthorizationCity?: Maybe<Scalars['String']['output']>;
  /** Countries IP-authorized clients may connect from; null = all. */
  ipAuthorizationCountries?: Maybe<Array<Scalars['String']['output']>>;
  ipAuthorizationPostalCode?: Maybe<Scalars['String']['output']>;
  ipAuthorizationState?: Maybe<Scalars['String']['output']>;
  /** Longest a proxied connection may stay idle. */
  requestIdleTimeoutSeconds?: Maybe<Scalars['Int']['output']>;
  /** Longest a proxied request may last. */
  requestTimeoutSeconds?: Maybe<Scalars['Int']['output']>;
};

/** A change of proxy settings: a field left out is unchanged; null clears a restriction (ipAuthorizationCountries null = all countries). City, state and postal code exclude one another. */
export type ProxySettingsInput = {
  autoReplaceFailedSiteCheckProxies?: InputMaybe<Scalars['Boolean']['input']>;
  /** Not changeable on free plans. */
  autoReplaceInvalidProxies?: InputMaybe<Scalars['Boolean']['input']>;
  /** Not changeable on free plans. */
  autoReplaceLowCountryConfidenceProxies?: InputMaybe<Scalars['Boolean']['input']>;
  autoReplaceOutOfRotationProxies?: InputMaybe<Scalars['Boolean']['input']>;
  /** 7922 or AS7922. */
  ipAuthorizationAsn?: InputMaybe<Scalars['String']['input']>;
  ipAuthorizationCity?: InputMaybe<Scalars['String']['input']>;
  /** ISO 3166-1 alpha-2 codes, any case; null = all countries. */
  ipAuthorizationCountries?: InputMaybe<Array<Scalars['String']['input']>>;
  ipAuthorizationPostalCode?: InputMaybe<Scalars['String']['input']>;
  ipAuthorizationState?: InputMaybe<Scalars['String']['input']>;
  /** 15 s to 2 hours. */
  requestIdleTimeoutSeconds?: InputMaybe<Scalars['Int']['input']>;
  /** 15 s to 7 days. */
  requestTimeoutSeconds?: InputMaybe<Scalars['Int']['input']>;
};

/** Normalised health; the provider's own word is in Proxy.providerStatus. */
export type ProxyStatus =
  | 'DEGRADED'
  | 'DOWN'
  | 'OK'
  | 'UNKNOWN';

/** A proxy whose status changed between two polls of its account. */
export type ProxyStatusChange = {
  __typename?: 'ProxyStatusChange';
  /** When the poll that saw the change was made. */
  observedAt: Scalars['DateTime']['output'];
  previousStatus: ProxyStatus;
  /** The proxy as the poll that saw the change read it. */
  proxy: Proxy;
  status: ProxyStatus;
};

export type ProxyType =
  | 'DATACENTER'
  | 'ISP'
  | 'MOBILE'
  | 'RESIDENTIAL'
  | 'ROTATING_GATEWAY';

/** Whether one sub-user may use every proxy selected (Ping proxy user list options). */
export type ProxyUserListOption = {
  __typename?: 'ProxyUserListOption';
  hasAccess: Scalars['Boolean']['output'];
  /** The account's default sub-user, which reaches every proxy. */
  isDefault: Scalars['Boolean']['output'];
  subUserId: Scalars['ID']['output'];
  /** The sub-user's username (Ping proxy_user_id). */
  username: Scalars['String']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** An account by its configured id; one that does not exist or is hidden is null with NOT_FOUND, the same answer as everywhere an account id is given. */
  account?: Maybe<Account>;
  /** Every account the caller may see, optionally of one provider. */
  accounts: Array<Account>;
  /** Writes made to providers through ProxyGraph, for the accounts you may see; newest first. */
  auditLog: AuditEntryConnection;
  /** ProxyMesh open/world pools by country. */
  countryPools: Array<CountryPool>;
  /** DNS overrides across accounts that support them. */
  dnsOverrides: Array<DnsOverride>;
  /** IP authorizations across accounts; failing accounts are reported as errors beside the data. */
  ipAuthorizations: Array<IpAuthorization>;
  /** A provider's server catalogue (WonderProxy /v0/servers), read through the first visible account of that provider. */
  networkServers: Array<ProxyServer>;
  /** Proxies across every visible account: accounts in configuration order, each in its provider's order. */
  proxies: ProxyConnection;
  proxy?: Maybe<Proxy>;
  /** The proxies of every visible account (the selection and order of Query.proxies) as text to paste, one page at a time. */
  proxyList: ProxyListText;
  proxyReplacement?: Maybe<ProxyReplacement>;
  /** Ping: one service adjustment (audit-trail entry) by id. */
  serviceAdjustment?: Maybe<ServiceAdjustment>;
  subUser?: Maybe<SubUser>;
  subUserAccessRule?: Maybe<SubUserAccessRule>;
  /** Usage of every account you may see, each with the period it covers, and totals that add only figures of the same period; accounts whose provider cannot report usage are listed with supported: false. */
  usage: UsageSummary;
  /** Who is calling: name, scopes and whether authentication is on. Needs no scope. */
  viewer: Viewer;
};


export type QueryAccountArgs = {
  id: Scalars['ID']['input'];
};


export type QueryAccountsArgs = {
  provider?: InputMaybe<Provider>;
};


export type QueryAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditLogFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCountryPoolsArgs = {
  accountId: Scalars['ID']['input'];
};


export type QueryDnsOverridesArgs = {
  filter?: InputMaybe<DnsOverrideFilter>;
};


export type QueryIpAuthorizationsArgs = {
  filter?: InputMaybe<IpAuthorizationFilter>;
};


export type QueryNetworkServersArgs = {
  provider: Provider;
};


export type QueryProxiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProxyFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryProxyArgs = {
  id: Scalars['ID']['input'];
};


export type QueryProxyListArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProxyFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  format: ProxyListFormat;
  protocol?: InputMaybe<ProxyProtocol>;
};


export type QueryProxyReplacementArgs = {
  id: Scalars['ID']['input'];
};


export type QueryServiceAdjustmentArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySubUserArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySubUserAccessRuleArgs = {
  id: Scalars['ID']['input'];
};


export type QueryUsageArgs = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

export type ReplaceProxiesInput = {
  accountId: Scalars['ID']['input'];
  /** Validate only: the result ends VALIDATED with counts, nothing replaced. */
  dryRun?: Scalars['Boolean']['input'];
  replaceWith: Array<ProxySelectorInput>;
  toReplace: ProxySelectorInput;
};

/** A proxy that left the list, and the proxy that took its place. */
export type ReplacedProxy = {
  __typename?: 'ReplacedProxy';
  address?: Maybe<Scalars['String']['output']>;
  country?: Maybe<Scalars['String']['output']>;
  /** The provider's id of this entry. */
  nativeId: Scalars['ID']['output'];
  port?: Maybe<Scalars['Int']['output']>;
  /** Why it left, in the provider's words (proxy_replaced for a manual replacement; auto_invalidated, auto_out_of_rotation, ... for automatic ones). */
  reason?: Maybe<Scalars['String']['output']>;
  replacedAt?: Maybe<Scalars['DateTime']['output']>;
  replacedWithAddress?: Maybe<Scalars['String']['output']>;
  replacedWithCountry?: Maybe<Scalars['String']['output']>;
  replacedWithPort?: Maybe<Scalars['Int']['output']>;
};

export type ReplacedProxyConnection = {
  __typename?: 'ReplacedProxyConnection';
  edges: Array<ReplacedProxyEdge>;
  pageInfo: PageInfo;
  totalCount?: Maybe<Scalars['Int']['output']>;
};

export type ReplacedProxyEdge = {
  __typename?: 'ReplacedProxyEdge';
  cursor: Scalars['String']['output'];
  node: ReplacedProxy;
};

export type ResidentialProxyListInput = {
  /** The provider's city id. */
  cityId?: InputMaybe<Scalars['Int']['input']>;
  /** How many lines (1–1000); default: the provider's. */
  count?: InputMaybe<Scalars['Int']['input']>;
  /** ISO 3166-1 alpha-2 code. */
  country?: InputMaybe<Scalars['String']['input']>;
  format?: InputMaybe<GeneratedProxyListFormat>;
  /** Lifetime of a STICKY session, in seconds. */
  sessionTtlSeconds?: InputMaybe<Scalars['Int']['input']>;
  sessionType?: InputMaybe<ResidentialSessionType>;
  /** The sub-user whose credentials the lines carry; default: the provider's default user. */
  subUserId?: InputMaybe<Scalars['ID']['input']>;
  /** Subdivision id such as us-tx. */
  subdivision?: InputMaybe<Scalars['String']['input']>;
};

/** STICKY keeps one exit IP for the session's lifetime; ROTATING changes it on every request. */
export type ResidentialSessionType =
  | 'ROTATING'
  | 'STICKY';

export type ServerIp = {
  __typename?: 'ServerIp';
  address: Scalars['String']['output'];
  /** When the status was last checked. */
  checkedAt?: Maybe<Scalars['DateTime']['output']>;
  /** WonderProxy: connect here (port + 500) to have the account's custom DNS entries apply. */
  customDnsPort?: Maybe<Scalars['Int']['output']>;
  /** WonderProxy: per Geo-IP database verdicts on this IP's location. */
  geoStatus?: Maybe<Array<GeoIpStatus>>;
  /** HTTP proxy port that exits through this IP. */
  port?: Maybe<Scalars['Int']['output']>;
  /** WonderProxy: added to the port scheme (10000 + portBase, 11000 + portBase, ...). */
  portBase?: Maybe<Scalars['Int']['output']>;
  providerStatus?: Maybe<Scalars['String']['output']>;
  status?: Maybe<ProxyStatus>;
};

/** Bandwidth on one server, in bytes (WonderProxy). */
export type ServerUsage = {
  __typename?: 'ServerUsage';
  /** Used in the current billing period. */
  currentBytes?: Maybe<Scalars['SafeInt']['output']>;
  last30DaysBytes?: Maybe<Scalars['SafeInt']['output']>;
  /** The server's own limit with detailed server billing, else the account's network limit. */
  limitBytes?: Maybe<Scalars['SafeInt']['output']>;
};

/** A purchased Ping Proxies service. */
export type Service = {
  __typename?: 'Service';
  account: Account;
  /** The provider's audit trail of this service, newest first (Ping service adjustments). */
  adjustments?: Maybe<ServiceAdjustmentConnection>;
  currency?: Maybe<Scalars['String']['output']>;
  /** Billing cycle, e.g. 1:month. */
  cycle?: Maybe<Scalars['String']['output']>;
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  metadata?: Maybe<Scalars['JSONObject']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  /** The proxies this service provides, in the provider's order (Ping: service_id pushed down). */
  proxies: ProxyConnection;
  quantity?: Maybe<Scalars['Int']['output']>;
  status?: Maybe<Scalars['String']['output']>;
  /** Price in currency units (not cents). */
  total?: Maybe<Scalars['Float']['output']>;
  type?: Maybe<Scalars['String']['output']>;
};


/** A purchased Ping Proxies service. */
export type ServiceAdjustmentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A purchased Ping Proxies service. */
export type ServiceProxiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** One change to a service, as the provider recorded it (Ping service adjustment). */
export type ServiceAdjustment = {
  __typename?: 'ServiceAdjustment';
  /** The service as it was after (the provider's fields). */
  after?: Maybe<Scalars['JSONObject']['output']>;
  /** Made by an automatic process. */
  automatic?: Maybe<Scalars['Boolean']['output']>;
  /** The service as it was before (the provider's fields). */
  before?: Maybe<Scalars['JSONObject']['output']>;
  /** Made by a provider administrator. */
  byAdministrator?: Maybe<Scalars['Boolean']['output']>;
  /** Made by the customer. */
  byCustomer?: Maybe<Scalars['Boolean']['output']>;
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** The provider's evaluation of the change (e.g. price difference). */
  evaluation?: Maybe<Scalars['JSONObject']['output']>;
  id: Scalars['ID']['output'];
  invoiceId?: Maybe<Scalars['String']['output']>;
  /** pending, complete or failed. */
  status: Scalars['String']['output'];
  /** The provider's word: ingestion, fulfillment, remove_proxy, additional_fulfillment, update, proxy_replacement, extension, top_up, top_up_and_extension or cancel. */
  type: Scalars['String']['output'];
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
};

export type ServiceAdjustmentConnection = {
  __typename?: 'ServiceAdjustmentConnection';
  edges: Array<ServiceAdjustmentEdge>;
  pageInfo: PageInfo;
  totalCount?: Maybe<Scalars['Int']['output']>;
};

export type ServiceAdjustmentEdge = {
  __typename?: 'ServiceAdjustmentEdge';
  cursor: Scalars['String']['output'];
  node: ServiceAdjustment;
};

/** Ping Proxies cancellation feedback. */
export type ServiceCancelReason =
  | 'CUSTOMER_SERVICE'
  | 'LOW_QUALITY'
  | 'MISSING_FEATURES'
  | 'OTHER'
  | 'SWITCHED_SERVICE'
  | 'TOO_COMPLEX'
  | 'TOO_EXPENSIVE'
  | 'UNUSED';

/** A sub-user: Webshare sub-user, ProxyMesh sub-account, Ping proxy user. */
export type SubUser = {
  __typename?: 'SubUser';
  /** Ping: the proxy user's ACL entries, in a stable order. */
  accessRules?: Maybe<SubUserAccessRuleConnection>;
  /** Ping proxy user access: all, service_restricted or proxy_restricted. */
  accessType?: Maybe<Scalars['String']['output']>;
  account: Account;
  active: Scalars['Boolean']['output'];
  /** Total (lifetime) bandwidth cap in bytes; null = none. */
  bandwidthLimitBytes?: Maybe<Scalars['SafeInt']['output']>;
  bandwidthUsedBytes?: Maybe<Scalars['SafeInt']['output']>;
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** ProxyMesh sub-account contact email. */
  email?: Maybe<Scalars['String']['output']>;
  /** ProxyMesh sub-account first name. */
  firstName?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** IPs authorized for this sub-user (ProxyMesh sub-accounts, Ping proxy users). */
  ipAuthorizations: Array<IpAuthorization>;
  label?: Maybe<Scalars['String']['output']>;
  /** ProxyMesh sub-account last name. */
  lastName?: Maybe<Scalars['String']['output']>;
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  maxThreads?: Maybe<Scalars['Int']['output']>;
  /** Ping proxy user metadata (flat object). */
  metadata?: Maybe<Scalars['JSONObject']['output']>;
  /** Monthly bandwidth cap in bytes; null = none. */
  monthlyBandwidthLimitBytes?: Maybe<Scalars['SafeInt']['output']>;
  monthlyBandwidthUsedBytes?: Maybe<Scalars['SafeInt']['output']>;
  /** The password this sub-user's proxies use. Needs the `credentials` scope. */
  password?: Maybe<Scalars['String']['output']>;
  /** Webshare custom proxy list; null = the account's list. */
  proxyCountries?: Maybe<Array<CountryCount>>;
  /** The username this sub-user's proxies use, where it differs from username. */
  proxyUsername?: Maybe<Scalars['String']['output']>;
  /** Ping proxy user: IP authentication and password are both required. */
  strictSecurity?: Maybe<Scalars['Boolean']['output']>;
  username: Scalars['String']['output'];
};


/** A sub-user: Webshare sub-user, ProxyMesh sub-account, Ping proxy user. */
export type SubUserAccessRulesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A grant letting a restricted sub-user use one service's proxies or one proxy (Ping proxy user ACL). The grant's kind must match the sub-user's accessType: SERVICE for service_restricted, PROXY for proxy_restricted. */
export type SubUserAccessRule = {
  __typename?: 'SubUserAccessRule';
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  proxy?: Maybe<Proxy>;
  /** The proxy granted (target PROXY), without reading it. */
  proxyId?: Maybe<Scalars['ID']['output']>;
  service?: Maybe<Service>;
  /** The service granted (target SERVICE), without reading it. */
  serviceId?: Maybe<Scalars['ID']['output']>;
  subUser?: Maybe<SubUser>;
  /** The sub-user the rule belongs to, without reading it. */
  subUserId: Scalars['ID']['output'];
  target: AccessRuleTarget;
};

export type SubUserAccessRuleConnection = {
  __typename?: 'SubUserAccessRuleConnection';
  edges: Array<SubUserAccessRuleEdge>;
  pageInfo: PageInfo;
  totalCount?: Maybe<Scalars['Int']['output']>;
};

export type SubUserAccessRuleEdge = {
  __typename?: 'SubUserAccessRuleEdge';
  cursor: Scalars['String']['output'];
  node: SubUserAccessRule;
};

/** ALL: every proxy of the account; SERVICE_RESTRICTED: the proxies of the services its access rules name; PROXY_RESTRICTED: the proxies they name. */
export type SubUserAccessType =
  | 'ALL'
  | 'PROXY_RESTRICTED'
  | 'SERVICE_RESTRICTED';

export type SubUserConnection = {
  __typename?: 'SubUserConnection';
  edges: Array<SubUserEdge>;
  pageInfo: PageInfo;
  totalCount?: Maybe<Scalars['Int']['output']>;
};

export type SubUserEdge = {
  __typename?: 'SubUserEdge';
  cursor: Scalars['String']['output'];
  node: SubUser;
};

/** A sub-user whose use reached the fraction of its bandwidth limit the subscriber gave; announced once until it drops back below. */
export type SubUserLimitWarning = {
  __typename?: 'SubUserLimitWarning';
  limitBytes: Scalars['SafeInt']['output'];
  observedAt: Scalars['DateTime']['output'];
  subUser: SubUser;
  /** Bytes used against the limit below (its total limit where it has one, else the monthly one). */
  usedBytes: Scalars['SafeInt']['output'];
  usedFraction: Scalars['Float']['output'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** IP authorizations and DNS overrides that expire within withinSeconds (60 s to 30 days; default 3600), on the accounts given (default: every account you may see that has either). */
  expiringSoon: ExpiryWarning;
  /** Proxy replacements of the account that appear or change state; one replacement when replacementId is given. */
  proxyReplacementChanged: ProxyReplacementChange;
  /** Proxies whose status changes, on the accounts given (default: every account you may see that lists proxies). Polled every server.live.pollIntervalSeconds.proxies (60 s by default). */
  proxyStatusChanged: ProxyStatusChange;
  /** Sub-users whose use reaches fraction (default 0.9) of their bandwidth limit, on the accounts given (default: every account you may see with sub-users). */
  subUserNearLimit: SubUserLimitWarning;
  /** Fires once, when the account's usage in its own period reaches thresholdBytes or thresholdFraction of its bandwidth limit (exactly one), then ends. Already past it: fires at the first poll. */
  usageThresholdCrossed: UsageThresholdCrossing;
};


export type SubscriptionExpiringSoonArgs = {
  accountIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  withinSeconds?: InputMaybe<Scalars['Int']['input']>;
};


export type SubscriptionProxyReplacementChangedArgs = {
  accountId: Scalars['ID']['input'];
  replacementId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionProxyStatusChangedArgs = {
  accountIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};


export type SubscriptionSubUserNearLimitArgs = {
  accountIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  fraction?: InputMaybe<Scalars['Float']['input']>;
};


export type SubscriptionUsageThresholdCrossedArgs = {
  accountId: Scalars['ID']['input'];
  thresholdBytes?: InputMaybe<Scalars['SafeInt']['input']>;
  thresholdFraction?: InputMaybe<Scalars['Float']['input']>;
};

export type UpdateDnsOverrideInput = {
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  hostname?: InputMaybe<Scalars['String']['input']>;
  ip?: InputMaybe<Scalars['String']['input']>;
};

/** Change an IP authorization (WonderProxy authlist entry); absent fields keep their value. */
export type UpdateIpAuthorizationInput = {
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  ip?: InputMaybe<Scalars['String']['input']>;
  /** WonderProxy user name (must be an active proxy user). */
  user?: InputMaybe<Scalars['String']['input']>;
};

export type UpdateServiceInput = {
  automaticCollection?: InputMaybe<Scalars['Boolean']['input']>;
  /** Replaces the whole metadata object (no merge). */
  metadata?: InputMaybe<Scalars['JSONObject']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};

export type UpdateSubUserInput = {
  /** Total bandwidth cap in bytes; 0 = unlimited. */
  bandwidthLimitBytes?: InputMaybe<Scalars['SafeInt']['input']>;
  /** Sub-account contact email (ProxyMesh). */
  email?: InputMaybe<Scalars['String']['input']>;
  /** Sub-account first name (ProxyMesh: at most 20 characters). */
  firstName?: InputMaybe<Scalars['String']['input']>;
  label?: InputMaybe<Scalars['String']['input']>;
  /** Sub-account last name (ProxyMesh: at most 20 characters). */
  lastName?: InputMaybe<Scalars['String']['input']>;
  maxThreads?: InputMaybe<Scalars['Int']['input']>;
  /** Ping: replaces the proxy user's whole metadata object (at most 30 keys, values at most 300 characters, 32 KB). */
  metadata?: InputMaybe<Scalars['JSONObject']['input']>;
  /** Monthly bandwidth cap in bytes (ProxyMesh). */
  monthlyBandwidthLimitBytes?: InputMaybe<Scalars['SafeInt']['input']>;
  /** Where the provider lets you set one (ProxyMesh, Ping). */
  password?: InputMaybe<Scalars['String']['input']>;
  /** Webshare custom proxy list by country. */
  proxyCountries?: InputMaybe<Array<CountryCountInput>>;
  /** Ping: require IP authentication and password together. */
  strictSecurity?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Traffic in bytes and requests, with the period it covers. Check coversRequestedWindow when asking for a window: a provider that cannot report it answers with its own period (period says which). */
export type Usage = {
  __typename?: 'Usage';
  /** The plan's limit for its plan period (lifetime bytes bought for Ping Proxies); null when unlimited or unknown. */
  bandwidthLimitBytes?: Maybe<Scalars['SafeInt']['output']>;
  /** The plan limit minus usage in the plan period, whatever window was asked; null when either is unknown. */
  bandwidthRemainingBytes?: Maybe<Scalars['SafeInt']['output']>;
  /** Bytes used in the period. */
  bandwidthUsedBytes?: Maybe<Scalars['SafeInt']['output']>;
  /** True when the figures cover exactly the from/to window asked; false when a window was asked and they cover another period; null when no window was asked. */
  coversRequestedWindow?: Maybe<Scalars['Boolean']['output']>;
  /** Which period bandwidthUsedBytes and the request counts cover. Null only on totals that add nothing. */
  period?: Maybe<UsagePeriod>;
  /** End of the period; null for LIFETIME. */
  periodEnd?: Maybe<Scalars['DateTime']['output']>;
  /** Start of the period; null for LIFETIME. */
  periodStart?: Maybe<Scalars['DateTime']['output']>;
  requestsFailed?: Maybe<Scalars['SafeInt']['output']>;
  requestsSucceeded?: Maybe<Scalars['SafeInt']['output']>;
  /** Requests in the period: requestsSucceeded + requestsFailed when the provider splits them; otherwise the provider's total, with both parts null. */
  requestsTotal?: Maybe<Scalars['SafeInt']['output']>;
};

/** Usage over time as ProxyGraph kept it: a snapshot every interval, and the provider's hourly series where it has one. */
export type UsageHistory = {
  __typename?: 'UsageHistory';
  /** Webshare's hourly series as ProxyGraph kept it; null where the provider has none. */
  hourly?: Maybe<Array<UsagePoint>>;
  /** Seconds between two snapshots. */
  intervalSeconds: Scalars['Int']['output'];
  /** Days snapshots and hours are kept. */
  retentionDays: Scalars['Int']['output'];
  /** Oldest first. */
  snapshots: Array<UsageSnapshot>;
};

/** Which period usage figures cover. */
export type UsagePeriod =
  /** The provider's current billing period (periodStart/periodEnd), used so far. */
  | 'BILLING_PERIOD'
  /** The account's whole life (Ping Proxies: bandwidth bought never expires); no bounds. */
  | 'LIFETIME'
  /** Exactly the from/to window asked (periodStart/periodEnd). */
  | 'REQUESTED_WINDOW';

/** One hour of an account's traffic. Hours without traffic are left out; hours after now are projected. */
export type UsagePoint = {
  __typename?: 'UsagePoint';
  /** Bytes used in the hour; for a projected hour, the provider's forecast. */
  bandwidthBytes: Scalars['SafeInt']['output'];
  /** Start of the hour. */
  hourStart: Scalars['DateTime']['output'];
  /** True for an hour after now: a forecast, not traffic. */
  projected: Scalars['Boolean']['output'];
  requestsFailed?: Maybe<Scalars['SafeInt']['output']>;
  requestsSucceeded?: Maybe<Scalars['SafeInt']['output']>;
  /** requestsSucceeded + requestsFailed; null for a projected hour. */
  requestsTotal?: Maybe<Scalars['SafeInt']['output']>;
};

/** One snapshot of an account's usage, as the provider reported it when ProxyGraph took it. */
export type UsageSnapshot = {
  __typename?: 'UsageSnapshot';
  /** The plan's limit in bytes; null when unlimited or not reported. */
  bandwidthLimitBytes?: Maybe<Scalars['SafeInt']['output']>;
  /** Limit minus usage in the plan period. */
  bandwidthRemainingBytes?: Maybe<Scalars['SafeInt']['output']>;
  /** Bytes used in the period. */
  bandwidthUsedBytes?: Maybe<Scalars['SafeInt']['output']>;
  /** Which period the figures cover. */
  period?: Maybe<UsagePeriod>;
  periodEnd?: Maybe<Scalars['DateTime']['output']>;
  periodStart?: Maybe<Scalars['DateTime']['output']>;
  /** Requests in the period; null where the provider does not split them. */
  requestsTotal?: Maybe<Scalars['SafeInt']['output']>;
  /** When ProxyGraph read the figures. */
  takenAt: Scalars['DateTime']['output'];
};

/** Usage per account, and totals that add only figures of the same period. */
export type UsageSummary = {
  __typename?: 'UsageSummary';
  accounts: Array<AccountUsage>;
  /** With a window (from): the sum over the accounts whose figures cover exactly that window. Without one: the sum when every reporting account covers the same period, else null figures (see totalsByPeriod). AccountUsage.inTotals says who is added. */
  totals: Usage;
  /** One total per distinct period (kind and bounds) among the accounts that reported. */
  totalsByPeriod: Array<UsageTotal>;
};

/** An account's usage reached the threshold the subscriber gave; the subscription ends with it. */
export type UsageThresholdCrossing = {
  __typename?: 'UsageThresholdCrossing';
  account: Account;
  observedAt: Scalars['DateTime']['output'];
  /** The threshold in bytes (a fraction given is of the bandwidth limit). */
  thresholdBytes: Scalars['SafeInt']['output'];
  /** The usage in the provider's own period, as observed. */
  usage: Usage;
};

/** The sum of the usage of the accounts whose figures cover one period. */
export type UsageTotal = {
  __typename?: 'UsageTotal';
  accounts: Array<Account>;
  /** The sums; a figure is null unless every account here reports it. */
  usage: Usage;
};

/** Why an account's usage is not added into UsageSummary.totals. */
export type UsageTotalsExclusion =
  /** The provider failed; see error. */
  | 'FAILED'
  /** The provider answered without figures. */
  | 'NO_FIGURES'
  /** No window was asked and the accounts' periods differ; see totalsByPeriod. */
  | 'PERIOD_DIFFERS'
  /** The provider cannot report usage. */
  | 'UNSUPPORTED'
  /** A window was asked and this provider cannot report it; its figures cover another period. */
  | 'WINDOW_NOT_COVERED';

/** The caller: the API key or JWT the request was made with, or nobody when authentication is off. */
export type Viewer = {
  __typename?: 'Viewer';
  /** False when authentication is off (auth.mode none): every request has full access. */
  authenticated: Scalars['Boolean']['output'];
  /** The API key's configured name or the JWT subject; null when authentication is off. */
  name?: Maybe<Scalars['String']['output']>;
  /** Scopes the caller has, of `read`, `write` and `credentials`; all three when authentication is off. */
  scopes: Array<Scalars['String']['output']>;
};

export type AccountsQueryVariables = Exact<{
  provider?: InputMaybe<Provider>;
}>;


export type AccountsQuery = { __typename?: 'Query', accounts: Array<{ __typename?: 'Account', id: string, provider: Provider, label?: string | null, capabilities: Array<Capability> }> };

export type AccountOverviewQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
}>;


export type AccountOverviewQuery = { __typename?: 'Query', account?: { __typename?: 'Account', id: string, provider: Provider, profile?: { __typename?: 'AccountProfile', email?: string | null, name?: string | null, createdAt?: string | null } | null, plan?: { __typename?: 'Plan', id?: string | null, name?: string | null, type?: string | null, status?: string | null, proxyCount?: number | null, periodStart?: string | null, periodEnd?: string | null, bandwidthLimitBytes?: number | null, price?: number | null, currency?: string | null, subUsersTotal?: number | null, subUsersUsed?: number | null, replacementsAvailable?: number | null, onDemandRefreshesAvailable?: number | null } | null, usage?: { __typename?: 'Usage', bandwidthUsedBytes?: number | null, bandwidthLimitBytes?: number | null, bandwidthRemainingBytes?: number | null, requestsTotal?: number | null, requestsSucceeded?: number | null, requestsFailed?: number | null, period?: UsagePeriod | null, periodStart?: string | null, periodEnd?: string | null, coversRequestedWindow?: boolean | null } | null } | null };

export type AccountUnsupportedFieldsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type AccountUnsupportedFieldsQuery = { __typename?: 'Query', account?: { __typename?: 'Account', id: string, hostnameAuthorizations?: Array<{ __typename?: 'HostnameAuthorization', id: string }> | null, dnsOverrides?: Array<{ __typename?: 'DnsOverride', id: string }> | null, services?: Array<{ __typename?: 'Service', id: string }> | null } | null };

export type DemoSampleQueryVariables = Exact<{ [key: string]: never; }>;


export type DemoSampleQuery = { __typename?: 'Query', accounts: Array<{ __typename?: 'Account', id: string, provider: Provider, capabilities: Array<Capability>, proxies?: { __typename?: 'ProxyConnection', edges: Array<{ __typename?: 'ProxyEdge', node: { __typename?: 'Proxy', id: string, host: string, country?: string | null, ports: { __typename?: 'ProxyPorts', http?: number | null } } }> } | null }> };

export type UsageFiguresFragment = { __typename?: 'Usage', bandwidthUsedBytes?: number | null, bandwidthLimitBytes?: number | null, bandwidthRemainingBytes?: number | null, requestsTotal?: number | null, requestsSucceeded?: number | null, requestsFailed?: number | null, period?: UsagePeriod | null, periodStart?: string | null, periodEnd?: string | null, coversRequestedWindow?: boolean | null };

export type EstateAccountsQueryVariables = Exact<{ [key: string]: never; }>;


export type EstateAccountsQuery = { __typename?: 'Query', accounts: Array<{ __typename?: 'Account', id: string, provider: Provider, capabilities: Array<Capability> }> };

export type EstateProxiesQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProxyFilter>;
}>;


export type EstateProxiesQuery = { __typename?: 'Query', proxies: { __typename?: 'ProxyConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ProxyEdge', cursor: string, node: { __typename?: 'Proxy', id: string, host: string, country?: string | null, provider: Provider, account: { __typename?: 'Account', id: string } } }> } };

export type EstateAccountProxyCountsQueryVariables = Exact<{ [key: string]: never; }>;


export type EstateAccountProxyCountsQuery = { __typename?: 'Query', accounts: Array<{ __typename?: 'Account', id: string, proxies?: { __typename?: 'ProxyConnection', totalCount?: number | null } | null }> };

export type EstateAuthorizeIpMutationVariables = Exact<{
  input: AuthorizeIpInput;
}>;


export type EstateAuthorizeIpMutation = { __typename?: 'Mutation', authorizeIp: Array<{ __typename?: 'AccountOperationResult', ok: boolean, alreadyDone: boolean, account: { __typename?: 'Account', id: string }, ipAuthorization?: { __typename?: 'IpAuthorization', id: string, ip: string } | null, error?: { __typename?: 'OperationError', code: string } | null }> };

export type EstateRevokeIpMutationVariables = Exact<{
  ip: Scalars['String']['input'];
  accountIds?: InputMaybe<Array<Scalars['ID']['input']> | Scalars['ID']['input']>;
}>;


export type EstateRevokeIpMutation = { __typename?: 'Mutation', revokeIp: Array<{ __typename?: 'AccountOperationResult', ok: boolean, alreadyDone: boolean, removedCount?: number | null, account: { __typename?: 'Account', id: string }, error?: { __typename?: 'OperationError', code: string } | null }> };

export type EstateIpAuthorizationsQueryVariables = Exact<{
  filter?: InputMaybe<IpAuthorizationFilter>;
}>;


export type EstateIpAuthorizationsQuery = { __typename?: 'Query', ipAuthorizations: Array<{ __typename?: 'IpAuthorization', id: string, ip: string, account: { __typename?: 'Account', id: string } }> };

export type EstateUsageQueryVariables = Exact<{
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
}>;


export type EstateUsageQuery = { __typename?: 'Query', usage: { __typename?: 'UsageSummary', totals: { __typename?: 'Usage', bandwidthUsedBytes?: number | null, bandwidthLimitBytes?: number | null, bandwidthRemainingBytes?: number | null, requestsTotal?: number | null, requestsSucceeded?: number | null, requestsFailed?: number | null, period?: UsagePeriod | null, periodStart?: string | null, periodEnd?: string | null, coversRequestedWindow?: boolean | null }, totalsByPeriod: Array<{ __typename?: 'UsageTotal', accounts: Array<{ __typename?: 'Account', id: string }>, usage: { __typename?: 'Usage', bandwidthUsedBytes?: number | null, bandwidthLimitBytes?: number | null, bandwidthRemainingBytes?: number | null, requestsTotal?: number | null, requestsSucceeded?: number | null, requestsFailed?: number | null, period?: UsagePeriod | null, periodStart?: string | null, periodEnd?: string | null, coversRequestedWindow?: boolean | null } }>, accounts: Array<{ __typename?: 'AccountUsage', supported: boolean, inTotals: boolean, notInTotalsBecause?: UsageTotalsExclusion | null, account: { __typename?: 'Account', id: string }, usage?: { __typename?: 'Usage', bandwidthUsedBytes?: number | null, bandwidthLimitBytes?: number | null, bandwidthRemainingBytes?: number | null, requestsTotal?: number | null, requestsSucceeded?: number | null, requestsFailed?: number | null, period?: UsagePeriod | null, periodStart?: string | null, periodEnd?: string | null, coversRequestedWindow?: boolean | null } | null, error?: { __typename?: 'OperationError', code: string } | null }> } };

export type EstateUsedBytesQueryVariables = Exact<{
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
}>;


export type EstateUsedBytesQuery = { __typename?: 'Query', usage: { __typename?: 'UsageSummary', totals: { __typename?: 'Usage', bandwidthUsedBytes?: number | null }, accounts: Array<{ __typename?: 'AccountUsage', account: { __typename?: 'Account', id: string }, usage?: { __typename?: 'Usage', bandwidthUsedBytes?: number | null, coversRequestedWindow?: boolean | null } | null }> } };

export type EstateOverviewQueryVariables = Exact<{ [key: string]: never; }>;


export type EstateOverviewQuery = { __typename?: 'Query', accounts: Array<{ __typename?: 'Account', id: string, profile?: { __typename?: 'AccountProfile', name?: string | null } | null, plan?: { __typename?: 'Plan', name?: string | null } | null, dnsOverrides?: Array<{ __typename?: 'DnsOverride', id: string }> | null }>, ipAuthorizations: Array<{ __typename?: 'IpAuthorization', ip: string, account: { __typename?: 'Account', id: string } }>, proxies: { __typename?: 'ProxyConnection', edges: Array<{ __typename?: 'ProxyEdge', node: { __typename?: 'Proxy', account: { __typename?: 'Account', id: string } } }> } };

export type IpAuthorizationFieldsFragment = { __typename?: 'IpAuthorization', id: string, ip: string, user?: string | null, expiresAt?: string | null, createdAt?: string | null, lastUsedAt?: string | null, account: { __typename?: 'Account', id: string } };

export type AccountIpAuthorizationsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type AccountIpAuthorizationsQuery = { __typename?: 'Query', account?: { __typename?: 'Account', ipAuthorizations?: Array<{ __typename?: 'IpAuthorization', id: string, ip: string, user?: string | null, expiresAt?: string | null, createdAt?: string | null, lastUsedAt?: string | null, account: { __typename?: 'Account', id: string } }> | null } | null };

export type IpAuthorizationsQueryVariables = Exact<{
  filter?: InputMaybe<IpAuthorizationFilter>;
}>;


export type IpAuthorizationsQuery = { __typename?: 'Query', ipAuthorizations: Array<{ __typename?: 'IpAuthorization', id: string, ip: string, user?: string | null, expiresAt?: string | null, createdAt?: string | null, lastUsedAt?: string | null, account: { __typename?: 'Account', id: string } }> };

export type AuthorizeIpMutationVariables = Exact<{
  input: AuthorizeIpInput;
}>;


export type AuthorizeIpMutation = { __typename?: 'Mutation', authorizeIp: Array<{ __typename?: 'AccountOperationResult', ok: boolean, alreadyDone: boolean, notApplied: Array<string>, account: { __typename?: 'Account', id: string }, ipAuthorization?: { __typename?: 'IpAuthorization', id: string, ip: string, user?: string | null, expiresAt?: string | null, createdAt?: string | null, lastUsedAt?: string | null, account: { __typename?: 'Account', id: string } } | null, error?: { __typename?: 'OperationError', code: string, message: string, retryAfterSeconds?: number | null } | null }> };

export type RevokeIpAuthorizationMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RevokeIpAuthorizationMutation = { __typename?: 'Mutation', revokeIpAuthorization: { __typename?: 'DeletedPayload', id?: string | null, deleted: boolean } };

export type RevokeIpMutationVariables = Exact<{
  ip: Scalars['String']['input'];
  accountIds?: InputMaybe<Array<Scalars['ID']['input']> | Scalars['ID']['input']>;
}>;


export type RevokeIpMutation = { __typename?: 'Mutation', revokeIp: Array<{ __typename?: 'AccountOperationResult', ok: boolean, alreadyDone: boolean, removedCount?: number | null, account: { __typename?: 'Account', id: string }, error?: { __typename?: 'OperationError', code: string } | null }> };

export type CreateDnsOverrideMutationVariables = Exact<{
  input: CreateDnsOverrideInput;
}>;


export type CreateDnsOverrideMutation = { __typename?: 'Mutation', createDnsOverride: { __typename?: 'DnsOverride', id: string } };

export type PingAccessRuleFieldsFragment = { __typename?: 'SubUserAccessRule', id: string, target: AccessRuleTarget, subUserId: string, serviceId?: string | null, proxyId?: string | null, createdAt?: string | null };

export type PingAccessRulesQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type PingAccessRulesQuery = { __typename?: 'Query', subUser?: { __typename?: 'SubUser', id: string, accessType?: string | null, accessRules?: { __typename?: 'SubUserAccessRuleConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'SubUserAccessRuleEdge', node: { __typename?: 'SubUserAccessRule', id: string, target: AccessRuleTarget, subUserId: string, serviceId?: string | null, proxyId?: string | null, createdAt?: string | null } }> } | null } | null };

export type PingAccessRuleQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PingAccessRuleQuery = { __typename?: 'Query', subUserAccessRule?: { __typename?: 'SubUserAccessRule', id: string, target: AccessRuleTarget, subUserId: string, serviceId?: string | null, proxyId?: string | null, createdAt?: string | null, subUser?: { __typename?: 'SubUser', username: string } | null, service?: { __typename?: 'Service', id: string, name?: string | null } | null, proxy?: { __typename?: 'Proxy', id: string, host: string } | null } | null };

export type PingCreateAccessRuleMutationVariables = Exact<{
  input: CreateSubUserAccessRuleInput;
}>;


export type PingCreateAccessRuleMutation = { __typename?: 'Mutation', createSubUserAccessRule: { __typename?: 'SubUserAccessRule', id: string, target: AccessRuleTarget, subUserId: string, serviceId?: string | null, proxyId?: string | null, createdAt?: string | null } };

export type PingDeleteAccessRuleMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PingDeleteAccessRuleMutation = { __typename?: 'Mutation', deleteSubUserAccessRule: { __typename?: 'DeletedPayload', id?: string | null, deleted: boolean } };

export type PingSetAccessTypeMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  accessType: SubUserAccessType;
  clearAccessRules?: InputMaybe<Scalars['Boolean']['input']>;
}>;


export type PingSetAccessTypeMutation = { __typename?: 'Mutation', setSubUserAccessType: { __typename?: 'SubUser', id: string, username: string, accessType?: string | null } };

export type PingServiceAdjustmentsQueryVariables = Exact<{
  accountId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type PingServiceAdjustmentsQuery = { __typename?: 'Query', account?: { __typename?: 'Account', services?: Array<{ __typename?: 'Service', id: string, adjustments?: { __typename?: 'ServiceAdjustmentConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ServiceAdjustmentEdge', node: { __typename?: 'ServiceAdjustment', id: string, type: string, status: string, byAdministrator?: boolean | null, automatic?: boolean | null, byCustomer?: boolean | null, before?: Record<string, unknown> | null, after?: Record<string, unknown> | null, evaluation?: Record<string, unknown> | null, invoiceId?: string | null, createdAt?: string | null, updatedAt?: string | null } }> } | null }> | null } | null };

export type PingCreditBalanceQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PingCreditBalanceQuery = { __typename?: 'Query', account?: { __typename?: 'Account', profile?: { __typename?: 'AccountProfile', email?: string | null, creditBalanceCents?: number | null, creditBalanceCurrency?: string | null } | null } | null };

export type PingListOptionsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  proxyIds?: InputMaybe<Array<Scalars['ID']['input']> | Scalars['ID']['input']>;
  filter?: InputMaybe<ProxyListSearchFilter>;
}>;


export type PingListOptionsQuery = { __typename?: 'Query', account?: { __typename?: 'Account', proxyUserListOptions?: Array<{ __typename?: 'ProxyUserListOption', subUserId: string, username: string, hasAccess: boolean, isDefault: boolean }> | null } | null };

export type PingFormattedProxyListQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  filter?: InputMaybe<ProxyListSearchFilter>;
  format?: InputMaybe<GeneratedProxyListFormat>;
  authentication?: InputMaybe<ProxyListAuthentication>;
  protocol?: InputMaybe<ProxyProtocol>;
  subUserId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type PingFormattedProxyListQuery = { __typename?: 'Query', account?: { __typename?: 'Account', formattedProxyList?: Array<string> | null } | null };

export type PingResidentialListQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  input?: InputMaybe<ResidentialProxyListInput>;
}>;


export type PingResidentialListQuery = { __typename?: 'Query', account?: { __typename?: 'Account', residentialProxyList?: Array<string> | null } | null };

export type PingServiceAdjustmentQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PingServiceAdjustmentQuery = { __typename?: 'Query', serviceAdjustment?: { __typename?: 'ServiceAdjustment', id: string, type: string, status: string, invoiceId?: string | null } | null };

export type PingSubUserFieldsFragment = { __typename?: 'SubUser', id: string, username: string, label?: string | null, active: boolean, password?: string | null, bandwidthLimitBytes?: number | null, bandwidthUsedBytes?: number | null, accessType?: string | null, strictSecurity?: boolean | null, metadata?: Record<string, unknown> | null, createdAt?: string | null, ipAuthorizations: Array<{ __typename?: 'IpAuthorization', id: string, ip: string }> };

export type PingProxyFieldsFragment = { __typename?: 'Proxy', id: string, host: string, exitIp?: string | null, username?: string | null, country?: string | null, city?: string | null, asn?: number | null, asnName?: string | null, type?: ProxyType | null, status: ProxyStatus, providerStatus?: string | null, ports: { __typename?: 'ProxyPorts', http?: number | null, socks5?: number | null } };

export type PingAccountsQueryVariables = Exact<{ [key: string]: never; }>;


export type PingAccountsQuery = { __typename?: 'Query', accounts: Array<{ __typename?: 'Account', id: string, provider: Provider, capabilities: Array<Capability> }> };

export type PingAccountOverviewQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PingAccountOverviewQuery = { __typename?: 'Query', account?: { __typename?: 'Account', id: string, profile?: { __typename?: 'AccountProfile', email?: string | null, name?: string | null, createdAt?: string | null } | null, plan?: { __typename?: 'Plan', id?: string | null, name?: string | null, type?: string | null, status?: string | null, proxyCount?: number | null, periodStart?: string | null, periodEnd?: string | null, bandwidthLimitBytes?: number | null, price?: number | null, currency?: string | null, subUsersTotal?: number | null } | null, usage?: { __typename?: 'Usage', bandwidthUsedBytes?: number | null, bandwidthLimitBytes?: number | null, bandwidthRemainingBytes?: number | null, requestsTotal?: number | null, requestsSucceeded?: number | null, requestsFailed?: number | null, period?: UsagePeriod | null, periodStart?: string | null, periodEnd?: string | null, coversRequestedWindow?: boolean | null } | null } | null };

export type PingServicesQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PingServicesQuery = { __typename?: 'Query', account?: { __typename?: 'Account', id: string, services?: Array<{ __typename?: 'Service', id: string, name?: string | null, type?: string | null, status?: string | null, cycle?: string | null, quantity?: number | null, expiresAt?: string | null, total?: number | null, currency?: string | null, metadata?: Record<string, unknown> | null }> | null } | null };

export type PingServiceProxiesQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type PingServiceProxiesQuery = { __typename?: 'Query', account?: { __typename?: 'Account', id: string, services?: Array<{ __typename?: 'Service', id: string, proxies: { __typename?: 'ProxyConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ProxyEdge', node: { __typename?: 'Proxy', id: string, exitIp?: string | null } }> } }> | null } | null };

export type PingUpdateServiceMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: UpdateServiceInput;
}>;


export type PingUpdateServiceMutation = { __typename?: 'Mutation', updateService: { __typename?: 'Service', id: string, status?: string | null, metadata?: Record<string, unknown> | null } };

export type PingCancelServiceMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: CancelServiceInput;
}>;


export type PingCancelServiceMutation = { __typename?: 'Mutation', cancelService: { __typename?: 'Service', id: string, status?: string | null } };

export type PingProxiesQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProxyFilter>;
}>;


export type PingProxiesQuery = { __typename?: 'Query', account?: { __typename?: 'Account', id: string, proxies?: { __typename?: 'ProxyConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, hasPreviousPage: boolean, startCursor?: string | null, endCursor?: string | null }, edges: Array<{ __typename?: 'ProxyEdge', cursor: string, node: { __typename?: 'Proxy', id: string, host: string, exitIp?: string | null, username?: string | null, country?: string | null, city?: string | null, asn?: number | null, asnName?: string | null, type?: ProxyType | null, status: ProxyStatus, providerStatus?: string | null, ports: { __typename?: 'ProxyPorts', http?: number | null, socks5?: number | null } } }> } | null } | null };

export type PingProxyUrlsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type PingProxyUrlsQuery = { __typename?: 'Query', account?: { __typename?: 'Account', id: string, proxies?: { __typename?: 'ProxyConnection', edges: Array<{ __typename?: 'ProxyEdge', node: { __typename?: 'Proxy', id: string, exitIp?: string | null, url?: string | null, socks?: string | null } }> } | null } | null };

export type PingProxyQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PingProxyQuery = { __typename?: 'Query', proxy?: { __typename?: 'Proxy', id: string, host: string, exitIp?: string | null, username?: string | null, country?: string | null, city?: string | null, asn?: number | null, asnName?: string | null, type?: ProxyType | null, status: ProxyStatus, providerStatus?: string | null, ports: { __typename?: 'ProxyPorts', http?: number | null, socks5?: number | null } } | null };

export type PingSubUsersQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type PingSubUsersQuery = { __typename?: 'Query', account?: { __typename?: 'Account', id: string, subUsers?: { __typename?: 'SubUserConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'SubUserEdge', node: { __typename?: 'SubUser', id: string, username: string, label?: string | null, active: boolean, password?: string | null, bandwidthLimitBytes?: number | null, bandwidthUsedBytes?: number | null, accessType?: string | null, strictSecurity?: boolean | null, metadata?: Record<string, unknown> | null, createdAt?: string | null, ipAuthorizations: Array<{ __typename?: 'IpAuthorization', id: string, ip: string }> } }> } | null } | null };

export type PingSubUserQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PingSubUserQuery = { __typename?: 'Query', subUser?: { __typename?: 'SubUser', id: string, username: string, label?: string | null, active: boolean, password?: string | null, bandwidthLimitBytes?: number | null, bandwidthUsedBytes?: number | null, accessType?: string | null, strictSecurity?: boolean | null, metadata?: Record<string, unknown> | null, createdAt?: string | null, ipAuthorizations: Array<{ __typename?: 'IpAuthorization', id: string, ip: string }> } | null };

export type PingCreateSubUserMutationVariables = Exact<{
  input: CreateSubUserInput;
}>;


export type PingCreateSubUserMutation = { __typename?: 'Mutation', createSubUser: { __typename?: 'SubUser', id: string, username: string, label?: string | null, active: boolean, password?: string | null, bandwidthLimitBytes?: number | null, bandwidthUsedBytes?: number | null, accessType?: string | null, strictSecurity?: boolean | null, metadata?: Record<string, unknown> | null, createdAt?: string | null, ipAuthorizations: Array<{ __typename?: 'IpAuthorization', id: string, ip: string }> } };

export type PingUpdateSubUserMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: UpdateSubUserInput;
}>;


export type PingUpdateSubUserMutation = { __typename?: 'Mutation', updateSubUser: { __typename?: 'SubUser', id: string, username: string, label?: string | null, active: boolean, password?: string | null, bandwidthLimitBytes?: number | null, bandwidthUsedBytes?: number | null, accessType?: string | null, strictSecurity?: boolean | null, metadata?: Record<string, unknown> | null, createdAt?: string | null, ipAuthorizations: Array<{ __typename?: 'IpAuthorization', id: string, ip: string }> } };

export type PingDeleteSubUserMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PingDeleteSubUserMutation = { __typename?: 'Mutation', deleteSubUser: { __typename?: 'DeletedPayload', id?: string | null, deleted: boolean, count?: number | null } };

export type PingIpAuthorizationsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PingIpAuthorizationsQuery = { __typename?: 'Query', account?: { __typename?: 'Account', id: string, ipAuthorizations?: Array<{ __typename?: 'IpAuthorization', id: string, ip: string, subUser?: { __typename?: 'SubUser', id: string, username: string } | null }> | null } | null };

export type PingAuthorizeIpMutationVariables = Exact<{
  input: AuthorizeIpInput;
}>;


export type PingAuthorizeIpMutation = { __typename?: 'Mutation', authorizeIp: Array<{ __typename?: 'AccountOperationResult', ok: boolean, alreadyDone: boolean, account: { __typename?: 'Account', id: string }, ipAuthorization?: { __typename?: 'IpAuthorization', id: string, ip: string, subUser?: { __typename?: 'SubUser', id: string, username: string } | null } | null, error?: { __typename?: 'OperationError', code: string, message: string, upstreamRequestId?: string | null } | null }> };

export type PingRevokeIpAuthorizationMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PingRevokeIpAuthorizationMutation = { __typename?: 'Mutation', revokeIpAuthorization: { __typename?: 'DeletedPayload', id?: string | null, deleted: boolean } };

export type PingRevokeIpMutationVariables = Exact<{
  ip: Scalars['String']['input'];
  accountIds?: InputMaybe<Array<Scalars['ID']['input']> | Scalars['ID']['input']>;
}>;


export type PingRevokeIpMutation = { __typename?: 'Mutation', revokeIp: Array<{ __typename?: 'AccountOperationResult', ok: boolean, alreadyDone: boolean, removedCount?: number | null, error?: { __typename?: 'OperationError', code: string } | null }> };

export type ProxyMeshProxySecretsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type ProxyMeshProxySecretsQuery = { __typename?: 'Query', account?: { __typename?: 'Account', proxies?: { __typename?: 'ProxyConnection', edges: Array<{ __typename?: 'ProxyEdge', node: { __typename?: 'Proxy', id: string, host: string, username?: string | null, password?: string | null, url?: string | null } }> } | null } | null };

export type ProxyMeshProxyUrlsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type ProxyMeshProxyUrlsQuery = { __typename?: 'Query', account?: { __typename?: 'Account', proxies?: { __typename?: 'ProxyConnection', edges: Array<{ __typename?: 'ProxyEdge', node: { __typename?: 'Proxy', id: string, host: string, username?: string | null, url?: string | null } }> } | null } | null };

export type ProxyMeshServerIpsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ProxyMeshServerIpsQuery = { __typename?: 'Query', account?: { __typename?: 'Account', servers?: Array<{ __typename?: 'ProxyServer', hostname: string, ipCount?: number | null, ips?: Array<{ __typename?: 'ServerIp', address: string }> | null }> | null } | null };

export type WonderProxyNetworkServerIpsQueryVariables = Exact<{ [key: string]: never; }>;


export type WonderProxyNetworkServerIpsQuery = { __typename?: 'Query', networkServers: Array<{ __typename?: 'ProxyServer', hostname: string, ipCount?: number | null, ips?: Array<{ __typename?: 'ServerIp', address: string, port?: number | null }> | null }> };

export type WonderProxyNetworkServerCountsQueryVariables = Exact<{ [key: string]: never; }>;


export type WonderProxyNetworkServerCountsQuery = { __typename?: 'Query', networkServers: Array<{ __typename?: 'ProxyServer', hostname: string, ipCount?: number | null }> };

export type WonderProxyContractServerCountsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type WonderProxyContractServerCountsQuery = { __typename?: 'Query', account?: { __typename?: 'Account', servers?: Array<{ __typename?: 'ProxyServer', name?: string | null, hostname: string, ipCount?: number | null, ips?: Array<{ __typename?: 'ServerIp', address: string }> | null }> | null } | null };

export type WonderProxyAuthlistUsersQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type WonderProxyAuthlistUsersQuery = { __typename?: 'Query', account?: { __typename?: 'Account', ipAuthorizationUsers?: Array<{ __typename?: 'IpAuthorizationUser', username: string, active: boolean }> | null, ipAuthorizations?: Array<{ __typename?: 'IpAuthorization', id: string, user?: string | null, userActive?: boolean | null }> | null } | null };

export type WonderProxyAuthlistUsersOnlyQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type WonderProxyAuthlistUsersOnlyQuery = { __typename?: 'Query', account?: { __typename?: 'Account', ipAuthorizationUsers?: Array<{ __typename?: 'IpAuthorizationUser', username: string, active: boolean }> | null } | null };

export type DemoProviderUsersQueryVariables = Exact<{ [key: string]: never; }>;


export type DemoProviderUsersQuery = { __typename?: 'Query', proxymesh?: { __typename?: 'Account', subUsers?: { __typename?: 'SubUserConnection', totalCount?: number | null, edges: Array<{ __typename?: 'SubUserEdge', node: { __typename?: 'SubUser', username: string, active: boolean } }> } | null } | null, wonderproxy?: { __typename?: 'Account', ipAuthorizationUsers?: Array<{ __typename?: 'IpAuthorizationUser', username: string, active: boolean }> | null } | null };

export type AccountProxiesQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProxyFilter>;
}>;


export type AccountProxiesQuery = { __typename?: 'Query', account?: { __typename?: 'Account', id: string, proxies?: { __typename?: 'ProxyConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, hasPreviousPage: boolean, startCursor?: string | null, endCursor?: string | null }, edges: Array<{ __typename?: 'ProxyEdge', cursor: string, node: { __typename?: 'Proxy', id: string, host: string, exitIp?: string | null, username?: string | null, country?: string | null, city?: string | null, asn?: number | null, asnName?: string | null, type?: ProxyType | null, status: ProxyStatus, providerStatus?: string | null, lastCheckedAt?: string | null, createdAt?: string | null, ports: { __typename?: 'ProxyPorts', http?: number | null, socks5?: number | null } } }> } | null } | null };

export type ProxiesWithPlanQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type ProxiesWithPlanQuery = { __typename?: 'Query', proxies: { __typename?: 'ProxyConnection', edges: Array<{ __typename?: 'ProxyEdge', node: { __typename?: 'Proxy', id: string, account: { __typename?: 'Account', id: string, plan?: { __typename?: 'Plan', name?: string | null, proxyCount?: number | null, bandwidthLimitBytes?: number | null } | null } } }> } };

export type AllProxiesQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProxyFilter>;
}>;


export type AllProxiesQuery = { __typename?: 'Query', proxies: { __typename?: 'ProxyConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ProxyEdge', cursor: string, node: { __typename?: 'Proxy', id: string, provider: Provider, country?: string | null, status: ProxyStatus } }> } };

export type ProxyByIdQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ProxyByIdQuery = { __typename?: 'Query', proxy?: { __typename?: 'Proxy', id: string, host: string, country?: string | null, status: ProxyStatus, username?: string | null, account: { __typename?: 'Account', id: string } } | null };

export type ProxySecretsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ProxySecretsQuery = { __typename?: 'Query', proxy?: { __typename?: 'Proxy', id: string, password?: string | null, url?: string | null, socks?: string | null } | null };

export type RefreshProxyListMutationVariables = Exact<{
  accountId: Scalars['ID']['input'];
}>;


export type RefreshProxyListMutation = { __typename?: 'Mutation', refreshProxyList: { __typename?: 'Account', id: string, plan?: { __typename?: 'Plan', onDemandRefreshesAvailable?: number | null } | null } };

export type UpdateProxyCredentialsMutationVariables = Exact<{
  accountId: Scalars['ID']['input'];
  input: ProxyCredentialsInput;
}>;


export type UpdateProxyCredentialsMutation = { __typename?: 'Mutation', updateProxyCredentials: { __typename?: 'Account', id: string, proxyCredentials?: { __typename?: 'ProxyCredentials', username?: string | null, password?: string | null, requestTimeoutSeconds?: number | null, requestIdleTimeoutSeconds?: number | null } | null } };

export type ProxyListPageQueryVariables = Exact<{
  format: ProxyListFormat;
  protocol?: InputMaybe<ProxyProtocol>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProxyFilter>;
}>;


export type ProxyListPageQuery = { __typename?: 'Query', proxyList: { __typename?: 'ProxyListText', text: string, lineCount: number, skippedCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type AccountProxyListPageQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  format: ProxyListFormat;
  protocol?: InputMaybe<ProxyProtocol>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type AccountProxyListPageQuery = { __typename?: 'Query', account?: { __typename?: 'Account', proxyList?: { __typename?: 'ProxyListText', text: string, lineCount: number, skippedCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } | null } | null };

export type ProxyListReferenceQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProxyFilter>;
}>;


export type ProxyListReferenceQuery = { __typename?: 'Query', proxies: { __typename?: 'ProxyConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ProxyEdge', node: { __typename?: 'Proxy', id: string, host: string, username?: string | null, password?: string | null, country?: string | null, city?: string | null, provider: Provider, ports: { __typename?: 'ProxyPorts', http?: number | null, socks5?: number | null }, account: { __typename?: 'Account', id: string } } }> } };

export type ProxyMeshSubUserFieldsFragment = { __typename?: 'SubUser', id: string, username: string, label?: string | null, active: boolean, firstName?: string | null, lastName?: string | null, email?: string | null, bandwidthLimitBytes?: number | null, monthlyBandwidthLimitBytes?: number | null, bandwidthUsedBytes?: number | null, monthlyBandwidthUsedBytes?: number | null, account: { __typename?: 'Account', id: string } };

export type ProxyMeshAccountQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ProxyMeshAccountQuery = { __typename?: 'Query', account?: { __typename?: 'Account', id: string, provider: Provider, capabilities: Array<Capability>, profile?: { __typename?: 'AccountProfile', name?: string | null, email?: string | null } | null, servers?: Array<{ __typename?: 'ProxyServer', hostname: string, title?: string | null, port?: number | null, services: Array<string>, location?: { __typename?: 'Location', country?: string | null } | null }> | null } | null };

export type ProxyMeshProxiesQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProxyFilter>;
}>;


export type ProxyMeshProxiesQuery = { __typename?: 'Query', account?: { __typename?: 'Account', proxies?: { __typename?: 'ProxyConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ProxyEdge', node: { __typename?: 'Proxy', id: string, host: string, country?: string | null, type?: ProxyType | null, status: ProxyStatus, username?: string | null, url?: string | null, ports: { __typename?: 'ProxyPorts', http?: number | null } } }> } | null } | null };

export type ProxyMeshProxyByIdQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ProxyMeshProxyByIdQuery = { __typename?: 'Query', proxy?: { __typename?: 'Proxy', id: string, host: string, country?: string | null } | null };

export type ProxyMeshSubUsersQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ProxyMeshSubUsersQuery = { __typename?: 'Query', account?: { __typename?: 'Account', subUsers?: { __typename?: 'SubUserConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'SubUserEdge', node: { __typename?: 'SubUser', id: string, username: string, label?: string | null, active: boolean, firstName?: string | null, lastName?: string | null, email?: string | null, bandwidthLimitBytes?: number | null, monthlyBandwidthLimitBytes?: number | null, bandwidthUsedBytes?: number | null, monthlyBandwidthUsedBytes?: number | null, account: { __typename?: 'Account', id: string } } }> } | null } | null };

export type ProxyMeshSubUserQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ProxyMeshSubUserQuery = { __typename?: 'Query', subUser?: { __typename?: 'SubUser', id: string, username: string, label?: string | null, active: boolean, firstName?: string | null, lastName?: string | null, email?: string | null, bandwidthLimitBytes?: number | null, monthlyBandwidthLimitBytes?: number | null, bandwidthUsedBytes?: number | null, monthlyBandwidthUsedBytes?: number | null, ipAuthorizations: Array<{ __typename?: 'IpAuthorization', id: string, ip: string }>, account: { __typename?: 'Account', id: string } } | null };

export type ProxyMeshCreateSubUserMutationVariables = Exact<{
  input: CreateSubUserInput;
}>;


export type ProxyMeshCreateSubUserMutation = { __typename?: 'Mutation', createSubUser: { __typename?: 'SubUser', id: string, username: string, label?: string | null, active: boolean, firstName?: string | null, lastName?: string | null, email?: string | null, bandwidthLimitBytes?: number | null, monthlyBandwidthLimitBytes?: number | null, bandwidthUsedBytes?: number | null, monthlyBandwidthUsedBytes?: number | null, account: { __typename?: 'Account', id: string } } };

export type ProxyMeshUpdateSubUserMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: UpdateSubUserInput;
}>;


export type ProxyMeshUpdateSubUserMutation = { __typename?: 'Mutation', updateSubUser: { __typename?: 'SubUser', id: string, username: string, label?: string | null, active: boolean, firstName?: string | null, lastName?: string | null, email?: string | null, bandwidthLimitBytes?: number | null, monthlyBandwidthLimitBytes?: number | null, bandwidthUsedBytes?: number | null, monthlyBandwidthUsedBytes?: number | null, account: { __typename?: 'Account', id: string } } };

export type ProxyMeshSetSubUserActiveMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  active: Scalars['Boolean']['input'];
}>;


export type ProxyMeshSetSubUserActiveMutation = { __typename?: 'Mutation', setSubUserActive: { __typename?: 'SubUser', id: string, username: string, active: boolean } };

export type ProxyMeshDeleteSubUserMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ProxyMeshDeleteSubUserMutation = { __typename?: 'Mutation', deleteSubUser: { __typename?: 'DeletedPayload', id?: string | null, deleted: boolean } };

export type ProxyMeshImportSubUserMutationVariables = Exact<{
  accountId: Scalars['ID']['input'];
  username: Scalars['String']['input'];
}>;


export type ProxyMeshImportSubUserMutation = { __typename?: 'Mutation', importSubUser: { __typename?: 'SubUser', id: string, username: string, label?: string | null, active: boolean, firstName?: string | null, lastName?: string | null, email?: string | null, bandwidthLimitBytes?: number | null, monthlyBandwidthLimitBytes?: number | null, bandwidthUsedBytes?: number | null, monthlyBandwidthUsedBytes?: number | null, account: { __typename?: 'Account', id: string } } };

export type ProxyMeshIpAuthorizationsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ProxyMeshIpAuthorizationsQuery = { __typename?: 'Query', account?: { __typename?: 'Account', ipAuthorizations?: Array<{ __typename?: 'IpAuthorization', id: string, ip: string, subUser?: { __typename?: 'SubUser', username: string } | null }> | null } | null };

export type ProxyMeshHostnamesQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ProxyMeshHostnamesQuery = { __typename?: 'Query', account?: { __typename?: 'Account', hostnameAuthorizations?: Array<{ __typename?: 'HostnameAuthorization', id: string, hostname: string, subUser?: { __typename?: 'SubUser', username: string } | null }> | null } | null };

export type ProxyMeshAddHostnameMutationVariables = Exact<{
  accountId: Scalars['ID']['input'];
  hostname: Scalars['String']['input'];
  subUserId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type ProxyMeshAddHostnameMutation = { __typename?: 'Mutation', addHostnameAuthorization: { __typename?: 'HostnameAuthorization', id: string, hostname: string, subUser?: { __typename?: 'SubUser', username: string } | null } };

export type ProxyMeshRemoveHostnameMutationVariables = Exact<{
  accountId: Scalars['ID']['input'];
  hostname: Scalars['String']['input'];
  subUserId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type ProxyMeshRemoveHostnameMutation = { __typename?: 'Mutation', removeHostnameAuthorization: { __typename?: 'DeletedPayload', deleted: boolean } };

export type ProxyMeshAuthorizeProxyServerMutationVariables = Exact<{
  accountId: Scalars['ID']['input'];
  host: Scalars['String']['input'];
}>;


export type ProxyMeshAuthorizeProxyServerMutation = { __typename?: 'Mutation', authorizeProxyServer: { __typename?: 'ProxyServer', hostname: string, port?: number | null, location?: { __typename?: 'Location', country?: string | null } | null } };

export type ProxyMeshDeauthorizeProxyServerMutationVariables = Exact<{
  accountId: Scalars['ID']['input'];
  host: Scalars['String']['input'];
}>;


export type ProxyMeshDeauthorizeProxyServerMutation = { __typename?: 'Mutation', deauthorizeProxyServer: { __typename?: 'DeletedPayload', deleted: boolean } };

export type ProxyMeshCountryPoolsQueryVariables = Exact<{
  accountId: Scalars['ID']['input'];
}>;


export type ProxyMeshCountryPoolsQuery = { __typename?: 'Query', countryPools: Array<{ __typename?: 'CountryPool', pool: string, country: string, count: number }> };

export type ProxyMeshResetCredentialsMutationVariables = Exact<{
  accountId: Scalars['ID']['input'];
}>;


export type ProxyMeshResetCredentialsMutation = { __typename?: 'Mutation', resetProviderCredentials: { __typename?: 'Account', id: string } };

export type ReplacementFieldsFragment = { __typename?: 'ProxyReplacement', id: string, state: ProxyReplacementState, dryRun: boolean, proxiesRemoved?: number | null, proxiesAdded?: number | null, error?: string | null, errorCode?: string | null, createdAt?: string | null, dryRunCompletedAt?: string | null, completedAt?: string | null, toReplace: { __typename?: 'ProxySelector', type: ProxySelectorType, ipAddresses?: Array<string> | null, ipRanges?: Array<string> | null, countryCode?: string | null, count?: number | null }, replaceWith: Array<{ __typename?: 'ProxySelector', type: ProxySelectorType, countryCode?: string | null, count?: number | null }>, account: { __typename?: 'Account', id: string } };

export type ReplaceProxiesMutationVariables = Exact<{
  input: ReplaceProxiesInput;
}>;


export type ReplaceProxiesMutation = { __typename?: 'Mutation', replaceProxies: { __typename?: 'ProxyReplacement', id: string, state: ProxyReplacementState, dryRun: boolean, proxiesRemoved?: number | null, proxiesAdded?: number | null, error?: string | null, errorCode?: string | null, createdAt?: string | null, dryRunCompletedAt?: string | null, completedAt?: string | null, toReplace: { __typename?: 'ProxySelector', type: ProxySelectorType, ipAddresses?: Array<string> | null, ipRanges?: Array<string> | null, countryCode?: string | null, count?: number | null }, replaceWith: Array<{ __typename?: 'ProxySelector', type: ProxySelectorType, countryCode?: string | null, count?: number | null }>, account: { __typename?: 'Account', id: string } } };

export type ProxyReplacementQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ProxyReplacementQuery = { __typename?: 'Query', proxyReplacement?: { __typename?: 'ProxyReplacement', id: string, state: ProxyReplacementState, dryRun: boolean, proxiesRemoved?: number | null, proxiesAdded?: number | null, error?: string | null, errorCode?: string | null, createdAt?: string | null, dryRunCompletedAt?: string | null, completedAt?: string | null, toReplace: { __typename?: 'ProxySelector', type: ProxySelectorType, ipAddresses?: Array<string> | null, ipRanges?: Array<string> | null, countryCode?: string | null, count?: number | null }, replaceWith: Array<{ __typename?: 'ProxySelector', type: ProxySelectorType, countryCode?: string | null, count?: number | null }>, account: { __typename?: 'Account', id: string } } | null };

export type AccountReplacementsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type AccountReplacementsQuery = { __typename?: 'Query', account?: { __typename?: 'Account', proxyReplacements?: { __typename?: 'ProxyReplacementConnection', totalCount?: number | null, edges: Array<{ __typename?: 'ProxyReplacementEdge', node: { __typename?: 'ProxyReplacement', id: string, state: ProxyReplacementState, dryRun: boolean } }> } | null } | null };

export type SubUserFieldsFragment = { __typename?: 'SubUser', id: string, username: string, label?: string | null, active: boolean, bandwidthLimitBytes?: number | null, monthlyBandwidthLimitBytes?: number | null, bandwidthUsedBytes?: number | null, maxThreads?: number | null, createdAt?: string | null, proxyCountries?: Array<{ __typename?: 'CountryCount', country: string, count: number }> | null, account: { __typename?: 'Account', id: string } };

export type AccountSubUsersQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type AccountSubUsersQuery = { __typename?: 'Query', account?: { __typename?: 'Account', subUsers?: { __typename?: 'SubUserConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'SubUserEdge', node: { __typename?: 'SubUser', id: string, username: string, label?: string | null, active: boolean, bandwidthLimitBytes?: number | null, monthlyBandwidthLimitBytes?: number | null, bandwidthUsedBytes?: number | null, maxThreads?: number | null, createdAt?: string | null, proxyCountries?: Array<{ __typename?: 'CountryCount', country: string, count: number }> | null, account: { __typename?: 'Account', id: string } } }> } | null } | null };

export type SubUserByIdQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type SubUserByIdQuery = { __typename?: 'Query', subUser?: { __typename?: 'SubUser', id: string, username: string, label?: string | null, active: boolean, bandwidthLimitBytes?: number | null, monthlyBandwidthLimitBytes?: number | null, bandwidthUsedBytes?: number | null, maxThreads?: number | null, createdAt?: string | null, proxyCountries?: Array<{ __typename?: 'CountryCount', country: string, count: number }> | null, account: { __typename?: 'Account', id: string } } | null };

export type SubUserCredentialsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type SubUserCredentialsQuery = { __typename?: 'Query', subUser?: { __typename?: 'SubUser', id: string, proxyUsername?: string | null, password?: string | null } | null };

export type CreateSubUserMutationVariables = Exact<{
  input: CreateSubUserInput;
}>;


export type CreateSubUserMutation = { __typename?: 'Mutation', createSubUser: { __typename?: 'SubUser', id: string, username: string, label?: string | null, active: boolean, bandwidthLimitBytes?: number | null, monthlyBandwidthLimitBytes?: number | null, bandwidthUsedBytes?: number | null, maxThreads?: number | null, createdAt?: string | null, proxyCountries?: Array<{ __typename?: 'CountryCount', country: string, count: number }> | null, account: { __typename?: 'Account', id: string } } };

export type UpdateSubUserMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: UpdateSubUserInput;
}>;


export type UpdateSubUserMutation = { __typename?: 'Mutation', updateSubUser: { __typename?: 'SubUser', id: string, username: string, label?: string | null, active: boolean, bandwidthLimitBytes?: number | null, monthlyBandwidthLimitBytes?: number | null, bandwidthUsedBytes?: number | null, maxThreads?: number | null, createdAt?: string | null, proxyCountries?: Array<{ __typename?: 'CountryCount', country: string, count: number }> | null, account: { __typename?: 'Account', id: string } } };

export type DeleteSubUserMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteSubUserMutation = { __typename?: 'Mutation', deleteSubUser: { __typename?: 'DeletedPayload', id?: string | null, deleted: boolean } };

export type RefreshSubUserProxiesMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RefreshSubUserProxiesMutation = { __typename?: 'Mutation', refreshSubUserProxies: { __typename?: 'SubUser', id: string, username: string, label?: string | null, active: boolean, bandwidthLimitBytes?: number | null, monthlyBandwidthLimitBytes?: number | null, bandwidthUsedBytes?: number | null, maxThreads?: number | null, createdAt?: string | null, proxyCountries?: Array<{ __typename?: 'CountryCount', country: string, count: number }> | null, account: { __typename?: 'Account', id: string } } };

export type SetSubUserActiveMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  active: Scalars['Boolean']['input'];
}>;


export type SetSubUserActiveMutation = { __typename?: 'Mutation', setSubUserActive: { __typename?: 'SubUser', id: string, active: boolean } };

export type UsageHistoryQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
}>;


export type UsageHistoryQuery = { __typename?: 'Query', account?: { __typename?: 'Account', id: string, usageHistory?: { __typename?: 'UsageHistory', intervalSeconds: number, retentionDays: number, snapshots: Array<{ __typename?: 'UsageSnapshot', takenAt: string, bandwidthUsedBytes?: number | null, bandwidthLimitBytes?: number | null, bandwidthRemainingBytes?: number | null, requestsTotal?: number | null, period?: UsagePeriod | null, periodStart?: string | null, periodEnd?: string | null }>, hourly?: Array<{ __typename?: 'UsagePoint', hourStart: string, bandwidthBytes: number, requestsTotal?: number | null, requestsSucceeded?: number | null, requestsFailed?: number | null, projected: boolean }> | null } | null } | null };

export type UsageHistoryOfAccountsQueryVariables = Exact<{ [key: string]: never; }>;


export type UsageHistoryOfAccountsQuery = { __typename?: 'Query', accounts: Array<{ __typename?: 'Account', id: string, usageHistory?: { __typename?: 'UsageHistory', snapshots: Array<{ __typename?: 'UsageSnapshot', takenAt: string }> } | null }> };

export type WebshareProxyGatewayQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  targeting?: InputMaybe<GatewayUsernameInput>;
}>;


export type WebshareProxyGatewayQuery = { __typename?: 'Query', account?: { __typename?: 'Account', id: string, proxyGateway?: { __typename?: 'ProxyGateway', host: string, ports: Array<number>, listMode: ProxyListMode, username: string, cityTargeting: boolean, usernameTemplate: string, usernameFor: string, portRange?: { __typename?: 'PortRange', from: number, to: number } | null } | null } | null };

export type WebshareGatewayUsernameQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  targeting?: InputMaybe<GatewayUsernameInput>;
}>;


export type WebshareGatewayUsernameQuery = { __typename?: 'Query', account?: { __typename?: 'Account', proxyGateway?: { __typename?: 'ProxyGateway', usernameFor: string } | null } | null };

export type WebshareProxyListStatusQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type WebshareProxyListStatusQuery = { __typename?: 'Query', account?: { __typename?: 'Account', proxyListStatus?: { __typename?: 'ProxyListStatus', state: ProxyListState, unallocatedCount: number, proxiesUsed: boolean, username?: string | null, countries: Array<{ __typename?: 'CountryCount', country: string, count: number }>, unallocatedCountries: Array<{ __typename?: 'CountryCount', country: string, count: number }> } | null } | null };

export type WebshareProxyListPasswordQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type WebshareProxyListPasswordQuery = { __typename?: 'Query', account?: { __typename?: 'Account', proxyListStatus?: { __typename?: 'ProxyListStatus', password?: string | null } | null } | null };

export type WebshareProxyListStatsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type WebshareProxyListStatsQuery = { __typename?: 'Query', account?: { __typename?: 'Account', proxyListStats?: { __typename?: 'ProxyListStats', availableCountries: Array<{ __typename?: 'CountryCount', country: string, count: number }>, ipRanges: Array<{ __typename?: 'IpRangeCount', cidr: string, prefixLength: number, count: number }>, availableIpRanges: Array<{ __typename?: 'IpRangeCount', cidr: string, prefixLength: number, count: number }>, asns: Array<{ __typename?: 'AsnCount', asn: number, name?: string | null, count: number }>, availableAsns: Array<{ __typename?: 'AsnCount', asn: number, name?: string | null, count: number }> } | null } | null };

export type ProxySettingsFieldsFragment = { __typename?: 'ProxySettings', requestTimeoutSeconds?: number | null, requestIdleTimeoutSeconds?: number | null, ipAuthorizationCountries?: Array<string> | null, ipAuthorizationCity?: string | null, ipAuthorizationState?: string | null, ipAuthorizationPostalCode?: string | null, ipAuthorizationAsn?: string | null, autoReplaceInvalidProxies?: boolean | null, autoReplaceLowCountryConfidenceProxies?: boolean | null, autoReplaceOutOfRotationProxies?: boolean | null, autoReplaceFailedSiteCheckProxies?: boolean | null };

export type WebshareProxySettingsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type WebshareProxySettingsQuery = { __typename?: 'Query', account?: { __typename?: 'Account', proxySettings?: { __typename?: 'ProxySettings', requestTimeoutSeconds?: number | null, requestIdleTimeoutSeconds?: number | null, ipAuthorizationCountries?: Array<string> | null, ipAuthorizationCity?: string | null, ipAuthorizationState?: string | null, ipAuthorizationPostalCode?: string | null, ipAuthorizationAsn?: string | null, autoReplaceInvalidProxies?: boolean | null, autoReplaceLowCountryConfidenceProxies?: boolean | null, autoReplaceOutOfRotationProxies?: boolean | null, autoReplaceFailedSiteCheckProxies?: boolean | null } | null } | null };

export type UpdateWebshareProxySettingsMutationVariables = Exact<{
  accountId: Scalars['ID']['input'];
  input: ProxySettingsInput;
}>;


export type UpdateWebshareProxySettingsMutation = { __typename?: 'Mutation', updateProxySettings: { __typename?: 'Account', id: string, proxySettings?: { __typename?: 'ProxySettings', requestTimeoutSeconds?: number | null, requestIdleTimeoutSeconds?: number | null, ipAuthorizationCountries?: Array<string> | null, ipAuthorizationCity?: string | null, ipAuthorizationState?: string | null, ipAuthorizationPostalCode?: string | null, ipAuthorizationAsn?: string | null, autoReplaceInvalidProxies?: boolean | null, autoReplaceLowCountryConfidenceProxies?: boolean | null, autoReplaceOutOfRotationProxies?: boolean | null, autoReplaceFailedSiteCheckProxies?: boolean | null } | null } };

export type AllocateUnallocatedCountriesMutationVariables = Exact<{
  accountId: Scalars['ID']['input'];
  countries: Array<CountryCountInput> | CountryCountInput;
}>;


export type AllocateUnallocatedCountriesMutation = { __typename?: 'Mutation', allocateUnallocatedCountries: { __typename?: 'Account', id: string, proxyListStatus?: { __typename?: 'ProxyListStatus', state: ProxyListState, unallocatedCount: number, countries: Array<{ __typename?: 'CountryCount', country: string, count: number }> } | null } };

export type WebshareResidentialProxiesQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProxyFilter>;
}>;


export type WebshareResidentialProxiesQuery = { __typename?: 'Query', account?: { __typename?: 'Account', proxies?: { __typename?: 'ProxyConnection', totalCount?: number | null, edges: Array<{ __typename?: 'ProxyEdge', node: { __typename?: 'Proxy', id: string, host: string, exitIp?: string | null, username?: string | null, country?: string | null, type?: ProxyType | null, ports: { __typename?: 'ProxyPorts', http?: number | null } } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } | null } | null };

export type WebshareProxyNodeQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type WebshareProxyNodeQuery = { __typename?: 'Query', proxy?: { __typename?: 'Proxy', id: string, host: string, username?: string | null, country?: string | null } | null };

export type UsageSeriesQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  from: Scalars['DateTime']['input'];
  to?: InputMaybe<Scalars['DateTime']['input']>;
}>;


export type UsageSeriesQuery = { __typename?: 'Query', account?: { __typename?: 'Account', id: string, usageSeries?: Array<{ __typename?: 'UsagePoint', hourStart: string, bandwidthBytes: number, requestsTotal?: number | null, requestsSucceeded?: number | null, requestsFailed?: number | null, projected: boolean }> | null } | null };

export type ProxyActivityFieldsFragment = { __typename?: 'ProxyActivity', at: string, protocol?: string | null, transferredBytes: number, requestDurationMs?: number | null, handshakeDurationMs?: number | null, tunnelDurationMs?: number | null, errorReason?: string | null, errorHowToFix?: string | null, authUsername?: string | null, proxyAddress?: string | null, proxyPort?: number | null, clientIp?: string | null, targetHostname?: string | null, targetDomain?: string | null, targetIp?: string | null, targetPort?: number | null };

export type ProxyActivityQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProxyActivityFilter>;
}>;


export type ProxyActivityQuery = { __typename?: 'Query', account?: { __typename?: 'Account', id: string, proxyActivity?: { __typename?: 'ProxyActivityConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, hasPreviousPage: boolean, startCursor?: string | null, endCursor?: string | null }, edges: Array<{ __typename?: 'ProxyActivityEdge', cursor: string, node: { __typename?: 'ProxyActivity', at: string, protocol?: string | null, transferredBytes: number, requestDurationMs?: number | null, handshakeDurationMs?: number | null, tunnelDurationMs?: number | null, errorReason?: string | null, errorHowToFix?: string | null, authUsername?: string | null, proxyAddress?: string | null, proxyPort?: number | null, clientIp?: string | null, targetHostname?: string | null, targetDomain?: string | null, targetIp?: string | null, targetPort?: number | null } }> } | null } | null };

export type ReplacedProxyFieldsFragment = { __typename?: 'ReplacedProxy', nativeId: string, reason?: string | null, address?: string | null, port?: number | null, country?: string | null, replacedWithAddress?: string | null, replacedWithPort?: number | null, replacedWithCountry?: string | null, replacedAt?: string | null };

export type AccountReplacedProxiesQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type AccountReplacedProxiesQuery = { __typename?: 'Query', account?: { __typename?: 'Account', id: string, replacedProxies?: { __typename?: 'ReplacedProxyConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ReplacedProxyEdge', node: { __typename?: 'ReplacedProxy', nativeId: string, reason?: string | null, address?: string | null, port?: number | null, country?: string | null, replacedWithAddress?: string | null, replacedWithPort?: number | null, replacedWithCountry?: string | null, replacedAt?: string | null } }> } | null } | null };

export type ReplacementReplacedProxiesQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type ReplacementReplacedProxiesQuery = { __typename?: 'Query', proxyReplacement?: { __typename?: 'ProxyReplacement', id: string, state: ProxyReplacementState, proxiesRemoved?: number | null, replacedProxies?: { __typename?: 'ReplacedProxyConnection', totalCount?: number | null, edges: Array<{ __typename?: 'ReplacedProxyEdge', node: { __typename?: 'ReplacedProxy', nativeId: string, reason?: string | null, address?: string | null, port?: number | null, country?: string | null, replacedWithAddress?: string | null, replacedWithPort?: number | null, replacedWithCountry?: string | null, replacedAt?: string | null } }> } | null } | null };

export type DownloadTokenExpiryQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  scope: DownloadTokenScope;
}>;


export type DownloadTokenExpiryQuery = { __typename?: 'Query', account?: { __typename?: 'Account', id: string, downloadToken?: { __typename?: 'DownloadToken', scope: DownloadTokenScope, expiresAt?: string | null } | null } | null };

export type DownloadTokenKeyQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  scope: DownloadTokenScope;
}>;


export type DownloadTokenKeyQuery = { __typename?: 'Query', account?: { __typename?: 'Account', id: string, downloadToken?: { __typename?: 'DownloadToken', scope: DownloadTokenScope, key: string, expiresAt?: string | null } | null } | null };

export type ResetDownloadTokenMutationVariables = Exact<{
  accountId: Scalars['ID']['input'];
  scope: DownloadTokenScope;
}>;


export type ResetDownloadTokenMutation = { __typename?: 'Mutation', resetDownloadToken: { __typename?: 'DownloadToken', scope: DownloadTokenScope, key: string, expiresAt?: string | null } };

export type ResetDownloadTokenExpiryMutationVariables = Exact<{
  accountId: Scalars['ID']['input'];
  scope: DownloadTokenScope;
}>;


export type ResetDownloadTokenExpiryMutation = { __typename?: 'Mutation', resetDownloadToken: { __typename?: 'DownloadToken', scope: DownloadTokenScope, expiresAt?: string | null } };

export type WonderProxyAccountQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type WonderProxyAccountQuery = { __typename?: 'Query', account?: { __typename?: 'Account', id: string, provider: Provider, capabilities: Array<Capability>, profile?: { __typename?: 'AccountProfile', name?: string | null, email?: string | null, createdAt?: string | null } | null, plan?: { __typename?: 'Plan', name?: string | null, type?: string | null, status?: string | null, periodStart?: string | null, periodEnd?: string | null, bandwidthLimitBytes?: number | null, expiresAt?: string | null } | null, usage?: { __typename?: 'Usage', bandwidthUsedBytes?: number | null, bandwidthLimitBytes?: number | null, bandwidthRemainingBytes?: number | null, requestsTotal?: number | null, period?: UsagePeriod | null, periodStart?: string | null, periodEnd?: string | null, coversRequestedWindow?: boolean | null } | null } | null };

export type WonderProxyUsageWindowQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  from?: InputMaybe<Scalars['DateTime']['input']>;
}>;


export type WonderProxyUsageWindowQuery = { __typename?: 'Query', account?: { __typename?: 'Account', usage?: { __typename?: 'Usage', bandwidthUsedBytes?: number | null, period?: UsagePeriod | null, periodStart?: string | null, periodEnd?: string | null, coversRequestedWindow?: boolean | null } | null } | null };

export type WonderProxyProxyBasicsFragment = { __typename?: 'Proxy', id: string, host: string, exitIp?: string | null, status: ProxyStatus, providerStatus?: string | null, lastCheckedAt?: string | null, title?: string | null, customDnsPort?: number | null, type?: ProxyType | null, provider: Provider, ports: { __typename?: 'ProxyPorts', http?: number | null, socks5?: number | null } };

export type WonderProxyProxiesQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProxyFilter>;
}>;


export type WonderProxyProxiesQuery = { __typename?: 'Query', account?: { __typename?: 'Account', proxies?: { __typename?: 'ProxyConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ProxyEdge', node: { __typename?: 'Proxy', id: string, host: string, exitIp?: string | null, status: ProxyStatus, providerStatus?: string | null, lastCheckedAt?: string | null, title?: string | null, customDnsPort?: number | null, type?: ProxyType | null, provider: Provider, ports: { __typename?: 'ProxyPorts', http?: number | null, socks5?: number | null } } }> } | null } | null };

export type WonderProxyProxiesLocatedQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type WonderProxyProxiesLocatedQuery = { __typename?: 'Query', account?: { __typename?: 'Account', proxies?: { __typename?: 'ProxyConnection', edges: Array<{ __typename?: 'ProxyEdge', node: { __typename?: 'Proxy', country?: string | null, city?: string | null, id: string, host: string, exitIp?: string | null, status: ProxyStatus, providerStatus?: string | null, lastCheckedAt?: string | null, title?: string | null, customDnsPort?: number | null, type?: ProxyType | null, provider: Provider, geoStatus?: Array<{ __typename?: 'GeoIpStatus', source: string, status: ProxyStatus, providerStatus: string, checkedAt?: string | null }> | null, ports: { __typename?: 'ProxyPorts', http?: number | null, socks5?: number | null } } }> } | null } | null };

export type WonderProxyProxyTrioQueryVariables = Exact<{
  a: Scalars['ID']['input'];
  b: Scalars['ID']['input'];
  c: Scalars['ID']['input'];
}>;


export type WonderProxyProxyTrioQuery = { __typename?: 'Query', a?: { __typename?: 'Proxy', id: string, exitIp?: string | null, host: string, country?: string | null } | null, b?: { __typename?: 'Proxy', id: string, exitIp?: string | null, host: string, country?: string | null } | null, c?: { __typename?: 'Proxy', id: string, exitIp?: string | null, host: string, country?: string | null } | null };

export type WonderProxyProxyQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type WonderProxyProxyQuery = { __typename?: 'Query', proxy?: { __typename?: 'Proxy', id: string, host: string, exitIp?: string | null, status: ProxyStatus, providerStatus?: string | null, lastCheckedAt?: string | null, title?: string | null, customDnsPort?: number | null, type?: ProxyType | null, provider: Provider, ports: { __typename?: 'ProxyPorts', http?: number | null, socks5?: number | null } } | null };

export type WonderProxyServersQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type WonderProxyServersQuery = { __typename?: 'Query', account?: { __typename?: 'Account', servers?: Array<{ __typename?: 'ProxyServer', name?: string | null, hostname: string, title?: string | null, services: Array<string>, port?: number | null, ips?: Array<{ __typename?: 'ServerIp', address: string, status?: ProxyStatus | null, providerStatus?: string | null, portBase?: number | null, port?: number | null, customDnsPort?: number | null, checkedAt?: string | null }> | null }> | null } | null };

export type WonderProxyServersDetailedQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type WonderProxyServersDetailedQuery = { __typename?: 'Query', account?: { __typename?: 'Account', servers?: Array<{ __typename?: 'ProxyServer', name?: string | null, location?: { __typename?: 'Location', city?: string | null, country?: string | null, latitude?: number | null, longitude?: number | null } | null, usage?: { __typename?: 'ServerUsage', limitBytes?: number | null, currentBytes?: number | null, last30DaysBytes?: number | null } | null, ips?: Array<{ __typename?: 'ServerIp', address: string, geoStatus?: Array<{ __typename?: 'GeoIpStatus', source: string, status: ProxyStatus, providerStatus: string, checkedAt?: string | null }> | null }> | null }> | null } | null };

export type WonderProxyServerUsageQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type WonderProxyServerUsageQuery = { __typename?: 'Query', account?: { __typename?: 'Account', servers?: Array<{ __typename?: 'ProxyServer', name?: string | null, usage?: { __typename?: 'ServerUsage', currentBytes?: number | null } | null }> | null } | null };

export type WonderProxyNetworkServersQueryVariables = Exact<{ [key: string]: never; }>;


export type WonderProxyNetworkServersQuery = { __typename?: 'Query', networkServers: Array<{ __typename?: 'ProxyServer', name?: string | null, hostname: string, title?: string | null, services: Array<string>, ips?: Array<{ __typename?: 'ServerIp', address: string }> | null }> };

export type WonderProxyNetworkServersLocatedQueryVariables = Exact<{ [key: string]: never; }>;


export type WonderProxyNetworkServersLocatedQuery = { __typename?: 'Query', networkServers: Array<{ __typename?: 'ProxyServer', hostname: string, location?: { __typename?: 'Location', city?: string | null, country?: string | null, latitude?: number | null, longitude?: number | null } | null }> };

export type WonderProxyIpAuthorizationsByUsersQueryVariables = Exact<{
  first?: InputMaybe<Array<Scalars['String']['input']> | Scalars['String']['input']>;
  second?: InputMaybe<Array<Scalars['String']['input']> | Scalars['String']['input']>;
}>;


export type WonderProxyIpAuthorizationsByUsersQuery = { __typename?: 'Query', first: Array<{ __typename?: 'IpAuthorization', id: string, ip: string, user?: string | null }>, second: Array<{ __typename?: 'IpAuthorization', id: string, ip: string, user?: string | null }> };

export type WonderProxyUpdateIpAuthorizationMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: UpdateIpAuthorizationInput;
}>;


export type WonderProxyUpdateIpAuthorizationMutation = { __typename?: 'Mutation', updateIpAuthorization: { __typename?: 'IpAuthorization', id: string, ip: string, user?: string | null, expiresAt?: string | null } };

export type WonderProxyClearIpAuthorizationsMutationVariables = Exact<{
  accountId: Scalars['ID']['input'];
}>;


export type WonderProxyClearIpAuthorizationsMutation = { __typename?: 'Mutation', clearIpAuthorizations: { __typename?: 'DeletedPayload', id?: string | null, deleted: boolean, count?: number | null } };

export type WonderProxyDnsOverrideFieldsFragment = { __typename?: 'DnsOverride', id: string, server: string, hostname: string, ip: string, expiresAt: string, status: DnsOverrideStatus, account: { __typename?: 'Account', id: string } };

export type WonderProxyDnsOverridesQueryVariables = Exact<{
  filter?: InputMaybe<DnsOverrideFilter>;
}>;


export type WonderProxyDnsOverridesQuery = { __typename?: 'Query', dnsOverrides: Array<{ __typename?: 'DnsOverride', id: string, server: string, hostname: string, ip: string, expiresAt: string, status: DnsOverrideStatus, account: { __typename?: 'Account', id: string } }> };

export type WonderProxyAccountDnsOverridesQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  filter?: InputMaybe<DnsOverrideFilter>;
}>;


export type WonderProxyAccountDnsOverridesQuery = { __typename?: 'Query', account?: { __typename?: 'Account', dnsOverrides?: Array<{ __typename?: 'DnsOverride', id: string, server: string, hostname: string, ip: string, expiresAt: string, status: DnsOverrideStatus, account: { __typename?: 'Account', id: string } }> | null } | null };

export type WonderProxyDnsOverridesWithServersQueryVariables = Exact<{ [key: string]: never; }>;


export type WonderProxyDnsOverridesWithServersQuery = { __typename?: 'Query', dnsOverrides: Array<{ __typename?: 'DnsOverride', id: string, server: string, proxyServer?: { __typename?: 'ProxyServer', name?: string | null, hostname: string, ips?: Array<{ __typename?: 'ServerIp', address: string, port?: number | null, customDnsPort?: number | null }> | null } | null }> };

export type WonderProxyCreateDnsOverrideMutationVariables = Exact<{
  input: CreateDnsOverrideInput;
}>;


export type WonderProxyCreateDnsOverrideMutation = { __typename?: 'Mutation', createDnsOverride: { __typename?: 'DnsOverride', id: string, server: string, hostname: string, ip: string, expiresAt: string, status: DnsOverrideStatus, account: { __typename?: 'Account', id: string } } };

export type WonderProxyUpdateDnsOverrideMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: UpdateDnsOverrideInput;
}>;


export type WonderProxyUpdateDnsOverrideMutation = { __typename?: 'Mutation', updateDnsOverride: { __typename?: 'DnsOverride', id: string, server: string, hostname: string, ip: string, expiresAt: string, status: DnsOverrideStatus, account: { __typename?: 'Account', id: string } } };

export type WonderProxyDeleteDnsOverrideMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type WonderProxyDeleteDnsOverrideMutation = { __typename?: 'Mutation', deleteDnsOverride: { __typename?: 'DeletedPayload', id?: string | null, deleted: boolean, count?: number | null } };

export type WonderProxyClearDnsOverridesMutationVariables = Exact<{
  accountId: Scalars['ID']['input'];
}>;


export type WonderProxyClearDnsOverridesMutation = { __typename?: 'Mutation', clearDnsOverrides: { __typename?: 'DeletedPayload', id?: string | null, deleted: boolean, count?: number | null } };

export const UsageFiguresFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UsageFigures"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Usage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthRemainingBytes"}},{"kind":"Field","name":{"kind":"Name","value":"requestsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"requestsSucceeded"}},{"kind":"Field","name":{"kind":"Name","value":"requestsFailed"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"coversRequestedWindow"}}]}}]} as unknown as DocumentNode<UsageFiguresFragment, unknown>;
export const IpAuthorizationFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"IpAuthorizationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IpAuthorization"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}},{"kind":"Field","name":{"kind":"Name","value":"user"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<IpAuthorizationFieldsFragment, unknown>;
export const PingAccessRuleFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PingAccessRuleFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubUserAccessRule"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"subUserId"}},{"kind":"Field","name":{"kind":"Name","value":"serviceId"}},{"kind":"Field","name":{"kind":"Name","value":"proxyId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<PingAccessRuleFieldsFragment, unknown>;
export const PingSubUserFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PingSubUserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubUser"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"password"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"accessType"}},{"kind":"Field","name":{"kind":"Name","value":"strictSecurity"}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}}]}}]}}]} as unknown as DocumentNode<PingSubUserFieldsFragment, unknown>;
export const PingProxyFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PingProxyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Proxy"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"exitIp"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"asn"}},{"kind":"Field","name":{"kind":"Name","value":"asnName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"ports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"http"}},{"kind":"Field","name":{"kind":"Name","value":"socks5"}}]}}]}}]} as unknown as DocumentNode<PingProxyFieldsFragment, unknown>;
export const ProxyMeshSubUserFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProxyMeshSubUserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubUser"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyBandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyBandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ProxyMeshSubUserFieldsFragment, unknown>;
export const ReplacementFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReplacementFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyReplacement"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"toReplace"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"ipAddresses"}},{"kind":"Field","name":{"kind":"Name","value":"ipRanges"}},{"kind":"Field","name":{"kind":"Name","value":"countryCode"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"replaceWith"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"countryCode"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"proxiesRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"proxiesAdded"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"dryRunCompletedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ReplacementFieldsFragment, unknown>;
export const SubUserFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SubUserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubUser"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyBandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"maxThreads"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"proxyCountries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<SubUserFieldsFragment, unknown>;
export const ProxySettingsFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProxySettingsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProxySettings"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestTimeoutSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"requestIdleTimeoutSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizationCountries"}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizationCity"}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizationState"}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizationPostalCode"}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizationAsn"}},{"kind":"Field","name":{"kind":"Name","value":"autoReplaceInvalidProxies"}},{"kind":"Field","name":{"kind":"Name","value":"autoReplaceLowCountryConfidenceProxies"}},{"kind":"Field","name":{"kind":"Name","value":"autoReplaceOutOfRotationProxies"}},{"kind":"Field","name":{"kind":"Name","value":"autoReplaceFailedSiteCheckProxies"}}]}}]} as unknown as DocumentNode<ProxySettingsFieldsFragment, unknown>;
export const ProxyActivityFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProxyActivityFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"protocol"}},{"kind":"Field","name":{"kind":"Name","value":"transferredBytes"}},{"kind":"Field","name":{"kind":"Name","value":"requestDurationMs"}},{"kind":"Field","name":{"kind":"Name","value":"handshakeDurationMs"}},{"kind":"Field","name":{"kind":"Name","value":"tunnelDurationMs"}},{"kind":"Field","name":{"kind":"Name","value":"errorReason"}},{"kind":"Field","name":{"kind":"Name","value":"errorHowToFix"}},{"kind":"Field","name":{"kind":"Name","value":"authUsername"}},{"kind":"Field","name":{"kind":"Name","value":"proxyAddress"}},{"kind":"Field","name":{"kind":"Name","value":"proxyPort"}},{"kind":"Field","name":{"kind":"Name","value":"clientIp"}},{"kind":"Field","name":{"kind":"Name","value":"targetHostname"}},{"kind":"Field","name":{"kind":"Name","value":"targetDomain"}},{"kind":"Field","name":{"kind":"Name","value":"targetIp"}},{"kind":"Field","name":{"kind":"Name","value":"targetPort"}}]}}]} as unknown as DocumentNode<ProxyActivityFieldsFragment, unknown>;
export const ReplacedProxyFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReplacedProxyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReplacedProxy"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"port"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"replacedWithAddress"}},{"kind":"Field","name":{"kind":"Name","value":"replacedWithPort"}},{"kind":"Field","name":{"kind":"Name","value":"replacedWithCountry"}},{"kind":"Field","name":{"kind":"Name","value":"replacedAt"}}]}}]} as unknown as DocumentNode<ReplacedProxyFieldsFragment, unknown>;
export const WonderProxyProxyBasicsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WonderProxyProxyBasics"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Proxy"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"exitIp"}},{"kind":"Field","name":{"kind":"Name","value":"ports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"http"}},{"kind":"Field","name":{"kind":"Name","value":"socks5"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"lastCheckedAt"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"customDnsPort"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}}]}}]} as unknown as DocumentNode<WonderProxyProxyBasicsFragment, unknown>;
export const WonderProxyDnsOverrideFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WonderProxyDnsOverrideFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DnsOverride"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"server"}},{"kind":"Field","name":{"kind":"Name","value":"hostname"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<WonderProxyDnsOverrideFieldsFragment, unknown>;
export const AccountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Accounts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"provider"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Provider"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"provider"},"value":{"kind":"Variable","name":{"kind":"Name","value":"provider"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}}]}}]}}]} as unknown as DocumentNode<AccountsQuery, AccountsQueryVariables>;
export const AccountOverviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccountOverview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"profile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"proxyCount"}},{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"subUsersTotal"}},{"kind":"Field","name":{"kind":"Name","value":"subUsersUsed"}},{"kind":"Field","name":{"kind":"Name","value":"replacementsAvailable"}},{"kind":"Field","name":{"kind":"Name","value":"onDemandRefreshesAvailable"}}]}},{"kind":"Field","name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UsageFigures"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UsageFigures"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Usage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthRemainingBytes"}},{"kind":"Field","name":{"kind":"Name","value":"requestsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"requestsSucceeded"}},{"kind":"Field","name":{"kind":"Name","value":"requestsFailed"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"coversRequestedWindow"}}]}}]} as unknown as DocumentNode<AccountOverviewQuery, AccountOverviewQueryVariables>;
export const AccountUnsupportedFieldsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccountUnsupportedFields"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"hostnameAuthorizations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dnsOverrides"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"services"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<AccountUnsupportedFieldsQuery, AccountUnsupportedFieldsQueryVariables>;
export const DemoSampleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DemoSample"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}},{"kind":"Field","name":{"kind":"Name","value":"proxies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"ports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"http"}}]}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<DemoSampleQuery, DemoSampleQueryVariables>;
export const EstateAccountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EstateAccounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}}]}}]}}]} as unknown as DocumentNode<EstateAccountsQuery, EstateAccountsQueryVariables>;
export const EstateProxiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EstateProxies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<EstateProxiesQuery, EstateProxiesQueryVariables>;
export const EstateAccountProxyCountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EstateAccountProxyCounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"proxies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]}}]} as unknown as DocumentNode<EstateAccountProxyCountsQuery, EstateAccountProxyCountsQueryVariables>;
export const EstateAuthorizeIpDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EstateAuthorizeIp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AuthorizeIpInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"authorizeIp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyDone"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<EstateAuthorizeIpMutation, EstateAuthorizeIpMutationVariables>;
export const EstateRevokeIpDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EstateRevokeIp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ip"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountIds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeIp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ip"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ip"}}},{"kind":"Argument","name":{"kind":"Name","value":"accountIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyDone"}},{"kind":"Field","name":{"kind":"Name","value":"removedCount"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<EstateRevokeIpMutation, EstateRevokeIpMutationVariables>;
export const EstateIpAuthorizationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EstateIpAuthorizations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"IpAuthorizationFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<EstateIpAuthorizationsQuery, EstateIpAuthorizationsQueryVariables>;
export const EstateUsageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EstateUsage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UsageFigures"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totalsByPeriod"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"usage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UsageFigures"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supported"}},{"kind":"Field","name":{"kind":"Name","value":"inTotals"}},{"kind":"Field","name":{"kind":"Name","value":"notInTotalsBecause"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"usage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UsageFigures"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UsageFigures"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Usage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthRemainingBytes"}},{"kind":"Field","name":{"kind":"Name","value":"requestsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"requestsSucceeded"}},{"kind":"Field","name":{"kind":"Name","value":"requestsFailed"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"coversRequestedWindow"}}]}}]} as unknown as DocumentNode<EstateUsageQuery, EstateUsageQueryVariables>;
export const EstateUsedBytesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EstateUsedBytes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}}]}},{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"usage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"coversRequestedWindow"}}]}}]}}]}}]}}]} as unknown as DocumentNode<EstateUsedBytesQuery, EstateUsedBytesQueryVariables>;
export const EstateOverviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EstateOverview"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"profile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dnsOverrides"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ip"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"proxies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<EstateOverviewQuery, EstateOverviewQueryVariables>;
export const AccountIpAuthorizationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccountIpAuthorizations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"IpAuthorizationFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"IpAuthorizationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IpAuthorization"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}},{"kind":"Field","name":{"kind":"Name","value":"user"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<AccountIpAuthorizationsQuery, AccountIpAuthorizationsQueryVariables>;
export const IpAuthorizationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"IpAuthorizations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"IpAuthorizationFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"IpAuthorizationFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"IpAuthorizationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IpAuthorization"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}},{"kind":"Field","name":{"kind":"Name","value":"user"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<IpAuthorizationsQuery, IpAuthorizationsQueryVariables>;
export const AuthorizeIpDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AuthorizeIp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AuthorizeIpInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"authorizeIp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyDone"}},{"kind":"Field","name":{"kind":"Name","value":"notApplied"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"IpAuthorizationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"IpAuthorizationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IpAuthorization"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}},{"kind":"Field","name":{"kind":"Name","value":"user"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<AuthorizeIpMutation, AuthorizeIpMutationVariables>;
export const RevokeIpAuthorizationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeIpAuthorization"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeIpAuthorization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}}]}}]}}]} as unknown as DocumentNode<RevokeIpAuthorizationMutation, RevokeIpAuthorizationMutationVariables>;
export const RevokeIpDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeIp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ip"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountIds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeIp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ip"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ip"}}},{"kind":"Argument","name":{"kind":"Name","value":"accountIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyDone"}},{"kind":"Field","name":{"kind":"Name","value":"removedCount"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RevokeIpMutation, RevokeIpMutationVariables>;
export const CreateDnsOverrideDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateDnsOverride"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateDnsOverrideInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createDnsOverride"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<CreateDnsOverrideMutation, CreateDnsOverrideMutationVariables>;
export const PingAccessRulesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PingAccessRules"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"accessType"}},{"kind":"Field","name":{"kind":"Name","value":"accessRules"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PingAccessRuleFields"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PingAccessRuleFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubUserAccessRule"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"subUserId"}},{"kind":"Field","name":{"kind":"Name","value":"serviceId"}},{"kind":"Field","name":{"kind":"Name","value":"proxyId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<PingAccessRulesQuery, PingAccessRulesQueryVariables>;
export const PingAccessRuleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PingAccessRule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subUserAccessRule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PingAccessRuleFields"}},{"kind":"Field","name":{"kind":"Name","value":"subUser"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}}]}},{"kind":"Field","name":{"kind":"Name","value":"service"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"proxy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PingAccessRuleFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubUserAccessRule"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"subUserId"}},{"kind":"Field","name":{"kind":"Name","value":"serviceId"}},{"kind":"Field","name":{"kind":"Name","value":"proxyId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<PingAccessRuleQuery, PingAccessRuleQueryVariables>;
export const PingCreateAccessRuleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PingCreateAccessRule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateSubUserAccessRuleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createSubUserAccessRule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PingAccessRuleFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PingAccessRuleFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubUserAccessRule"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"subUserId"}},{"kind":"Field","name":{"kind":"Name","value":"serviceId"}},{"kind":"Field","name":{"kind":"Name","value":"proxyId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<PingCreateAccessRuleMutation, PingCreateAccessRuleMutationVariables>;
export const PingDeleteAccessRuleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PingDeleteAccessRule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteSubUserAccessRule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}}]}}]}}]} as unknown as DocumentNode<PingDeleteAccessRuleMutation, PingDeleteAccessRuleMutationVariables>;
export const PingSetAccessTypeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PingSetAccessType"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accessType"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SubUserAccessType"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"clearAccessRules"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setSubUserAccessType"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"accessType"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accessType"}}},{"kind":"Argument","name":{"kind":"Name","value":"clearAccessRules"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clearAccessRules"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"accessType"}}]}}]}}]} as unknown as DocumentNode<PingSetAccessTypeMutation, PingSetAccessTypeMutationVariables>;
export const PingServiceAdjustmentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PingServiceAdjustments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"services"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"adjustments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"byAdministrator"}},{"kind":"Field","name":{"kind":"Name","value":"automatic"}},{"kind":"Field","name":{"kind":"Name","value":"byCustomer"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}},{"kind":"Field","name":{"kind":"Name","value":"evaluation"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PingServiceAdjustmentsQuery, PingServiceAdjustmentsQueryVariables>;
export const PingCreditBalanceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PingCreditBalance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"profile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"creditBalanceCents"}},{"kind":"Field","name":{"kind":"Name","value":"creditBalanceCurrency"}}]}}]}}]}}]} as unknown as DocumentNode<PingCreditBalanceQuery, PingCreditBalanceQueryVariables>;
export const PingListOptionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PingListOptions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"proxyIds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyListSearchFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxyUserListOptions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"proxyIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"proxyIds"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subUserId"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"hasAccess"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}}]}}]}}]} as unknown as DocumentNode<PingListOptionsQuery, PingListOptionsQueryVariables>;
export const PingFormattedProxyListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PingFormattedProxyList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyListSearchFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"format"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"GeneratedProxyListFormat"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"authentication"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyListAuthentication"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"protocol"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyProtocol"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"subUserId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"formattedProxyList"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"format"},"value":{"kind":"Variable","name":{"kind":"Name","value":"format"}}},{"kind":"Argument","name":{"kind":"Name","value":"authentication"},"value":{"kind":"Variable","name":{"kind":"Name","value":"authentication"}}},{"kind":"Argument","name":{"kind":"Name","value":"protocol"},"value":{"kind":"Variable","name":{"kind":"Name","value":"protocol"}}},{"kind":"Argument","name":{"kind":"Name","value":"subUserId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"subUserId"}}}]}]}}]}}]} as unknown as DocumentNode<PingFormattedProxyListQuery, PingFormattedProxyListQueryVariables>;
export const PingResidentialListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PingResidentialList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ResidentialProxyListInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"residentialProxyList"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}]}]}}]}}]} as unknown as DocumentNode<PingResidentialListQuery, PingResidentialListQueryVariables>;
export const PingServiceAdjustmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PingServiceAdjustment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serviceAdjustment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceId"}}]}}]}}]} as unknown as DocumentNode<PingServiceAdjustmentQuery, PingServiceAdjustmentQueryVariables>;
export const PingAccountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PingAccounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}}]}}]}}]} as unknown as DocumentNode<PingAccountsQuery, PingAccountsQueryVariables>;
export const PingAccountOverviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PingAccountOverview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"profile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"proxyCount"}},{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"subUsersTotal"}}]}},{"kind":"Field","name":{"kind":"Name","value":"usage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UsageFigures"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UsageFigures"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Usage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthRemainingBytes"}},{"kind":"Field","name":{"kind":"Name","value":"requestsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"requestsSucceeded"}},{"kind":"Field","name":{"kind":"Name","value":"requestsFailed"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"coversRequestedWindow"}}]}}]} as unknown as DocumentNode<PingAccountOverviewQuery, PingAccountOverviewQueryVariables>;
export const PingServicesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PingServices"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"services"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"cycle"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}}]}}]}}]}}]} as unknown as DocumentNode<PingServicesQuery, PingServicesQueryVariables>;
export const PingServiceProxiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PingServiceProxies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"services"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"proxies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"exitIp"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PingServiceProxiesQuery, PingServiceProxiesQueryVariables>;
export const PingUpdateServiceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PingUpdateService"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateServiceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateService"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}}]}}]}}]} as unknown as DocumentNode<PingUpdateServiceMutation, PingUpdateServiceMutationVariables>;
export const PingCancelServiceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PingCancelService"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CancelServiceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelService"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<PingCancelServiceMutation, PingCancelServiceMutationVariables>;
export const PingProxiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PingProxies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"proxies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PingProxyFields"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PingProxyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Proxy"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"exitIp"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"asn"}},{"kind":"Field","name":{"kind":"Name","value":"asnName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"ports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"http"}},{"kind":"Field","name":{"kind":"Name","value":"socks5"}}]}}]}}]} as unknown as DocumentNode<PingProxiesQuery, PingProxiesQueryVariables>;
export const PingProxyUrlsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PingProxyUrls"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"proxies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"exitIp"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","alias":{"kind":"Name","value":"socks"},"name":{"kind":"Name","value":"url"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"protocol"},"value":{"kind":"EnumValue","value":"SOCKS5"}}]}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PingProxyUrlsQuery, PingProxyUrlsQueryVariables>;
export const PingProxyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PingProxy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PingProxyFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PingProxyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Proxy"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"exitIp"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"asn"}},{"kind":"Field","name":{"kind":"Name","value":"asnName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"ports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"http"}},{"kind":"Field","name":{"kind":"Name","value":"socks5"}}]}}]}}]} as unknown as DocumentNode<PingProxyQuery, PingProxyQueryVariables>;
export const PingSubUsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PingSubUsers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"subUsers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PingSubUserFields"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PingSubUserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubUser"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"password"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"accessType"}},{"kind":"Field","name":{"kind":"Name","value":"strictSecurity"}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}}]}}]}}]} as unknown as DocumentNode<PingSubUsersQuery, PingSubUsersQueryVariables>;
export const PingSubUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PingSubUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PingSubUserFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PingSubUserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubUser"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"password"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"accessType"}},{"kind":"Field","name":{"kind":"Name","value":"strictSecurity"}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}}]}}]}}]} as unknown as DocumentNode<PingSubUserQuery, PingSubUserQueryVariables>;
export const PingCreateSubUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PingCreateSubUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateSubUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createSubUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PingSubUserFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PingSubUserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubUser"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"password"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"accessType"}},{"kind":"Field","name":{"kind":"Name","value":"strictSecurity"}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}}]}}]}}]} as unknown as DocumentNode<PingCreateSubUserMutation, PingCreateSubUserMutationVariables>;
export const PingUpdateSubUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PingUpdateSubUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateSubUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateSubUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PingSubUserFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PingSubUserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubUser"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"password"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"accessType"}},{"kind":"Field","name":{"kind":"Name","value":"strictSecurity"}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}}]}}]}}]} as unknown as DocumentNode<PingUpdateSubUserMutation, PingUpdateSubUserMutationVariables>;
export const PingDeleteSubUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PingDeleteSubUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteSubUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<PingDeleteSubUserMutation, PingDeleteSubUserMutationVariables>;
export const PingIpAuthorizationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PingIpAuthorizations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}},{"kind":"Field","name":{"kind":"Name","value":"subUser"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PingIpAuthorizationsQuery, PingIpAuthorizationsQueryVariables>;
export const PingAuthorizeIpDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PingAuthorizeIp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AuthorizeIpInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"authorizeIp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyDone"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}},{"kind":"Field","name":{"kind":"Name","value":"subUser"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamRequestId"}}]}}]}}]}}]} as unknown as DocumentNode<PingAuthorizeIpMutation, PingAuthorizeIpMutationVariables>;
export const PingRevokeIpAuthorizationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PingRevokeIpAuthorization"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeIpAuthorization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}}]}}]}}]} as unknown as DocumentNode<PingRevokeIpAuthorizationMutation, PingRevokeIpAuthorizationMutationVariables>;
export const PingRevokeIpDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PingRevokeIp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ip"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountIds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeIp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ip"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ip"}}},{"kind":"Argument","name":{"kind":"Name","value":"accountIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyDone"}},{"kind":"Field","name":{"kind":"Name","value":"removedCount"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<PingRevokeIpMutation, PingRevokeIpMutationVariables>;
export const ProxyMeshProxySecretsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProxyMeshProxySecrets"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"password"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProxyMeshProxySecretsQuery, ProxyMeshProxySecretsQueryVariables>;
export const ProxyMeshProxyUrlsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProxyMeshProxyUrls"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProxyMeshProxyUrlsQuery, ProxyMeshProxyUrlsQueryVariables>;
export const ProxyMeshServerIpsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProxyMeshServerIps"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"servers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hostname"}},{"kind":"Field","name":{"kind":"Name","value":"ipCount"}},{"kind":"Field","name":{"kind":"Name","value":"ips"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProxyMeshServerIpsQuery, ProxyMeshServerIpsQueryVariables>;
export const WonderProxyNetworkServerIpsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WonderProxyNetworkServerIps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"networkServers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"provider"},"value":{"kind":"EnumValue","value":"WONDERPROXY"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hostname"}},{"kind":"Field","name":{"kind":"Name","value":"ipCount"}},{"kind":"Field","name":{"kind":"Name","value":"ips"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"port"}}]}}]}}]}}]} as unknown as DocumentNode<WonderProxyNetworkServerIpsQuery, WonderProxyNetworkServerIpsQueryVariables>;
export const WonderProxyNetworkServerCountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WonderProxyNetworkServerCounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"networkServers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"provider"},"value":{"kind":"EnumValue","value":"WONDERPROXY"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hostname"}},{"kind":"Field","name":{"kind":"Name","value":"ipCount"}}]}}]}}]} as unknown as DocumentNode<WonderProxyNetworkServerCountsQuery, WonderProxyNetworkServerCountsQueryVariables>;
export const WonderProxyContractServerCountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WonderProxyContractServerCounts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"servers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"hostname"}},{"kind":"Field","name":{"kind":"Name","value":"ipCount"}},{"kind":"Field","name":{"kind":"Name","value":"ips"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WonderProxyContractServerCountsQuery, WonderProxyContractServerCountsQueryVariables>;
export const WonderProxyAuthlistUsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WonderProxyAuthlistUsers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizationUsers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"user"}},{"kind":"Field","name":{"kind":"Name","value":"userActive"}}]}}]}}]}}]} as unknown as DocumentNode<WonderProxyAuthlistUsersQuery, WonderProxyAuthlistUsersQueryVariables>;
export const WonderProxyAuthlistUsersOnlyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WonderProxyAuthlistUsersOnly"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizationUsers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}}]}}]} as unknown as DocumentNode<WonderProxyAuthlistUsersOnlyQuery, WonderProxyAuthlistUsersOnlyQueryVariables>;
export const DemoProviderUsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DemoProviderUsers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"proxymesh"},"name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"StringValue","value":"pm-demo","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subUsers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"25"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"wonderproxy"},"name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"StringValue","value":"wp-demo","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizationUsers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}}]}}]} as unknown as DocumentNode<DemoProviderUsersQuery, DemoProviderUsersQueryVariables>;
export const AccountProxiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccountProxies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"proxies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"exitIp"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"asn"}},{"kind":"Field","name":{"kind":"Name","value":"asnName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"lastCheckedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"ports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"http"}},{"kind":"Field","name":{"kind":"Name","value":"socks5"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AccountProxiesQuery, AccountProxiesQueryVariables>;
export const ProxiesWithPlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProxiesWithPlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"proxyCount"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProxiesWithPlanQuery, ProxiesWithPlanQueryVariables>;
export const AllProxiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AllProxies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AllProxiesQuery, AllProxiesQueryVariables>;
export const ProxyByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProxyById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<ProxyByIdQuery, ProxyByIdQueryVariables>;
export const ProxySecretsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProxySecrets"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"password"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","alias":{"kind":"Name","value":"socks"},"name":{"kind":"Name","value":"url"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"protocol"},"value":{"kind":"EnumValue","value":"SOCKS5"}}]}]}}]}}]} as unknown as DocumentNode<ProxySecretsQuery, ProxySecretsQueryVariables>;
export const RefreshProxyListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshProxyList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshProxyList"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"onDemandRefreshesAvailable"}}]}}]}}]}}]} as unknown as DocumentNode<RefreshProxyListMutation, RefreshProxyListMutationVariables>;
export const UpdateProxyCredentialsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateProxyCredentials"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyCredentialsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateProxyCredentials"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"proxyCredentials"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"password"}},{"kind":"Field","name":{"kind":"Name","value":"requestTimeoutSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"requestIdleTimeoutSeconds"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateProxyCredentialsMutation, UpdateProxyCredentialsMutationVariables>;
export const ProxyListPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProxyListPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"format"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyListFormat"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"protocol"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyProtocol"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxyList"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"format"},"value":{"kind":"Variable","name":{"kind":"Name","value":"format"}}},{"kind":"Argument","name":{"kind":"Name","value":"protocol"},"value":{"kind":"Variable","name":{"kind":"Name","value":"protocol"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"lineCount"}},{"kind":"Field","name":{"kind":"Name","value":"skippedCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<ProxyListPageQuery, ProxyListPageQueryVariables>;
export const AccountProxyListPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccountProxyListPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"format"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyListFormat"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"protocol"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyProtocol"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxyList"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"format"},"value":{"kind":"Variable","name":{"kind":"Name","value":"format"}}},{"kind":"Argument","name":{"kind":"Name","value":"protocol"},"value":{"kind":"Variable","name":{"kind":"Name","value":"protocol"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"lineCount"}},{"kind":"Field","name":{"kind":"Name","value":"skippedCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AccountProxyListPageQuery, AccountProxyListPageQueryVariables>;
export const ProxyListReferenceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProxyListReference"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"password"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"ports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"http"}},{"kind":"Field","name":{"kind":"Name","value":"socks5"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProxyListReferenceQuery, ProxyListReferenceQueryVariables>;
export const ProxyMeshAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProxyMeshAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}},{"kind":"Field","name":{"kind":"Name","value":"profile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"servers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hostname"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"port"}},{"kind":"Field","name":{"kind":"Name","value":"services"}},{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"country"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProxyMeshAccountQuery, ProxyMeshAccountQueryVariables>;
export const ProxyMeshProxiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProxyMeshProxies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"ports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"http"}}]}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProxyMeshProxiesQuery, ProxyMeshProxiesQueryVariables>;
export const ProxyMeshProxyByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProxyMeshProxyById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}}]}}]} as unknown as DocumentNode<ProxyMeshProxyByIdQuery, ProxyMeshProxyByIdQueryVariables>;
export const ProxyMeshSubUsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProxyMeshSubUsers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subUsers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProxyMeshSubUserFields"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProxyMeshSubUserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubUser"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyBandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyBandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ProxyMeshSubUsersQuery, ProxyMeshSubUsersQueryVariables>;
export const ProxyMeshSubUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProxyMeshSubUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProxyMeshSubUserFields"}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProxyMeshSubUserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubUser"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyBandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyBandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ProxyMeshSubUserQuery, ProxyMeshSubUserQueryVariables>;
export const ProxyMeshCreateSubUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ProxyMeshCreateSubUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateSubUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createSubUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProxyMeshSubUserFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProxyMeshSubUserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubUser"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyBandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyBandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ProxyMeshCreateSubUserMutation, ProxyMeshCreateSubUserMutationVariables>;
export const ProxyMeshUpdateSubUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ProxyMeshUpdateSubUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateSubUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateSubUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProxyMeshSubUserFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProxyMeshSubUserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubUser"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyBandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyBandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ProxyMeshUpdateSubUserMutation, ProxyMeshUpdateSubUserMutationVariables>;
export const ProxyMeshSetSubUserActiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ProxyMeshSetSubUserActive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"active"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setSubUserActive"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"active"},"value":{"kind":"Variable","name":{"kind":"Name","value":"active"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}}]} as unknown as DocumentNode<ProxyMeshSetSubUserActiveMutation, ProxyMeshSetSubUserActiveMutationVariables>;
export const ProxyMeshDeleteSubUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ProxyMeshDeleteSubUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteSubUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}}]}}]}}]} as unknown as DocumentNode<ProxyMeshDeleteSubUserMutation, ProxyMeshDeleteSubUserMutationVariables>;
export const ProxyMeshImportSubUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ProxyMeshImportSubUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"username"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importSubUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}},{"kind":"Argument","name":{"kind":"Name","value":"username"},"value":{"kind":"Variable","name":{"kind":"Name","value":"username"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProxyMeshSubUserFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProxyMeshSubUserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubUser"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyBandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyBandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ProxyMeshImportSubUserMutation, ProxyMeshImportSubUserMutationVariables>;
export const ProxyMeshIpAuthorizationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProxyMeshIpAuthorizations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}},{"kind":"Field","name":{"kind":"Name","value":"subUser"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProxyMeshIpAuthorizationsQuery, ProxyMeshIpAuthorizationsQueryVariables>;
export const ProxyMeshHostnamesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProxyMeshHostnames"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hostnameAuthorizations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"hostname"}},{"kind":"Field","name":{"kind":"Name","value":"subUser"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProxyMeshHostnamesQuery, ProxyMeshHostnamesQueryVariables>;
export const ProxyMeshAddHostnameDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ProxyMeshAddHostname"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"hostname"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"subUserId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addHostnameAuthorization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}},{"kind":"Argument","name":{"kind":"Name","value":"hostname"},"value":{"kind":"Variable","name":{"kind":"Name","value":"hostname"}}},{"kind":"Argument","name":{"kind":"Name","value":"subUserId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"subUserId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"hostname"}},{"kind":"Field","name":{"kind":"Name","value":"subUser"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]}}]} as unknown as DocumentNode<ProxyMeshAddHostnameMutation, ProxyMeshAddHostnameMutationVariables>;
export const ProxyMeshRemoveHostnameDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ProxyMeshRemoveHostname"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"hostname"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"subUserId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeHostnameAuthorization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}},{"kind":"Argument","name":{"kind":"Name","value":"hostname"},"value":{"kind":"Variable","name":{"kind":"Name","value":"hostname"}}},{"kind":"Argument","name":{"kind":"Name","value":"subUserId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"subUserId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleted"}}]}}]}}]} as unknown as DocumentNode<ProxyMeshRemoveHostnameMutation, ProxyMeshRemoveHostnameMutationVariables>;
export const ProxyMeshAuthorizeProxyServerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ProxyMeshAuthorizeProxyServer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"host"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"authorizeProxyServer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}},{"kind":"Argument","name":{"kind":"Name","value":"host"},"value":{"kind":"Variable","name":{"kind":"Name","value":"host"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hostname"}},{"kind":"Field","name":{"kind":"Name","value":"port"}},{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"country"}}]}}]}}]}}]} as unknown as DocumentNode<ProxyMeshAuthorizeProxyServerMutation, ProxyMeshAuthorizeProxyServerMutationVariables>;
export const ProxyMeshDeauthorizeProxyServerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ProxyMeshDeauthorizeProxyServer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"host"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deauthorizeProxyServer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}},{"kind":"Argument","name":{"kind":"Name","value":"host"},"value":{"kind":"Variable","name":{"kind":"Name","value":"host"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleted"}}]}}]}}]} as unknown as DocumentNode<ProxyMeshDeauthorizeProxyServerMutation, ProxyMeshDeauthorizeProxyServerMutationVariables>;
export const ProxyMeshCountryPoolsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProxyMeshCountryPools"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"countryPools"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pool"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<ProxyMeshCountryPoolsQuery, ProxyMeshCountryPoolsQueryVariables>;
export const ProxyMeshResetCredentialsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ProxyMeshResetCredentials"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resetProviderCredentials"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ProxyMeshResetCredentialsMutation, ProxyMeshResetCredentialsMutationVariables>;
export const ReplaceProxiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReplaceProxies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReplaceProxiesInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replaceProxies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReplacementFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReplacementFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyReplacement"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"toReplace"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"ipAddresses"}},{"kind":"Field","name":{"kind":"Name","value":"ipRanges"}},{"kind":"Field","name":{"kind":"Name","value":"countryCode"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"replaceWith"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"countryCode"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"proxiesRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"proxiesAdded"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"dryRunCompletedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ReplaceProxiesMutation, ReplaceProxiesMutationVariables>;
export const ProxyReplacementDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProxyReplacement"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxyReplacement"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReplacementFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReplacementFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyReplacement"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"toReplace"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"ipAddresses"}},{"kind":"Field","name":{"kind":"Name","value":"ipRanges"}},{"kind":"Field","name":{"kind":"Name","value":"countryCode"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"replaceWith"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"countryCode"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"proxiesRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"proxiesAdded"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"dryRunCompletedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ProxyReplacementQuery, ProxyReplacementQueryVariables>;
export const AccountReplacementsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccountReplacements"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxyReplacements"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AccountReplacementsQuery, AccountReplacementsQueryVariables>;
export const AccountSubUsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccountSubUsers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subUsers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SubUserFields"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SubUserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubUser"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyBandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"maxThreads"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"proxyCountries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<AccountSubUsersQuery, AccountSubUsersQueryVariables>;
export const SubUserByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SubUserById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SubUserFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SubUserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubUser"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyBandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"maxThreads"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"proxyCountries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<SubUserByIdQuery, SubUserByIdQueryVariables>;
export const SubUserCredentialsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SubUserCredentials"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"proxyUsername"}},{"kind":"Field","name":{"kind":"Name","value":"password"}}]}}]}}]} as unknown as DocumentNode<SubUserCredentialsQuery, SubUserCredentialsQueryVariables>;
export const CreateSubUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateSubUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateSubUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createSubUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SubUserFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SubUserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubUser"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyBandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"maxThreads"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"proxyCountries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<CreateSubUserMutation, CreateSubUserMutationVariables>;
export const UpdateSubUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateSubUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateSubUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateSubUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SubUserFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SubUserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubUser"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyBandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"maxThreads"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"proxyCountries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<UpdateSubUserMutation, UpdateSubUserMutationVariables>;
export const DeleteSubUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteSubUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteSubUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}}]}}]}}]} as unknown as DocumentNode<DeleteSubUserMutation, DeleteSubUserMutationVariables>;
export const RefreshSubUserProxiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshSubUserProxies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshSubUserProxies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SubUserFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SubUserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubUser"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyBandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"maxThreads"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"proxyCountries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<RefreshSubUserProxiesMutation, RefreshSubUserProxiesMutationVariables>;
export const SetSubUserActiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetSubUserActive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"active"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setSubUserActive"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"active"},"value":{"kind":"Variable","name":{"kind":"Name","value":"active"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}}]} as unknown as DocumentNode<SetSubUserActiveMutation, SetSubUserActiveMutationVariables>;
export const UsageHistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UsageHistory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"usageHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"intervalSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"retentionDays"}},{"kind":"Field","name":{"kind":"Name","value":"snapshots"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"takenAt"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthRemainingBytes"}},{"kind":"Field","name":{"kind":"Name","value":"requestsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}}]}},{"kind":"Field","name":{"kind":"Name","value":"hourly"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hourStart"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}},{"kind":"Field","name":{"kind":"Name","value":"requestsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"requestsSucceeded"}},{"kind":"Field","name":{"kind":"Name","value":"requestsFailed"}},{"kind":"Field","name":{"kind":"Name","value":"projected"}}]}}]}}]}}]}}]} as unknown as DocumentNode<UsageHistoryQuery, UsageHistoryQueryVariables>;
export const UsageHistoryOfAccountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UsageHistoryOfAccounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"usageHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"snapshots"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"takenAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<UsageHistoryOfAccountsQuery, UsageHistoryOfAccountsQueryVariables>;
export const WebshareProxyGatewayDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebshareProxyGateway"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"targeting"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"GatewayUsernameInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"proxyGateway"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"ports"}},{"kind":"Field","name":{"kind":"Name","value":"portRange"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}}]}},{"kind":"Field","name":{"kind":"Name","value":"listMode"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"cityTargeting"}},{"kind":"Field","name":{"kind":"Name","value":"usernameTemplate"}},{"kind":"Field","name":{"kind":"Name","value":"usernameFor"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"targeting"},"value":{"kind":"Variable","name":{"kind":"Name","value":"targeting"}}}]}]}}]}}]}}]} as unknown as DocumentNode<WebshareProxyGatewayQuery, WebshareProxyGatewayQueryVariables>;
export const WebshareGatewayUsernameDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebshareGatewayUsername"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"targeting"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"GatewayUsernameInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxyGateway"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"usernameFor"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"targeting"},"value":{"kind":"Variable","name":{"kind":"Name","value":"targeting"}}}]}]}}]}}]}}]} as unknown as DocumentNode<WebshareGatewayUsernameQuery, WebshareGatewayUsernameQueryVariables>;
export const WebshareProxyListStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebshareProxyListStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxyListStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"countries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"unallocatedCountries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"unallocatedCount"}},{"kind":"Field","name":{"kind":"Name","value":"proxiesUsed"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]}}]} as unknown as DocumentNode<WebshareProxyListStatusQuery, WebshareProxyListStatusQueryVariables>;
export const WebshareProxyListPasswordDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebshareProxyListPassword"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxyListStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"password"}}]}}]}}]}}]} as unknown as DocumentNode<WebshareProxyListPasswordQuery, WebshareProxyListPasswordQueryVariables>;
export const WebshareProxyListStatsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebshareProxyListStats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxyListStats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"availableCountries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ipRanges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cidr"}},{"kind":"Field","name":{"kind":"Name","value":"prefixLength"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"availableIpRanges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cidr"}},{"kind":"Field","name":{"kind":"Name","value":"prefixLength"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"asns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asn"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"availableAsns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asn"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebshareProxyListStatsQuery, WebshareProxyListStatsQueryVariables>;
export const WebshareProxySettingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebshareProxySettings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxySettings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProxySettingsFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProxySettingsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProxySettings"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestTimeoutSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"requestIdleTimeoutSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizationCountries"}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizationCity"}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizationState"}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizationPostalCode"}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizationAsn"}},{"kind":"Field","name":{"kind":"Name","value":"autoReplaceInvalidProxies"}},{"kind":"Field","name":{"kind":"Name","value":"autoReplaceLowCountryConfidenceProxies"}},{"kind":"Field","name":{"kind":"Name","value":"autoReplaceOutOfRotationProxies"}},{"kind":"Field","name":{"kind":"Name","value":"autoReplaceFailedSiteCheckProxies"}}]}}]} as unknown as DocumentNode<WebshareProxySettingsQuery, WebshareProxySettingsQueryVariables>;
export const UpdateWebshareProxySettingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateWebshareProxySettings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProxySettingsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateProxySettings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"proxySettings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProxySettingsFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProxySettingsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProxySettings"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestTimeoutSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"requestIdleTimeoutSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizationCountries"}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizationCity"}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizationState"}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizationPostalCode"}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizationAsn"}},{"kind":"Field","name":{"kind":"Name","value":"autoReplaceInvalidProxies"}},{"kind":"Field","name":{"kind":"Name","value":"autoReplaceLowCountryConfidenceProxies"}},{"kind":"Field","name":{"kind":"Name","value":"autoReplaceOutOfRotationProxies"}},{"kind":"Field","name":{"kind":"Name","value":"autoReplaceFailedSiteCheckProxies"}}]}}]} as unknown as DocumentNode<UpdateWebshareProxySettingsMutation, UpdateWebshareProxySettingsMutationVariables>;
export const AllocateUnallocatedCountriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AllocateUnallocatedCountries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"countries"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CountryCountInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allocateUnallocatedCountries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}},{"kind":"Argument","name":{"kind":"Name","value":"countries"},"value":{"kind":"Variable","name":{"kind":"Name","value":"countries"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"proxyListStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"countries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"unallocatedCount"}}]}}]}}]}}]} as unknown as DocumentNode<AllocateUnallocatedCountriesMutation, AllocateUnallocatedCountriesMutationVariables>;
export const WebshareResidentialProxiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebshareResidentialProxies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"exitIp"}},{"kind":"Field","name":{"kind":"Name","value":"ports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"http"}}]}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebshareResidentialProxiesQuery, WebshareResidentialProxiesQueryVariables>;
export const WebshareProxyNodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebshareProxyNode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}}]}}]} as unknown as DocumentNode<WebshareProxyNodeQuery, WebshareProxyNodeQueryVariables>;
export const UsageSeriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UsageSeries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"usageSeries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hourStart"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthBytes"}},{"kind":"Field","name":{"kind":"Name","value":"requestsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"requestsSucceeded"}},{"kind":"Field","name":{"kind":"Name","value":"requestsFailed"}},{"kind":"Field","name":{"kind":"Name","value":"projected"}}]}}]}}]}}]} as unknown as DocumentNode<UsageSeriesQuery, UsageSeriesQueryVariables>;
export const ProxyActivityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProxyActivity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyActivityFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"proxyActivity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProxyActivityFields"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProxyActivityFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"protocol"}},{"kind":"Field","name":{"kind":"Name","value":"transferredBytes"}},{"kind":"Field","name":{"kind":"Name","value":"requestDurationMs"}},{"kind":"Field","name":{"kind":"Name","value":"handshakeDurationMs"}},{"kind":"Field","name":{"kind":"Name","value":"tunnelDurationMs"}},{"kind":"Field","name":{"kind":"Name","value":"errorReason"}},{"kind":"Field","name":{"kind":"Name","value":"errorHowToFix"}},{"kind":"Field","name":{"kind":"Name","value":"authUsername"}},{"kind":"Field","name":{"kind":"Name","value":"proxyAddress"}},{"kind":"Field","name":{"kind":"Name","value":"proxyPort"}},{"kind":"Field","name":{"kind":"Name","value":"clientIp"}},{"kind":"Field","name":{"kind":"Name","value":"targetHostname"}},{"kind":"Field","name":{"kind":"Name","value":"targetDomain"}},{"kind":"Field","name":{"kind":"Name","value":"targetIp"}},{"kind":"Field","name":{"kind":"Name","value":"targetPort"}}]}}]} as unknown as DocumentNode<ProxyActivityQuery, ProxyActivityQueryVariables>;
export const AccountReplacedProxiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccountReplacedProxies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"replacedProxies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReplacedProxyFields"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReplacedProxyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReplacedProxy"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"port"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"replacedWithAddress"}},{"kind":"Field","name":{"kind":"Name","value":"replacedWithPort"}},{"kind":"Field","name":{"kind":"Name","value":"replacedWithCountry"}},{"kind":"Field","name":{"kind":"Name","value":"replacedAt"}}]}}]} as unknown as DocumentNode<AccountReplacedProxiesQuery, AccountReplacedProxiesQueryVariables>;
export const ReplacementReplacedProxiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReplacementReplacedProxies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxyReplacement"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"proxiesRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"replacedProxies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReplacedProxyFields"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReplacedProxyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReplacedProxy"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"port"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"replacedWithAddress"}},{"kind":"Field","name":{"kind":"Name","value":"replacedWithPort"}},{"kind":"Field","name":{"kind":"Name","value":"replacedWithCountry"}},{"kind":"Field","name":{"kind":"Name","value":"replacedAt"}}]}}]} as unknown as DocumentNode<ReplacementReplacedProxiesQuery, ReplacementReplacedProxiesQueryVariables>;
export const DownloadTokenExpiryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DownloadTokenExpiry"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"scope"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DownloadTokenScope"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"downloadToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"scope"},"value":{"kind":"Variable","name":{"kind":"Name","value":"scope"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]}}]} as unknown as DocumentNode<DownloadTokenExpiryQuery, DownloadTokenExpiryQueryVariables>;
export const DownloadTokenKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DownloadTokenKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"scope"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DownloadTokenScope"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"downloadToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"scope"},"value":{"kind":"Variable","name":{"kind":"Name","value":"scope"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]}}]} as unknown as DocumentNode<DownloadTokenKeyQuery, DownloadTokenKeyQueryVariables>;
export const ResetDownloadTokenDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResetDownloadToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"scope"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DownloadTokenScope"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resetDownloadToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}},{"kind":"Argument","name":{"kind":"Name","value":"scope"},"value":{"kind":"Variable","name":{"kind":"Name","value":"scope"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<ResetDownloadTokenMutation, ResetDownloadTokenMutationVariables>;
export const ResetDownloadTokenExpiryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResetDownloadTokenExpiry"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"scope"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DownloadTokenScope"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resetDownloadToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}},{"kind":"Argument","name":{"kind":"Name","value":"scope"},"value":{"kind":"Variable","name":{"kind":"Name","value":"scope"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<ResetDownloadTokenExpiryMutation, ResetDownloadTokenExpiryMutationVariables>;
export const WonderProxyAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WonderProxyAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}},{"kind":"Field","name":{"kind":"Name","value":"profile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"usage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthRemainingBytes"}},{"kind":"Field","name":{"kind":"Name","value":"requestsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"coversRequestedWindow"}}]}}]}}]}}]} as unknown as DocumentNode<WonderProxyAccountQuery, WonderProxyAccountQueryVariables>;
export const WonderProxyUsageWindowDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WonderProxyUsageWindow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"coversRequestedWindow"}}]}}]}}]}}]} as unknown as DocumentNode<WonderProxyUsageWindowQuery, WonderProxyUsageWindowQueryVariables>;
export const WonderProxyProxiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WonderProxyProxies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WonderProxyProxyBasics"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WonderProxyProxyBasics"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Proxy"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"exitIp"}},{"kind":"Field","name":{"kind":"Name","value":"ports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"http"}},{"kind":"Field","name":{"kind":"Name","value":"socks5"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"lastCheckedAt"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"customDnsPort"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}}]}}]} as unknown as DocumentNode<WonderProxyProxiesQuery, WonderProxyProxiesQueryVariables>;
export const WonderProxyProxiesLocatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WonderProxyProxiesLocated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WonderProxyProxyBasics"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"geoStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"checkedAt"}}]}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WonderProxyProxyBasics"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Proxy"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"exitIp"}},{"kind":"Field","name":{"kind":"Name","value":"ports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"http"}},{"kind":"Field","name":{"kind":"Name","value":"socks5"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"lastCheckedAt"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"customDnsPort"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}}]}}]} as unknown as DocumentNode<WonderProxyProxiesLocatedQuery, WonderProxyProxiesLocatedQueryVariables>;
export const WonderProxyProxyTrioDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WonderProxyProxyTrio"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"a"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"b"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"c"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"a"},"name":{"kind":"Name","value":"proxy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"a"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"exitIp"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"b"},"name":{"kind":"Name","value":"proxy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"b"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"exitIp"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"c"},"name":{"kind":"Name","value":"proxy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"c"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"exitIp"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}}]}}]} as unknown as DocumentNode<WonderProxyProxyTrioQuery, WonderProxyProxyTrioQueryVariables>;
export const WonderProxyProxyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WonderProxyProxy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WonderProxyProxyBasics"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WonderProxyProxyBasics"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Proxy"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"exitIp"}},{"kind":"Field","name":{"kind":"Name","value":"ports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"http"}},{"kind":"Field","name":{"kind":"Name","value":"socks5"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"lastCheckedAt"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"customDnsPort"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}}]}}]} as unknown as DocumentNode<WonderProxyProxyQuery, WonderProxyProxyQueryVariables>;
export const WonderProxyServersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WonderProxyServers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"servers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"hostname"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"services"}},{"kind":"Field","name":{"kind":"Name","value":"port"}},{"kind":"Field","name":{"kind":"Name","value":"ips"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"portBase"}},{"kind":"Field","name":{"kind":"Name","value":"port"}},{"kind":"Field","name":{"kind":"Name","value":"customDnsPort"}},{"kind":"Field","name":{"kind":"Name","value":"checkedAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WonderProxyServersQuery, WonderProxyServersQueryVariables>;
export const WonderProxyServersDetailedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WonderProxyServersDetailed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"servers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"latitude"}},{"kind":"Field","name":{"kind":"Name","value":"longitude"}}]}},{"kind":"Field","name":{"kind":"Name","value":"usage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"limitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"currentBytes"}},{"kind":"Field","name":{"kind":"Name","value":"last30DaysBytes"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ips"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"geoStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"checkedAt"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<WonderProxyServersDetailedQuery, WonderProxyServersDetailedQueryVariables>;
export const WonderProxyServerUsageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WonderProxyServerUsage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"servers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"usage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currentBytes"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WonderProxyServerUsageQuery, WonderProxyServerUsageQueryVariables>;
export const WonderProxyNetworkServersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WonderProxyNetworkServers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"networkServers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"provider"},"value":{"kind":"EnumValue","value":"WONDERPROXY"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"hostname"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"services"}},{"kind":"Field","name":{"kind":"Name","value":"ips"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}}]}}]}}]}}]} as unknown as DocumentNode<WonderProxyNetworkServersQuery, WonderProxyNetworkServersQueryVariables>;
export const WonderProxyNetworkServersLocatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WonderProxyNetworkServersLocated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"networkServers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"provider"},"value":{"kind":"EnumValue","value":"WONDERPROXY"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hostname"}},{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"latitude"}},{"kind":"Field","name":{"kind":"Name","value":"longitude"}}]}}]}}]}}]} as unknown as DocumentNode<WonderProxyNetworkServersLocatedQuery, WonderProxyNetworkServersLocatedQueryVariables>;
export const WonderProxyIpAuthorizationsByUsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WonderProxyIpAuthorizationsByUsers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"second"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"first"},"name":{"kind":"Name","value":"ipAuthorizations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"users"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}},{"kind":"Field","name":{"kind":"Name","value":"user"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"second"},"name":{"kind":"Name","value":"ipAuthorizations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"users"},"value":{"kind":"Variable","name":{"kind":"Name","value":"second"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}},{"kind":"Field","name":{"kind":"Name","value":"user"}}]}}]}}]} as unknown as DocumentNode<WonderProxyIpAuthorizationsByUsersQuery, WonderProxyIpAuthorizationsByUsersQueryVariables>;
export const WonderProxyUpdateIpAuthorizationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WonderProxyUpdateIpAuthorization"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateIpAuthorizationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateIpAuthorization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}},{"kind":"Field","name":{"kind":"Name","value":"user"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<WonderProxyUpdateIpAuthorizationMutation, WonderProxyUpdateIpAuthorizationMutationVariables>;
export const WonderProxyClearIpAuthorizationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WonderProxyClearIpAuthorizations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clearIpAuthorizations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<WonderProxyClearIpAuthorizationsMutation, WonderProxyClearIpAuthorizationsMutationVariables>;
export const WonderProxyDnsOverridesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WonderProxyDnsOverrides"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DnsOverrideFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dnsOverrides"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WonderProxyDnsOverrideFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WonderProxyDnsOverrideFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DnsOverride"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"server"}},{"kind":"Field","name":{"kind":"Name","value":"hostname"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<WonderProxyDnsOverridesQuery, WonderProxyDnsOverridesQueryVariables>;
export const WonderProxyAccountDnsOverridesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WonderProxyAccountDnsOverrides"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DnsOverrideFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dnsOverrides"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WonderProxyDnsOverrideFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WonderProxyDnsOverrideFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DnsOverride"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"server"}},{"kind":"Field","name":{"kind":"Name","value":"hostname"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<WonderProxyAccountDnsOverridesQuery, WonderProxyAccountDnsOverridesQueryVariables>;
export const WonderProxyDnsOverridesWithServersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WonderProxyDnsOverridesWithServers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dnsOverrides"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"server"}},{"kind":"Field","name":{"kind":"Name","value":"proxyServer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"hostname"}},{"kind":"Field","name":{"kind":"Name","value":"ips"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"port"}},{"kind":"Field","name":{"kind":"Name","value":"customDnsPort"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WonderProxyDnsOverridesWithServersQuery, WonderProxyDnsOverridesWithServersQueryVariables>;
export const WonderProxyCreateDnsOverrideDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WonderProxyCreateDnsOverride"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateDnsOverrideInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createDnsOverride"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WonderProxyDnsOverrideFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WonderProxyDnsOverrideFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DnsOverride"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"server"}},{"kind":"Field","name":{"kind":"Name","value":"hostname"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<WonderProxyCreateDnsOverrideMutation, WonderProxyCreateDnsOverrideMutationVariables>;
export const WonderProxyUpdateDnsOverrideDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WonderProxyUpdateDnsOverride"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateDnsOverrideInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateDnsOverride"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WonderProxyDnsOverrideFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WonderProxyDnsOverrideFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DnsOverride"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"server"}},{"kind":"Field","name":{"kind":"Name","value":"hostname"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<WonderProxyUpdateDnsOverrideMutation, WonderProxyUpdateDnsOverrideMutationVariables>;
export const WonderProxyDeleteDnsOverrideDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WonderProxyDeleteDnsOverride"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteDnsOverride"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<WonderProxyDeleteDnsOverrideMutation, WonderProxyDeleteDnsOverrideMutationVariables>;
export const WonderProxyClearDnsOverridesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WonderProxyClearDnsOverrides"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clearDnsOverrides"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<WonderProxyClearDnsOverridesMutation, WonderProxyClearDnsOverridesMutationVariables>;