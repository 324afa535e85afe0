/**
 * The proxy users one request's facets share: sub-users are proxy users, and IP authorizations live on them
 * (`ip_address_authentications`), so both facets read through one loader per request. A write replaces or
 * forgets what it changed.
 */
import { perKeyLoader, sessionMemo } from '../shared/loaders';
import type { PingClient } from './client';
import type { DefaultProxyUser } from './default-proxy-user';
import { readEveryPage } from './search-paging';
import type { PingProxyUser } from './wire';

/** [I] a stable order for offset cursors: ids are unique. */
export const PROXY_USER_SORT = 'proxy_user_id_asc';
/** Proxy users are capped per customer [C]; this bounds a runaway read. */
const MAX_PROXY_USER_PAGES = 50;

export class PingProxyUserReads {
  private readonly byId = perKeyLoader(async (id: string) => this.seen((await this.client.proxyUser(id)).data));
  private readonly everyUser = sessionMemo(() => this.readAll());

  constructor(
    private readonly client: PingClient,
    /** Outlives the request: whichever read shows the default proxy user teaches the adapter its id. */
    private readonly defaultUser: DefaultProxyUser,
  ) {}

  /** One proxy user by id (null when Ping has none; a deleted one still reads, flagged [I]). */
  user(proxyUserId: string): Promise<PingProxyUser | null> {
    return this.byId.load(proxyUserId);
  }

  /** Every proxy user not deleted. */
  all(): Promise<PingProxyUser[]> {
    return this.everyUser.get();
  }

  /** Users read some other way (a page of the list) answer later reads by id. */
  prime(users: readonly PingProxyUser[]): void {
    this.defaultUser.seen(users);
    users.forEach((user) => this.byId.prime(user.proxy_user_id, user));
  }

  /** After a write that answered with the user as it now is. */
  replace(user: PingProxyUser): void {
    this.byId.clear(user.proxy_user_id).prime(user.proxy_user_id, this.seen(user));
    this.everyUser.clear();
  }

  /** After a write whose result must be read again from Ping. */
  forget(proxyUserId: string): void {
    this.byId.clear(proxyUserId);
    this.everyUser.clear();
  }

  private seen(user: PingProxyUser): PingProxyUser {
    this.defaultUser.seen([user]);
    return user;
  }

  private async readAll(): Promise<PingProxyUser[]> {
    const users = await readEveryPage(
      (page, perPage) => this.client.proxyUsers({ page, per_page: perPage, sort_by: PROXY_USER_SORT, proxy_user_is_deleted: false }),
      MAX_PROXY_USER_PAGES,
    );
    this.prime(users);
    return users;
  }
}
