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

/** One configured provider account. */
export type Account = {
  __typename?: 'Account';
  capabilities: Array<Capability>;
  dnsOverrides?: Maybe<Array<DnsOverride>>;
  hostnameAuthorizations?: Maybe<Array<HostnameAuthorization>>;
  /** The id given to the account in the configuration. */
  id: Scalars['ID']['output'];
  ipAuthorizations?: Maybe<Array<IpAuthorization>>;
  label?: Maybe<Scalars['String']['output']>;
  plan?: Maybe<Plan>;
  profile?: Maybe<AccountProfile>;
  provider: Provider;
  proxies?: Maybe<ProxyConnection>;
  /** Proxy username/password and timeouts (Webshare proxy config). */
  proxyCredentials?: Maybe<ProxyCredentials>;
  /** Webshare proxy replacements, newest last. */
  proxyReplacements?: Maybe<ProxyReplacementConnection>;
  /** Servers on the account (WonderProxy contract servers, ProxyMesh proxy hosts). */
  servers?: Maybe<Array<ProxyServer>>;
  /** Ping Proxies services. */
  services?: Maybe<Array<Service>>;
  subUsers?: Maybe<SubUserConnection>;
  usage?: Maybe<Usage>;
};


/** One configured provider account. */
export type AccountDnsOverridesArgs = {
  filter?: InputMaybe<DnsOverrideFilter>;
};


/** One configured provider account. */
export type AccountProxiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProxyFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** One configured provider account. */
export type AccountProxyReplacementsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
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

/** The outcome of a multi-account mutation on one account. */
export type AccountOperationResult = {
  __typename?: 'AccountOperationResult';
  account: Account;
  /** True when nothing had to change (already authorized / already absent). */
  alreadyDone: Scalars['Boolean']['output'];
  error?: Maybe<OperationError>;
  ipAuthorization?: Maybe<IpAuthorization>;
  ok: Scalars['Boolean']['output'];
  removedCount?: Maybe<Scalars['Int']['output']>;
};

/** Who owns the account, as far as the provider says. */
export type AccountProfile = {
  __typename?: 'AccountProfile';
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  email?: Maybe<Scalars['String']['output']>;
  name?: Maybe<Scalars['String']['output']>;
};

/** One account's usage, or why there is none. */
export type AccountUsage = {
  __typename?: 'AccountUsage';
  account: Account;
  error?: Maybe<OperationError>;
  /** False when the provider cannot report usage. */
  supported: Scalars['Boolean']['output'];
  usage?: Maybe<Usage>;
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
  | 'HOSTNAME_AUTHORIZATIONS'
  | 'IP_AUTHORIZATIONS'
  | 'NETWORK_SERVERS'
  | 'PROXIES'
  | 'PROXY_LIST_REFRESH'
  | 'PROXY_REPLACEMENT'
  | 'PROXY_SERVER_AUTHORIZATION'
  | 'SUB_USERS'
  | 'SUB_USER_ACTIVATION'
  | 'USAGE';

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
  /** A server on the account, e.g. melbourne.wonderproxy.com. */
  server: Scalars['String']['input'];
};

export type CreateSubUserInput = {
  accountId: Scalars['ID']['input'];
  /** Total bandwidth cap in bytes; 0 = unlimited. */
  bandwidthLimitBytes?: InputMaybe<Scalars['SafeInt']['input']>;
  label?: InputMaybe<Scalars['String']['input']>;
  maxThreads?: InputMaybe<Scalars['Int']['input']>;
  /** Monthly bandwidth cap in bytes (ProxyMesh). */
  monthlyBandwidthLimitBytes?: InputMaybe<Scalars['SafeInt']['input']>;
  /** Where the provider lets you set one (ProxyMesh, Ping). */
  password?: InputMaybe<Scalars['String']['input']>;
  /** Webshare custom proxy list by country. */
  proxyCountries?: InputMaybe<Array<CountryCountInput>>;
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
  /** WonderProxy server hostname. */
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
};

