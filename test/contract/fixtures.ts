/**
 * The provider contract suite's knowledge of each provider, as data: how its simulator starts, the account
 * that points at it, the sample inputs the behaviours need, what its error bodies look like, and which of
 * its endpoints the suite injects faults into. The suite files hold the behaviour and iterate `FIXTURES`;
 * a new provider gets the whole suite by adding one entry here, and no test code.
 */
import type { AccountConfig } from '../../src/config/schema';
import type { Capability, ProviderName } from '../../src/core/providers';
import type { ProviderSimulator } from '../../src/simulators/kit';
import { startWebshareSimulator } from '../../src/simulators/webshare';
import { startProxyMeshSimulator, type ProxyMeshSimulator } from '../../src/simulators/proxymesh';
import { PROXY_HOSTS } from '../../src/simulators/proxymesh/data';
import { startWonderProxySimulator } from '../../src/simulators/wonderproxy';
import { startPingProxiesSimulator } from '../../src/simulators/pingproxies';
import { websharePost } from '../support/webshare-api';

/** Account fields the suite knows how to select (operations.ts); a fixture names one for its cheap read. */
export type AccountRead = 'profile' | 'plan' | 'usage' | 'proxies' | 'subUsers' | 'ipAuthorizations' | 'hostnameAuthorizations' | 'dnsOverrides' | 'servers';

/** Writes the suite can run from a fixture's samples; a fixture names one to receive the injected 409. */
export type SampleWrite = 'createSubUser' | 'createDnsOverride' | 'addHostnameAuthorization';

/**
 * Behaviours the design requires (docs/architecture.md §4a, §6) that a provider does not honour yet. The suite runs the
 * test anyway and reports it as TODO with the reason given here; deleting the entry makes it a plain test.
 */
export type ContractGap =
  /** A 404 on the cheap read comes back as the fixture's `notFound` says. */
  | 'notFoundOnCheapRead'
  /** `authorizeIp(ip)` with nothing else succeeds (docs/architecture.md §4a: a configured default user and expiry where needed). */
  | 'authorizeIpBare'
  /** `authorizeIp` is idempotent whatever arguments it gets, and a changed expiry is applied, never kept silently. */
  | 'authorizeIpAnyArguments'
  /** Deleting what is already gone says so: NOT_FOUND, or `deleted: false, count: 0`; never `deleted: true`. */
  | `${DeleteMutation}Twice`
  /** `first: 0` answers an empty page with no cursor and no next page, as Account.proxies does (issue 12). */
  | `${PagedField}ZeroPage`;

/** The connections of an account the paging walk covers. */
export type PagedField = 'proxies' | 'subUsers';

/** The mutations that remove one thing, each tested twice in a row. */
export type DeleteMutation = 'deleteSubUser' | 'revokeIpAuthorization' | 'removeHostnameAuthorization' | 'deleteDnsOverride' | 'deauthorizeProxyServer';

/** What a simulator answers when the suite injects a status: the provider's own error-body shape. */
export interface FaultAnswer {
  body: unknown;
  headers?: Record<string, string>;
  /** The request id this body carries, when the provider puts one in its errors (→ `extensions.upstreamRequestId`). */
  upstreamRequestId?: string;
}

