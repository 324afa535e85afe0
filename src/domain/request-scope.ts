/**
 * Everything one GraphQL request knows about accounts: the caller, the registry, one AccountSession per
 * account touched (created lazily, so its DataLoaders batch and de-duplicate within this request only), and
 * the limits every upstream call of the request obeys (one deadline, a call allowance, cancellation when the
 * client goes; see upstream/request-context.ts).
 *
 * Authorization lives here, where entities are loaded, so every path crosses it: root fields, nested fields,
 * `_entities` and whatever comes next. Data is reached only through an access view:
 * - `reads` needs the `read` scope and serves queries, nested fields and entity references;
 * - `writes` needs the `write` scope and serves mutations (including the reads a write needs to do its job,
 *   such as finding the entry `revokeIp` removes).
 * Both answer NOT_FOUND for an account the caller may not see, exactly as for one that does not exist.
 * Fields below a mutation's result that load more data go through `reads` again: a write-only key sees what
 * its write returned, nothing else.
 */
import type { AccountSession, Facet, FacetName, OperationWarning, ReadFacet } from '../providers/contract/session';
import type { Capability, ProviderName } from '../core/providers';
import { notFound, unsupported } from '../core/errors';
import { UpstreamRequestContext } from '../upstream/request-context';
import type { Principal } from './principal';
import type { AccountRegistry, RegisteredAccount } from './registry';
import { auditedFacet, type AuditContext, type AuditLog } from './audit';
import type { UsageHistorySource } from './usage-history';

export type Access = 'read' | 'write';

export type FacetFor<A extends Access, K extends FacetName> = A extends 'write' ? Facet<K> : ReadFacet<K>;

/** What each facet is, for the UNSUPPORTED_BY_PROVIDER message of an account without it. */
const FACET_WHAT: Record<FacetName, string> = {
  profile: 'The account profile',
  plan: 'The account plan',
  usage: 'Usage',
  proxies: 'Proxies',
  subUsers: 'Sub-users',
  subUserActivation: 'Activating and deactivating sub-users',
  subUserImport: 'Importing sub-users',
  subUserProxyRefresh: "Refreshing a sub-user's proxies",
  ipAuthorizations: 'IP authorizations',
  ipAuthorizationUpdates: 'Changing an IP authorization',
  ipAuthorizationUsers: 'Users of IP authorizations',
  hostnameAuthorizations: 'Hostname authorizations',
  servers: 'Servers on the account',
  proxyServerAuthorization: 'Proxy server authorization',
  networkServers: 'A network server catalogue',
  countryPools: 'Country pools',
  dnsOverrides: 'DNS overrides',
  services: 'Services',
  proxyReplacement: 'Proxy replacement',
  proxyListRefresh: 'Refreshing the proxy list',
  proxyCredentials: 'Proxy credentials',
  usageHistory: 'An hourly usage series',
  proxyActivity: 'Proxy activity',
  downloadTokens: 'Download tokens',
  subUserAccessRules: 'Sub-user access rules',
  generatedProxyLists: 'Generated proxy lists',
  proxyGateway: 'A rotating proxy gateway',
  proxyAllocation: 'Proxy list status and country allocation',
  proxySettings: 'Proxy settings',
};

/** What the request's upstream calls cost, for its log line. */
export interface RequestTelemetry {
  upstreamCalls: number;
  upstreamMs: number;
}

export interface RequestLimits {
  /** Epoch ms by which every upstream call of the request must be over. */
  deadlineAtMs: number;
  /** HTTP calls to providers the request may make (retries count). */
  maxUpstreamCalls: number;
  /** Aborted when the client has gone: no new upstream call starts after that. */
  clientGone?: AbortSignal;
  /** The request's id (x-request-id), sent to providers with every call made for it. */
  requestId?: string;
  /** Where writes are recorded (domain/audit.ts); none in tests that do not look. */
  auditLog?: AuditLog;
  /** The usage history ProxyGraph keeps (domain/usage-history.ts); none when it is off. */
  usageHistory?: UsageHistorySource;
  /** Told when an audit entry could not be kept. */
  onAuditError?: (error: Error) => void;
  /** The client asked for fresh data: the read cache is not consulted for this request. */
  freshReads?: boolean;
  /** The oldest cached answer the request accepts (upstream/request-context.ts). */
  maxCacheAgeMs?: number;
  /** Receives warnings for the response's `extensions.warnings`. */
  warn?: (warning: OperationWarning) => void;
}

export interface AccountFilter {
  provider?: ProviderName | null;
  accountIds?: readonly string[] | null;
}

export class RequestScope {
  private readonly sessions = new Map<string, AccountSession>();
  readonly telemetry: RequestTelemetry = { upstreamCalls: 0, upstreamMs: 0 };
  /** What every upstream call made for this request carries. */
  readonly upstream: UpstreamRequestContext;
  /** The GraphQL operation's name, once known (audit entries carry it). */
  operationName: string | null = null;
  /** The audit log, for `auditLog` queries (entries are filtered by the reads view). */
  readonly auditLog?: AuditLog;
  /** The usage history, for `Account.usageHistory` (read through the reads view's account check). */
  readonly usageHistory?: UsageHistorySource;
  /** Queries, nested fields and entity references: need the `read` scope. */
  readonly reads: AccessView<'read'>;
  /** Mutations: need the `write` scope. */
  readonly writes: AccessView<'write'>;

