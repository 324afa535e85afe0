/**
 * One request's view of the sub-accounts ProxyGraph knows on a ProxyMesh account (ProxyMesh cannot list
 * them: known-subaccounts.ts). Each is read once per request through /api/sub/get/ (there is no bulk
 * endpoint), and the known names are kept in step with what the request did upstream. Shared by the
 * sub-user facets.
 */
import { isCode } from '../../core/errors';
import { perKeyLoader } from '../shared/loaders';
import type { SessionContext } from '../contract/session';
import type { ProxyMeshClient } from './client';
import type { KnownSubAccounts } from './known-subaccounts';
import type { ProxyMeshSubAccount } from './wire';

export class SubAccountDirectory {
  /** null when ProxyMesh has no such sub-account. */
  private readonly byUsername = perKeyLoader((username: string) => this.client.subAccount(username));

  constructor(
    private readonly client: ProxyMeshClient,
    private readonly known: KnownSubAccounts,
    private readonly accountId: string,
    /** The request's context: where warnings to the client go. */
    private readonly context: SessionContext,
  ) {}

  /** Known usernames, in the order they are listed. */
  usernames(): Promise<string[]> {
    return this.known.list();
  }

  get(username: string): Promise<ProxyMeshSubAccount | null> {
    return this.byUsername.load(username);
  }

  /** A known sub-account, or null when ProxyMesh no longer has it for this account (it is then forgotten). */
  async getKnown(username: string): Promise<ProxyMeshSubAccount | null> {
    try {
      const sub = await this.get(username);
      if (sub) return sub;
    } catch (error) {
      if (!isCode(error, 'PROVIDER_FORBIDDEN')) throw error;
    }
    await this.forget(username);
    return null;
  }

  /** Best effort: a name the store still holds is dropped again the next time sub-accounts are listed. */
  async forget(username: string): Promise<void> {
    await this.known.remove(username).catch(() => undefined);
  }

  /** What ProxyMesh answered for a sub-account is what the rest of the request reads. */
  remember(sub: ProxyMeshSubAccount): void {
    this.byUsername.clear(sub.username).prime(sub.username, sub);
  }

  /** After a delete: the next read in the request asks ProxyMesh again. */
  deleted(username: string): void {
    this.byUsername.clear(username);
  }

  /**
   * Records in the state store what was just done upstream. The upstream change stands whatever happens
   * here, so a store failure does not fail the operation: the client gets the result plus a NOT_REMEMBERED
   * warning saying what was not recorded and what to do.
   */
  async record(change: 'add' | 'remove', username: string, consequence: string): Promise<void> {
    try {
      await (change === 'add' ? this.known.add(username) : this.known.remove(username));
    } catch {
      this.context.warn?.({ code: 'NOT_REMEMBERED', accountId: this.accountId, message: `sub-account "${username}" ${consequence}` });
    }
  }
}
