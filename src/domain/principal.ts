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
  ) {}

  static anonymousFullAccess(): Principal {
    return new Principal('anonymous (auth off)', new Set<Scope>(['read', 'write', 'credentials']), '*');
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
}