  constructor(
    readonly principal: Principal,
    readonly registry: AccountRegistry,
    private readonly limits: RequestLimits = { deadlineAtMs: Number.POSITIVE_INFINITY, maxUpstreamCalls: Number.POSITIVE_INFINITY },
  ) {
    this.upstream = new UpstreamRequestContext({
      principal: principal.name,
      deadlineAtMs: limits.deadlineAtMs,
      maxCalls: limits.maxUpstreamCalls,
      clientGone: limits.clientGone,
      freshReads: limits.freshReads,
      maxCacheAgeMs: limits.maxCacheAgeMs,
      requestId: limits.requestId,
      onRecorded: (call) => {
        this.telemetry.upstreamCalls += 1;
        this.telemetry.upstreamMs += call.durationMs;
      },
    });
    // The views get the scope's private means (visibility, sessions) and are its only way to data.
    const auditLog = limits.auditLog;
    this.auditLog = auditLog;
    this.usageHistory = limits.usageHistory;
    const gate: ScopeGate = {
      principal,
      audit: auditLog && {
        log: auditLog,
        principal: principal.name,
        requestId: limits.requestId ?? null,
        operation: () => this.operationName,
        onError: limits.onAuditError ?? (() => {}),
      },
      visible: (accountId) => this.visible(accountId),
      visibleAccounts: (filter) => this.visibleAccounts(filter),
      sessionOf: (account) => this.sessionOf(account),
    };
    this.reads = new AccessView(gate, 'read');
    this.writes = new AccessView(gate, 'write');
  }

  /**
   * The account of a node the caller already holds (`Proxy.account`, `Account.capabilities` and the like).
   * Needs no scope of its own: the node was loaded through `reads` or returned by a write the caller made,
   * and this reaches no provider.
   */
  accountOf(accountId: string): RegisteredAccount {
    return this.visible(accountId);
  }

  /** The account if this caller may see it, else NOT_FOUND (the same answer as a missing account). */
  private visible(accountId: string): RegisteredAccount {
    const account = this.registry.find(accountId);
    if (!account || !this.principal.canSee(accountId)) {
      throw notFound(`no account with id "${accountId}"`, { accountId });
    }
    return account;
  }

  private visibleAccounts(filter: AccountFilter): RegisteredAccount[] {
    return this.registry
      .all()
      .filter(
        (account) =>
          this.principal.canSee(account.id) &&
          (!filter.provider || account.provider === filter.provider) &&
          (!filter.accountIds || filter.accountIds.includes(account.id)),
      );
  }

  private sessionOf(account: RegisteredAccount): AccountSession {
    let session = this.sessions.get(account.id);
    if (!session) {
      session = account.adapter.openSession({ upstream: this.upstream, warn: this.limits.warn });
      this.sessions.set(account.id, session);
    }
    return session;
  }
}

interface ScopeGate {
  principal: Principal;
  audit?: AuditContext;
  visible(accountId: string): RegisteredAccount;
  visibleAccounts(filter: AccountFilter): RegisteredAccount[];
  sessionOf(account: RegisteredAccount): AccountSession;
}

/** The request's accounts and sessions, behind one scope check. */
export class AccessView<A extends Access> {
  constructor(
    private readonly scope: ScopeGate,
    readonly access: A,
  ) {}

  /** The account, after the scope check; NOT_FOUND when it does not exist or the caller may not see it. */
  account(accountId: string): RegisteredAccount {
    this.scope.principal.require(this.access);
    return this.scope.visible(accountId);
  }

  /** Every account the caller may see, narrowed by provider or ids. */
  accounts(filter: AccountFilter = {}): RegisteredAccount[] {
    this.scope.principal.require(this.access);
    return this.scope.visibleAccounts(filter);
  }

  /**
   * One facet of the account's session for this request, after the scope check; an account whose provider
   * has no such facet fails with UNSUPPORTED_BY_PROVIDER before any upstream call. A read view's facet is
   * typed without its write methods.
   */
  facet<K extends FacetName>(accountId: string, name: K): FacetFor<A, K> {
    const account = this.account(accountId);
    const facet = this.scope.sessionOf(account)[name];
    if (!facet) throw unsupported(account.provider, account.id, FACET_WHAT[name]);
    return this.audited(facet, name, account) as FacetFor<A, K>;
  }

  /** The facet when the account's provider has it, else undefined (for optional shortcuts, e.g. Ping's formatted URLs). */
  facetIfAny<K extends FacetName>(accountId: string, name: K): FacetFor<A, K> | undefined {
    const account = this.account(accountId);
    const facet = this.scope.sessionOf(account)[name];
    return facet === undefined ? undefined : (this.audited(facet, name, account) as FacetFor<A, K>);
  }

  /** A write view's facets record their writes in the audit log: every mutation path crosses here. */
  private audited<T extends object>(facet: T, name: FacetName, account: RegisteredAccount): T {
    return this.access === 'write' && this.scope.audit ? auditedFacet(facet, name, account, this.scope.audit) : facet;
  }

  supports(accountId: string, capability: Capability): boolean {
    return this.account(accountId).capabilities.has(capability);
  }
}
