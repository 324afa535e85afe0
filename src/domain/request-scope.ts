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
import type { AccountSession, OperationWarning } from '../providers/types';
import type { Capability, ProviderName } from '../core/providers';
import { notFound, unsupported } from '../core/errors';
import { UpstreamRequestContext } from '../upstream/request-context';
import type { Principal } from './principal';
import type { AccountRegistry, RegisteredAccount } from './registry';

export type Access = 'read' | 'write';

/**
 * What each session method does upstream. `satisfies` makes TypeScript insist that every method of
 * AccountSession is listed, so a new method cannot be added without saying whether it writes.
 */
const SESSION_METHOD_ACCESS = {
  profile: 'read',
  plan: 'read',
  defaultProxyType: 'read',
  usage: 'read',
  listProxies: 'read',
  getProxy: 'read',
  listSubUsers: 'read',
  getSubUser: 'read',
  createSubUser: 'write',
  updateSubUser: 'write',
  deleteSubUser: 'write',
  setSubUserActive: 'write',
  refreshSubUserProxies: 'write',
  subUserProxyCredentials: 'read',
  subUserIpAuthorizations: 'read',
  listIpAuthorizations: 'read',
  updateIpAuthorization: 'write',
  getIpAuthorization: 'read',
  authorizeIp: 'write',
  defaultIpAuthorizationOwner: 'read',
  revokeIpAuthorization: 'write',
  replaceProxies: 'write',
  listProxyReplacements: 'read',
  getProxyReplacement: 'read',
  refreshProxyList: 'write',
  importSubUser: 'write',
  clearIpAuthorizations: 'write',
  listHostnameAuthorizations: 'read',
  addHostnameAuthorization: 'write',
  removeHostnameAuthorization: 'write',
  listServers: 'read',
  getServer: 'read',
  authorizeProxyServer: 'write',
  deauthorizeProxyServer: 'write',
  networkServers: 'read',
  listCountryPools: 'read',
  listDnsOverrides: 'read',
  getDnsOverride: 'read',
  createDnsOverride: 'write',
  updateDnsOverride: 'write',
  deleteDnsOverride: 'write',
  clearDnsOverrides: 'write',
  listServices: 'read',
  getService: 'read',
  updateService: 'write',
  cancelService: 'write',
  proxyUrls: 'read',
  proxyCredentials: 'read',
  updateProxyCredentials: 'write',
} as const satisfies Record<keyof Required<AccountSession>, Access>;

type ReadMethod = { [K in keyof typeof SESSION_METHOD_ACCESS]: (typeof SESSION_METHOD_ACCESS)[K] extends 'read' ? K : never }[keyof typeof SESSION_METHOD_ACCESS];

/** The part of a session a read may use. */
export type ReadSession = Pick<AccountSession, ReadMethod>;
type SessionFor<A extends Access> = A extends 'write' ? AccountSession : ReadSession;
type MethodFor<A extends Access> = A extends 'write' ? keyof AccountSession : ReadMethod;

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
      onRecorded: (call) => {
        this.telemetry.upstreamCalls += 1;
        this.telemetry.upstreamMs += call.durationMs;
      },
    });
    // The views get the scope's private means (visibility, sessions) and are its only way to data.
    const gate: ScopeGate = {
      principal,
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
    return this.registry.all().filter(
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

  /** The account's session for this request (a read view's is typed down to the read methods). */
  session(accountId: string): SessionFor<A> {
    return this.scope.sessionOf(this.account(accountId)) as SessionFor<A>;
  }

  /**
   * The session method behind an operation, after the scope and capability checks: an account whose
   * provider cannot do it fails with UNSUPPORTED_BY_PROVIDER before any upstream call.
   */
  operation<K extends MethodFor<A>>(
    accountId: string,
    capability: Capability | null,
    name: K,
    description: string,
  ): NonNullable<AccountSession[K]> {
    const account = this.account(accountId);
    if (SESSION_METHOD_ACCESS[name] === 'write' && this.access !== 'write') {
      // A read path asking for a write is a programming error; refuse it as the caller's missing scope would be.
      this.scope.principal.require('write');
    }
    const session = this.scope.sessionOf(account);
    const method = session[name];
    if ((capability && !account.adapter.capabilities.has(capability)) || typeof method !== 'function') {
      throw unsupported(account.provider, account.id, description);
    }
    return (method as (...args: unknown[]) => unknown).bind(session) as NonNullable<AccountSession[K]>;
  }

  supports(accountId: string, capability: Capability): boolean {
    return this.account(accountId).adapter.capabilities.has(capability);
  }
}