export interface ProviderFixture {
  /** Names the fixture in test names; unique. */
  name: string;
  provider: ProviderName;
  /** The fixture's main account; the suite derives extra accounts' ids from it (`<accountId>-<suffix>`). */
  accountId: string;
  /**
   * Starts the provider's simulator with its throttles off (the suite is not about pacing) and small seed
   * data, yet more items in every paged list than the largest page size the paging walk uses (5).
   */
  start(): Promise<ProviderSimulator>;
  /** Config beyond id, provider, baseUrl and credentials (which come from the simulator). */
  accountExtras?(simulator: ProviderSimulator): Partial<AccountConfig>;
  /**
   * Credentials the simulator refuses, chosen so refusing them harms no other account (ProxyMesh bans a
   * username after four failures: a username of its own).
   */
  wrongCredentials: Record<string, string>;
  /** Every form the account's credentials travel in: none may appear in any response. */
  secretsOf(credentials: Record<string, string>): string[];
  /** What `Account.capabilities` reports for this provider: the suite runs the behaviours of each. */
  capabilities: readonly Capability[];
  /** The provider's error body for `status`, carrying `message` where the provider puts a message. */
  errorBody(status: number, message: string): FaultAnswer;
  /** A read that makes one cheap upstream call: where statuses are injected. */
  cheapRead: {
    field: AccountRead;
    /** The simulator's route pattern for it (`GET /api/v2/profile/`). */
    endpoint: string;
    /** What a 404 there means: an error NOT_FOUND, or a null field (the thing is absent). */
    notFound: 'NOT_FOUND' | 'null';
  };
  /** A write where an injected 409 must come back as CONFLICT. */
  conflictWrite: { write: SampleWrite; endpoint: string };
  /** Route patterns that list proxies: what one page of `Account.proxies` may call. */
  proxyListEndpoints: readonly string[];
  /** Inputs for the behaviours of the fixture's capabilities; `unique` keeps names apart between calls. */
  samples: {
    /** CreateSubUserInput without accountId (SUB_USERS). */
    subUser?(unique: string): Record<string, unknown>;
    /** AuthorizeIpInput for this account without accountIds (IP_AUTHORIZATIONS): what the provider needs today. */
    ipAuthorization(unique: number): Record<string, unknown>;
    /** A hostname to authorize (HOSTNAME_AUTHORIZATIONS). */
    hostname?(unique: string): string;
    /** CreateDnsOverrideInput without accountId (DNS_OVERRIDES). */
    dnsOverride?(unique: string): Record<string, unknown>;
    /** A proxy host the account does not hold yet, that it may add (PROXY_SERVER_AUTHORIZATION with SERVERS). */
    proxyServerHost?: string;
  };
  /** The AuthorizeIpInput fields this provider's entries cannot carry: authorizeIp reports them in notApplied. */
  ipAuthorizationNotApplied: readonly string[];
  gaps?: Partial<Record<ContractGap, string>>;
}

const HOUR_MS = 3_600_000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR_MS).toISOString();
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
/** A documentation-range address (RFC 5737), different per call so entries never collide. */
const testIp = (unique: number) => `203.0.113.${100 + (unique % 150)}`;

/** A gap of the shared sub-user connection, so every provider with sub-users has it. */

/** Throttling off in the simulators, so the account budgets are opened to match. */
const OPEN_BUDGET = { requestsPerMinute: 60_000 };

