/**
 * Who is calling: scopes (`read`, `write`, `credentials`) and the accounts they may see.
 * Hidden accounts behave exactly like missing ones (NOT_FOUND), so ids cannot be probed.
 */
import type { Scope } from '../config/schema';
import { ProxyGraphError } from '../core/errors';

export class Principal {
  constructor(
    readonly name: string,
    readonly scopes: ReadonlySet<Scope>,
    /** `*` = every account. */
    readonly accountIds: '*' | ReadonlySet<string>,
    /** False only for the principal of `auth.mode: none`: nobody signed in, everything allowed. */
    readonly authenticated = true,
    /** When the credential it was read from stops being valid (a JWT's `exp`); API keys do not expire. */
    readonly expiresAtMs?: number,
  ) {}

  /**
   * Background work of ProxyGraph itself (usage snapshots, polls for subscriptions): reads every account and
   * can never write or see a credential, whatever the code it runs.
   */
  static backgroundReader(name: string): Principal {
    return new Principal(name, new Set<Scope>(['read']), '*');
  }

  static anonymousFullAccess(): Principal {
    return new Principal('anonymous (auth off)', new Set<Scope>(['read', 'write', 'credentials']), '*', false);
  }

  has(scope: Scope): boolean {
    return this.scopes.has(scope);
  }

  canSee(accountId: string): boolean {
    return this.accountIds === '*' || this.accountIds.has(accountId);
  }

  require(scope: Scope): void {
    if (!this.has(scope)) throw new ProxyGraphError('FORBIDDEN', `this operation needs the "${scope}" scope`);
  }

  /**
   * What the caller may know about itself (Query.viewer): its name, its scopes in a fixed order (read,
   * write, credentials) and whether it signed in. The accounts it may see are not listed here: they are
   * exactly what `accounts` answers.
   */
  describe(): { name: string | null; scopes: Scope[]; authenticated: boolean } {
    return {
      name: this.authenticated ? this.name : null,
      scopes: SCOPE_ORDER.filter((scope) => this.scopes.has(scope)),
      authenticated: this.authenticated,
    };
  }
}

const SCOPE_ORDER: readonly Scope[] = ['read', 'write', 'credentials'];
