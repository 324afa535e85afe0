/**
 * The account's default proxy user. Every customer has one [C] (its id differs per account: Ping's own samples
 * show "default_user" and "stevejobs"), and it never changes, so the adapter remembers it for its life: learnt
 * from any proxy user a read shows flagged `proxy_user_is_default`, or found with one search when no read has
 * shown it yet. IP authorizations without a sub-user land on it; deleting it is refused before any call.
 */
import type { PingClient } from './client';
import type { PingProxyUser } from './wire';

export class DefaultProxyUser {
  private id: string | undefined;
  private search: Promise<string | null> | undefined;

  /** Learns the id from proxy users read for another purpose (a list page, a retrieve, a write's answer). */
  seen(users: readonly PingProxyUser[]): void {
    if (this.id) return;
    this.id = users.find((user) => user.proxy_user_is_default && !user.proxy_user_is_deleted)?.proxy_user_id;
  }

  /** The id: remembered, or searched for once (null when Ping reports none). A failed search is tried again next time. */
  find(client: PingClient): Promise<string | null> {
    if (this.id) return Promise.resolve(this.id);
    this.search ??= client
      .proxyUsers({ proxy_user_is_default: true, proxy_user_is_deleted: false, per_page: 1 })
      .then((response) => {
        this.seen(response.data);
        this.search = undefined;
        return this.id ?? null;
      })
      .catch((error) => {
        this.search = undefined;
        throw error;
      });
    return this.search;
  }
}