export type IpAuthorizationFilter = {
  accountIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  ip?: InputMaybe<Scalars['String']['input']>;
};

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
  /** Authorize one IP on many accounts (default: every account that supports it), in parallel. Idempotent: an IP already there is ok with alreadyDone. */
  authorizeIp: Array<AccountOperationResult>;
  /** ProxyMesh: add a proxy host to the account. */
  authorizeProxyServer: ProxyServer;
  cancelService: Service;
  clearDnsOverrides: DeletedPayload;
  /** WonderProxy: remove every IP authorization of the account. */
  clearIpAuthorizations: DeletedPayload;
  createDnsOverride: DnsOverride;
  createSubUser: SubUser;
  /** ProxyMesh: remove a proxy host from the account. */
  deauthorizeProxyServer: DeletedPayload;
  deleteDnsOverride: DeletedPayload;
  deleteSubUser: DeletedPayload;
  /** ProxyMesh: start tracking an existing sub-account (ProxyMesh cannot list them). */
  importSubUser: SubUser;
  /** Webshare: use one on-demand refresh to renew the proxy list. */
  refreshProxyList: Account;
  /** Webshare: refresh a sub-user's custom proxy list. */
  refreshSubUserProxies: SubUser;
  removeHostnameAuthorization: DeletedPayload;
  /** Webshare: start a proxy replacement (or a dry run). Poll proxyReplacement(id) for its state. */
  replaceProxies: ProxyReplacement;
  /** Admin: close the credential breaker of an account after fixing its credentials. */
  resetProviderCredentials: Account;
  /** Remove an IP from many accounts (default: every account that supports IP authorizations). */
  revokeIp: Array<AccountOperationResult>;
  revokeIpAuthorization: DeletedPayload;
  /** ProxyMesh: activate or deactivate a sub-account. */
  setSubUserActive: SubUser;
  updateDnsOverride: DnsOverride;
  /** Webshare: change the proxy username/password or timeouts. */
  updateProxyCredentials: Account;
  updateService: Service;
  updateSubUser: SubUser;
};