export const FIXTURES: readonly ProviderFixture[] = [
  {
    name: 'Webshare',
    ipAuthorizationNotApplied: ['user', 'expiresAt'],
    provider: 'webshare',
    accountId: 'ws',
    start: async () => {
      const simulator = await startWebshareSimulator({ seed: 31, rateLimits: false, proxyCount: 13, subUserCount: 0, ipAuthorizationCount: 2 });
      // Sub-users made through the API: seeded ones carry weeks of hourly usage that every list call renders.
      for (let index = 0; index < 8; index++) await websharePost(simulator, '/api/v2/subuser/', { label: `seeded-${index}` });
      return simulator;
    },
    accountExtras: () => ({ limits: { ...OPEN_BUDGET, proxyListRequestsPerMinute: 60_000 } }),
    wrongCredentials: { token: 'contract-wrong-webshare-token-0123456789' },
    secretsOf: (credentials) => [credentials.token],
    capabilities: [
      'DOWNLOAD_TOKENS',
      'IP_AUTHORIZATIONS',
      'PLAN',
      'PROFILE',
      'PROXIES',
      'PROXY_ACTIVITY',
      'PROXY_ALLOCATION',
      'PROXY_CREDENTIALS',
      'PROXY_GATEWAY',
      'PROXY_LIST_REFRESH',
      'PROXY_REPLACEMENT',
      'PROXY_SETTINGS',
      'SUB_USERS',
      'SUB_USER_PROXY_REFRESH',
      'USAGE',
      'USAGE_HISTORY',
    ],
    // DRF: `{"detail"}` for every status; Retry-After on 429.
    errorBody: (status, message) =>
      status === 429
        ? { body: { detail: `Request was throttled. Expected available in 3 seconds. ${message}` }, headers: { 'retry-after': '3' } }
        : { body: { detail: message } },
    cheapRead: { field: 'profile', endpoint: 'GET /api/v2/profile/', notFound: 'NOT_FOUND' },
    conflictWrite: { write: 'createSubUser', endpoint: 'POST /api/v2/subuser/' },
    proxyListEndpoints: ['GET /api/v2/proxy/list/'],
    samples: {
      subUser: (unique) => ({ label: `contract-${unique}` }),
      ipAuthorization: (unique) => ({ ip: testIp(unique) }),
    },
  },
  {
    name: 'ProxyMesh',
    ipAuthorizationNotApplied: ['user', 'expiresAt'],
    provider: 'proxymesh',
    accountId: 'pm',
    // Every proxy host but the one the round trip adds, and room for them and for more sub-accounts.
    start: () =>
      startProxyMeshSimulator({
        seed: 31,
        subAccountCount: 12,
        authorizedHosts: PROXY_HOSTS.filter((host) => host !== 'fr'),
        plan: { proxyLimit: PROXY_HOSTS.length, subAccountLimit: 20 },
      }),
    // ProxyMesh cannot list sub-accounts: the seeded ones are made known, so the list has something to page.
    accountExtras: (simulator) => ({ knownSubAccounts: [...(simulator as ProxyMeshSimulator).state.subs.keys()] }),
    wrongCredentials: { username: 'contract-wrong-user', password: 'contract-wrong-password-0123' },
    secretsOf: (credentials) => [credentials.password, base64(`${credentials.username}:${credentials.password}`)],
    capabilities: [
      'COUNTRY_POOLS',
      'HOSTNAME_AUTHORIZATIONS',
      'IP_AUTHORIZATIONS',
      'PROFILE',
      'PROXIES',
      'PROXY_SERVER_AUTHORIZATION',
      'SERVERS',
      'SUB_USERS',
      'SUB_USER_ACTIVATION',
      'SUB_USER_IMPORT',
    ],
    // Django: 400 is a form-error body, 401 a plain "Unauthorized" with a Basic challenge, the rest `{"error"}`.
    errorBody: (status, message) => {
      if (status === 400) return { body: { ip: [message] } };
      if (status === 401) return { body: `Unauthorized ${message}`, headers: { 'www-authenticate': 'Basic realm="ProxyMesh API"' } };
      const headers: Record<string, string> = status === 429 ? { 'retry-after': '3' } : {};
      return { body: { error: message }, headers };
    },
    cheapRead: { field: 'ipAuthorizations', endpoint: 'GET /api/ips/', notFound: 'NOT_FOUND' },
    conflictWrite: { write: 'addHostnameAuthorization', endpoint: 'POST /api/hostname/add/' },
    proxyListEndpoints: ['GET /api/proxies/'],
    samples: {
      subUser: (unique) => ({ username: `contract-${unique}` }),
      ipAuthorization: (unique) => ({ ip: testIp(unique) }),
      hostname: (unique) => `contract-${unique}.example.net`,
      proxyServerHost: 'fr',
    },
  },
  {
    name: 'WonderProxy',
    ipAuthorizationNotApplied: [],
    provider: 'wonderproxy',
    accountId: 'wp',
    // Authlist entries need a user: the account names a default, so authorizeIp(ip) alone works.
    accountExtras: () => ({ ipAuthorizations: { defaultUser: 'jack' } }),
    // The docs' sample servers (melbourne takes the DNS override) and one more: a dozen exit IPs.
    start: () => startWonderProxySimulator({ seed: 31, contractServers: ['denver', 'melbourne', 'joaopessoa', 'riyadh', 'london'] }),
    wrongCredentials: { token: 'contract-wrong-wonderproxy-token-0123' },
    // HTTP Basic with the token as username and an empty password.
    secretsOf: (credentials) => [credentials.token, base64(`${credentials.token}:`)],
    capabilities: [
      'DNS_OVERRIDES',
      'IP_AUTHORIZATIONS',
      'IP_AUTHORIZATION_UPDATES',
      'IP_AUTHORIZATION_USERS',
      'NETWORK_SERVERS',
      'PLAN',
      'PROFILE',
      'PROXIES',
      'SERVERS',
      'USAGE',
    ],
    errorBody: (status, message) => ({
      body: { message },
      headers: { 'content-type': 'application/json; charset=UTF-8', ...(status === 429 ? { 'retry-after': '3' } : {}) },
    }),
    cheapRead: { field: 'profile', endpoint: 'GET /v0/contract', notFound: 'NOT_FOUND' },
    conflictWrite: { write: 'createDnsOverride', endpoint: 'POST /v0/contract/overrides' },
    proxyListEndpoints: ['GET /v0/contract/servers'],
    samples: {
      // WonderProxy needs an active proxy user and an expiry on every authlist entry.
      ipAuthorization: (unique) => ({ ip: testIp(unique), user: 'jack', expiresAt: inHours(2) }),
      dnsOverride: (unique) => ({ server: 'melbourne', hostname: `contract-${unique}.example.net`, ip: '203.0.113.9', expiresAt: inHours(2) }),
    },
  },
  {
    name: 'Ping Proxies',
    ipAuthorizationNotApplied: ['user', 'expiresAt'],
    provider: 'pingproxies',
    accountId: 'ping',
    start: () => startPingProxiesSimulator({ seed: 31, rateLimit: false, proxyCount: 13, extraProxyUsers: 9, proxyUserLimit: 20 }),
    accountExtras: () => ({ limits: OPEN_BUDGET }),
    wrongCredentials: { publicKey: 'contract-wrong-public-key', privateKey: 'contract-wrong-private-key-0123' },
    secretsOf: (credentials) => [credentials.publicKey, credentials.privateKey],
    capabilities: ['GENERATED_PROXY_LISTS', 'IP_AUTHORIZATIONS', 'PLAN', 'PROFILE', 'PROXIES', 'SERVICES', 'SUB_USERS', 'SUB_USER_ACCESS_RULES', 'USAGE'],
    // `{error, message, api_request_id}` for every status; the wait of a 429 is in the message.
    errorBody: (status, message) => {
      const upstreamRequestId = `c0ffee00-0000-4000-8000-${String(status).padStart(12, '0')}`;
      const text = status === 429 ? `Rate limit exceeded. Please try again in 3 seconds. ${message}` : message;
      return { body: { error: `HTTP ${status}`, message: text, api_request_id: upstreamRequestId }, upstreamRequestId };
    },
    cheapRead: { field: 'profile', endpoint: 'GET /1.0/public/user/customer/retrieve', notFound: 'NOT_FOUND' },
    conflictWrite: { write: 'createSubUser', endpoint: 'POST /1.0/public/user/proxy_user/create' },
    proxyListEndpoints: ['GET /1.0/public/user/proxy/search'],
    samples: {
      subUser: (unique) => ({ username: `contract_${unique}` }),
      ipAuthorization: (unique) => ({ ip: testIp(unique) }),
    },
  },
];

/** The capabilities an account of this provider reports (sorted): the one list the graph tests compare with. */
export function capabilitiesOf(provider: ProviderName): Capability[] {
  const fixture = FIXTURES.find((candidate) => candidate.provider === provider);
  if (!fixture) throw new Error(`no contract fixture for ${provider}`);
  return [...fixture.capabilities].sort();
}
