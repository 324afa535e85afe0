/**
 * Everything one GraphQL request knows about accounts: the caller, the registry, and one AccountSession per
 * account touched (created lazily, so its DataLoaders batch and de-duplicate within this request only).
 */
import type { AccountSession, Capability, ProviderName, UpstreamObserver } from '../providers/types';
import { notFound, unsupported } from '../upstream/errors';
import type { Principal } from './principal';
import type { AccountRegistry, RegisteredAccount } from './registry';

/** What the request's upstream calls cost, for its log line. */
export interface RequestTelemetry {
  upstreamCalls: number;
  upstreamMs: number;
}

export class RequestScope {
  private readonly sessions = new Map<string, AccountSession>();
  readonly telemetry: RequestTelemetry = { upstreamCalls: 0, upstreamMs: 0 };
  private readonly observeCall: UpstreamObserver = (call) => {
    this.telemetry.upstreamCalls += 1;
    this.telemetry.upstreamMs += call.durationMs;
  };

  constructor(
    readonly principal: Principal,
    readonly registry: AccountRegistry,
  ) {}

  /** The account if this caller may see it, else NOT_FOUND (same answer as a missing account). */
  account(accountId: string): RegisteredAccount {
    const account = this.registry.find(accountId);
    if (!account || !this.principal.canSee(accountId)) {
      throw notFound(`no account with id "${accountId}"`, { accountId });
    }
    return account;
  }

  visibleAccounts(filter: { provider?: ProviderName | null; accountIds?: readonly string[] | null } = {}): RegisteredAccount[] {
    return this.registry.all().filter(
      (account) =>
        this.principal.canSee(account.id) &&
        (!filter.provider || account.provider === filter.provider) &&
        (!filter.accountIds || filter.accountIds.includes(account.id)),
    );
  }

  session(accountId: string): AccountSession {
    let session = this.sessions.get(accountId);
    if (!session) {
      session = this.account(accountId).adapter.openSession(this.observeCall);
      this.sessions.set(accountId, session);
    }
    return session;
  }

  /**
   * The session method behind an operation, after the capability check: an account whose provider cannot
   * do it fails with UNSUPPORTED_BY_PROVIDER before any upstream call.
   */
  operation<K extends keyof AccountSession>(
    accountId: string,
    capability: Capability | null,
    name: K,
    description: string,
  ): NonNullable<AccountSession[K]> {
    const account = this.account(accountId);
    const session = this.session(accountId);
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