export type MutationAddHostnameAuthorizationArgs = {
  accountId: Scalars['ID']['input'];
  hostname: Scalars['String']['input'];
  subUserId?: InputMaybe<Scalars['ID']['input']>;
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


export type MutationSetSubUserActiveArgs = {
  active: Scalars['Boolean']['input'];
  id: Scalars['ID']['input'];
};


export type MutationUpdateDnsOverrideArgs = {
  id: Scalars['ID']['input'];
  input: UpdateDnsOverrideInput;
};


export type MutationUpdateProxyCredentialsArgs = {
  accountId: Scalars['ID']['input'];
  input: ProxyCredentialsInput;
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
  /** The IP address traffic leaves from, when known. */
  exitIp?: Maybe<Scalars['String']['output']>;
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
  type?: Maybe<ProxyType>;
  /** Ready-to-use URL, e.g. http://user:pass@host:port. Includes the password, so it needs the `credentials` scope when the proxy has one. */
  url?: Maybe<Scalars['String']['output']>;
  username?: Maybe<Scalars['String']['output']>;
};


/** A proxy endpoint. Webshare direct proxies, ProxyMesh gateways, WonderProxy exit IPs, Ping proxies. */
export type ProxyUrlArgs = {
  protocol?: ProxyProtocol;
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
  state: ProxyReplacementState;
  toReplace: ProxySelector;
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
  ips: Array<ServerIp>;
  location?: Maybe<Location>;
  port?: Maybe<Scalars['Int']['output']>;
  services: Array<Scalars['String']['output']>;
  title?: Maybe<Scalars['String']['output']>;
};

/** Normalised health; the provider's own word is in Proxy.providerStatus. */
export type ProxyStatus =
  | 'DEGRADED'
  | 'DOWN'
  | 'OK'
  | 'UNKNOWN';

export type ProxyType =
  | 'DATACENTER'
  | 'ISP'
  | 'MOBILE'
  | 'RESIDENTIAL'
  | 'ROTATING_GATEWAY';

export type Query = {
  __typename?: 'Query';
  account?: Maybe<Account>;
  /** Every account the caller may see, optionally of one provider. */
  accounts: Array<Account>;
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
  proxyReplacement?: Maybe<ProxyReplacement>;
  subUser?: Maybe<SubUser>;
  /** Usage per account and totals in bytes; accounts whose provider cannot report usage are listed with supported: false. */
  usage: UsageSummary;
};


export type QueryAccountArgs = {
  id: Scalars['ID']['input'];
};


export type QueryAccountsArgs = {
  provider?: InputMaybe<Provider>;
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


export type QueryProxyReplacementArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySubUserArgs = {
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

export type ServerIp = {
  __typename?: 'ServerIp';
  address: Scalars['String']['output'];
  providerStatus?: Maybe<Scalars['String']['output']>;
  status?: Maybe<ProxyStatus>;
};

/** A purchased Ping Proxies service. */
export type Service = {
  __typename?: 'Service';
  account: Account;
  currency?: Maybe<Scalars['String']['output']>;
  /** Billing cycle, e.g. 1:month. */
  cycle?: Maybe<Scalars['String']['output']>;
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  metadata?: Maybe<Scalars['JSONObject']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  quantity?: Maybe<Scalars['Int']['output']>;
  status?: Maybe<Scalars['String']['output']>;
  /** Price in currency units (not cents). */
  total?: Maybe<Scalars['Float']['output']>;
  type?: Maybe<Scalars['String']['output']>;
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
  account: Account;
  active: Scalars['Boolean']['output'];
  /** Total (lifetime) bandwidth cap in bytes; null = none. */
  bandwidthLimitBytes?: Maybe<Scalars['SafeInt']['output']>;
  bandwidthUsedBytes?: Maybe<Scalars['SafeInt']['output']>;
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** IPs authorized for this sub-user (ProxyMesh sub-accounts, Ping proxy users). */
  ipAuthorizations: Array<IpAuthorization>;
  label?: Maybe<Scalars['String']['output']>;
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  maxThreads?: Maybe<Scalars['Int']['output']>;
  /** Monthly bandwidth cap in bytes; null = none. */
  monthlyBandwidthLimitBytes?: Maybe<Scalars['SafeInt']['output']>;
  monthlyBandwidthUsedBytes?: Maybe<Scalars['SafeInt']['output']>;
  /** The password this sub-user's proxies use. Needs the `credentials` scope. */
  password?: Maybe<Scalars['String']['output']>;
  /** Webshare custom proxy list; null = the account's list. */
  proxyCountries?: Maybe<Array<CountryCount>>;
  /** The username this sub-user's proxies use, where it differs from username. */
  proxyUsername?: Maybe<Scalars['String']['output']>;
  username: Scalars['String']['output'];
};

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

export type UpdateDnsOverrideInput = {
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  hostname?: InputMaybe<Scalars['String']['input']>;
  ip?: InputMaybe<Scalars['String']['input']>;
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
  label?: InputMaybe<Scalars['String']['input']>;
  maxThreads?: InputMaybe<Scalars['Int']['input']>;
  /** Monthly bandwidth cap in bytes (ProxyMesh). */
  monthlyBandwidthLimitBytes?: InputMaybe<Scalars['SafeInt']['input']>;
  /** Where the provider lets you set one (ProxyMesh, Ping). */
  password?: InputMaybe<Scalars['String']['input']>;
  /** Webshare custom proxy list by country. */
  proxyCountries?: InputMaybe<Array<CountryCountInput>>;
};

/** Traffic in bytes and requests over a period. */
export type Usage = {
  __typename?: 'Usage';
  bandwidthLimitBytes?: Maybe<Scalars['SafeInt']['output']>;
  bandwidthRemainingBytes?: Maybe<Scalars['SafeInt']['output']>;
  bandwidthUsedBytes?: Maybe<Scalars['SafeInt']['output']>;
  periodEnd?: Maybe<Scalars['DateTime']['output']>;
  periodStart?: Maybe<Scalars['DateTime']['output']>;
  requestsFailed?: Maybe<Scalars['SafeInt']['output']>;
  requestsSucceeded?: Maybe<Scalars['SafeInt']['output']>;
  requestsTotal?: Maybe<Scalars['SafeInt']['output']>;
};

/** Totals in bytes over every account that reported, plus each account. */
export type UsageSummary = {
  __typename?: 'UsageSummary';
  accounts: Array<AccountUsage>;
  totals: Usage;
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


export type AccountOverviewQuery = { __typename?: 'Query', account?: { __typename?: 'Account', id: string, provider: Provider, profile?: { __typename?: 'AccountProfile', email?: string | null, name?: string | null, createdAt?: string | null } | null, plan?: { __typename?: 'Plan', id?: string | null, name?: string | null, type?: string | null, status?: string | null, proxyCount?: number | null, periodStart?: string | null, periodEnd?: string | null, bandwidthLimitBytes?: number | null, price?: number | null, currency?: string | null, subUsersTotal?: number | null, subUsersUsed?: number | null, replacementsAvailable?: number | null, onDemandRefreshesAvailable?: number | null } | null, usage?: { __typename?: 'Usage', bandwidthUsedBytes?: number | null, bandwidthLimitBytes?: number | null, bandwidthRemainingBytes?: number | null, requestsTotal?: number | null, requestsSucceeded?: number | null, requestsFailed?: number | null, periodStart?: string | null, periodEnd?: string | null } | null } | null };

export type AccountUnsupportedFieldsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type AccountUnsupportedFieldsQuery = { __typename?: 'Query', account?: { __typename?: 'Account', id: string, hostnameAuthorizations?: Array<{ __typename?: 'HostnameAuthorization', id: string }> | null, dnsOverrides?: Array<{ __typename?: 'DnsOverride', id: string }> | null, services?: Array<{ __typename?: 'Service', id: string }> | null } | null };

export type DemoSampleQueryVariables = Exact<{ [key: string]: never; }>;


export type DemoSampleQuery = { __typename?: 'Query', accounts: Array<{ __typename?: 'Account', id: string, provider: Provider, capabilities: Array<Capability>, proxies?: { __typename?: 'ProxyConnection', edges: Array<{ __typename?: 'ProxyEdge', node: { __typename?: 'Proxy', id: string, host: string, country?: string | null, ports: { __typename?: 'ProxyPorts', http?: number | null } } }> } | null }> };

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


export type AuthorizeIpMutation = { __typename?: 'Mutation', authorizeIp: Array<{ __typename?: 'AccountOperationResult', ok: boolean, alreadyDone: boolean, account: { __typename?: 'Account', id: string }, ipAuthorization?: { __typename?: 'IpAuthorization', id: string, ip: string, user?: string | null, expiresAt?: string | null, createdAt?: string | null, lastUsedAt?: string | null, account: { __typename?: 'Account', id: string } } | null, error?: { __typename?: 'OperationError', code: string, message: string, retryAfterSeconds?: number | null } | null }> };

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

export const IpAuthorizationFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"IpAuthorizationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IpAuthorization"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}},{"kind":"Field","name":{"kind":"Name","value":"user"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<IpAuthorizationFieldsFragment, unknown>;
export const ReplacementFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReplacementFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyReplacement"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"toReplace"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"ipAddresses"}},{"kind":"Field","name":{"kind":"Name","value":"ipRanges"}},{"kind":"Field","name":{"kind":"Name","value":"countryCode"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"replaceWith"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"countryCode"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"proxiesRemoved"}},{"kind":"Field","name":{"kind":"Name","value":"proxiesAdded"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"dryRunCompletedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ReplacementFieldsFragment, unknown>;
export const SubUserFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SubUserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubUser"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyBandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"maxThreads"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"proxyCountries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<SubUserFieldsFragment, unknown>;
export const AccountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Accounts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"provider"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Provider"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"provider"},"value":{"kind":"Variable","name":{"kind":"Name","value":"provider"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}}]}}]}}]} as unknown as DocumentNode<AccountsQuery, AccountsQueryVariables>;
export const AccountOverviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccountOverview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"profile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"proxyCount"}},{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"subUsersTotal"}},{"kind":"Field","name":{"kind":"Name","value":"subUsersUsed"}},{"kind":"Field","name":{"kind":"Name","value":"replacementsAvailable"}},{"kind":"Field","name":{"kind":"Name","value":"onDemandRefreshesAvailable"}}]}},{"kind":"Field","name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bandwidthUsedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthRemainingBytes"}},{"kind":"Field","name":{"kind":"Name","value":"requestsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"requestsSucceeded"}},{"kind":"Field","name":{"kind":"Name","value":"requestsFailed"}},{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}}]}}]}}]}}]} as unknown as DocumentNode<AccountOverviewQuery, AccountOverviewQueryVariables>;
export const AccountUnsupportedFieldsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccountUnsupportedFields"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"hostnameAuthorizations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dnsOverrides"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"services"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<AccountUnsupportedFieldsQuery, AccountUnsupportedFieldsQueryVariables>;
export const DemoSampleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DemoSample"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}},{"kind":"Field","name":{"kind":"Name","value":"proxies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"ports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"http"}}]}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<DemoSampleQuery, DemoSampleQueryVariables>;
export const AccountIpAuthorizationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccountIpAuthorizations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"IpAuthorizationFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"IpAuthorizationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IpAuthorization"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}},{"kind":"Field","name":{"kind":"Name","value":"user"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<AccountIpAuthorizationsQuery, AccountIpAuthorizationsQueryVariables>;
export const IpAuthorizationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"IpAuthorizations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"IpAuthorizationFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ipAuthorizations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"IpAuthorizationFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"IpAuthorizationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IpAuthorization"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}},{"kind":"Field","name":{"kind":"Name","value":"user"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<IpAuthorizationsQuery, IpAuthorizationsQueryVariables>;
export const AuthorizeIpDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AuthorizeIp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AuthorizeIpInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"authorizeIp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyDone"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ipAuthorization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"IpAuthorizationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"IpAuthorizationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IpAuthorization"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}},{"kind":"Field","name":{"kind":"Name","value":"user"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<AuthorizeIpMutation, AuthorizeIpMutationVariables>;
export const RevokeIpAuthorizationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeIpAuthorization"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeIpAuthorization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}}]}}]}}]} as unknown as DocumentNode<RevokeIpAuthorizationMutation, RevokeIpAuthorizationMutationVariables>;
export const RevokeIpDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeIp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ip"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountIds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeIp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ip"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ip"}}},{"kind":"Argument","name":{"kind":"Name","value":"accountIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyDone"}},{"kind":"Field","name":{"kind":"Name","value":"removedCount"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RevokeIpMutation, RevokeIpMutationVariables>;
export const CreateDnsOverrideDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateDnsOverride"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateDnsOverrideInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createDnsOverride"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<CreateDnsOverrideMutation, CreateDnsOverrideMutationVariables>;
export const AccountProxiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccountProxies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"proxies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"exitIp"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"asn"}},{"kind":"Field","name":{"kind":"Name","value":"asnName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"lastCheckedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"ports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"http"}},{"kind":"Field","name":{"kind":"Name","value":"socks5"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AccountProxiesQuery, AccountProxiesQueryVariables>;
export const ProxiesWithPlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProxiesWithPlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"proxyCount"}},{"kind":"Field","name":{"kind":"Name","value":"bandwidthLimitBytes"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProxiesWithPlanQuery, ProxiesWithPlanQueryVariables>;
export const AllProxiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AllProxies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AllProxiesQuery, AllProxiesQueryVariables>;
export const ProxyByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProxyById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<ProxyByIdQuery, ProxyByIdQueryVariables>;
export const ProxySecretsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProxySecrets"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proxy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"password"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","alias":{"kind":"Name","value":"socks"},"name":{"kind":"Name","value":"url"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"protocol"},"value":{"kind":"EnumValue","value":"SOCKS5"}}]}]}}]}}]} as unknown as DocumentNode<ProxySecretsQuery, ProxySecretsQueryVariables>;
export const RefreshProxyListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshProxyList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshProxyList"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"onDemandRefreshesAvailable"}}]}}]}}]}}]} as unknown as DocumentNode<RefreshProxyListMutation, RefreshProxyListMutationVariables>;
export const UpdateProxyCredentialsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateProxyCredentials"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProxyCredentialsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateProxyCredentials"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"proxyCredentials"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"password"}},{"kind":"Field","name":{"kind":"Name","value":"requestTimeoutSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"requestIdleTimeoutSeconds"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateProxyCredentialsMutation, UpdateProxyCredentialsMutationVariables>;
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