/** Ping's sub-users facet: proxy users (`proxy_user/*`), read through the request's shared proxy user reads. */
import type { AccountErrors } from '../../core/errors';
import type { PingAccountReads } from './account-reads';
import { readWindow } from '../shared/paging';
import type { CreateSubUserParams, ListWindow, UpdateSubUserParams } from '../contract/params';
import type { SubUserPage, SubUserRecord } from '../contract/records';
import type { SubUsersFacet } from '../contract/session';
import type { PingClient } from './client';
import { toProxyUserEdit, toSubUser } from './mapping';
import { choosePageSize } from './proxy-query';
import { PROXY_USER_SORT, type PingProxyUserReads } from './proxy-user-reads';
import { totalOf } from './search-paging';
import { checkNotDefaultProxyUser, checkProxyUserId, isProxyUserId, validateProxyUserParams } from './validate';

export class PingSubUsers implements SubUsersFacet {
  constructor(
    private readonly client: PingClient,
    private readonly account: PingAccountReads,
    private readonly users: PingProxyUserReads,
    /** The account's default proxy user, remembered by the adapter; null when Ping reports none. */
    private readonly defaultProxyUserId: () => Promise<string | null>,
    private readonly errors: AccountErrors,
  ) {}

  async list(window: ListWindow): Promise<SubUserPage> {
    const perPage = choosePageSize(window);
    const result = await readWindow(window, perPage, async (page) => {
      const response = await this.client.proxyUsers({ page, per_page: perPage, sort_by: PROXY_USER_SORT, proxy_user_is_deleted: false });
      return { items: response.data, totalCount: totalOf(response) };
    });
    this.users.prime(result.items);
    return { items: result.items.map(toSubUser), totalCount: result.totalCount, hasMore: result.hasMore };
  }

  /** A deleted proxy user still reads upstream (flagged) [I]; the graph treats it as gone. */
  async get(nativeId: string): Promise<SubUserRecord | null> {
    if (!isProxyUserId(nativeId)) return null;
    const user = await this.users.user(nativeId);
    return user && !user.proxy_user_is_deleted ? toSubUser(user) : null;
  }

  /**
   * The input is checked first; the customer's proxy user limit [C] is not read ahead (counting every proxy
   * user would cost a search per page on every create): past it, Ping refuses the create, which is PLAN_LIMIT.
   */
  async create(params: CreateSubUserParams): Promise<SubUserRecord> {
    validateProxyUserParams(params, 'create');
    const created = await this.client.createProxyUser({
      ...(params.username != null ? { proxy_user_id: params.username } : {}),
      ...toProxyUserEdit(params),
    });
    return this.readBack(created.data.proxy_user_id);
  }

  async update(nativeId: string, params: UpdateSubUserParams): Promise<SubUserRecord> {
    checkProxyUserId(nativeId, this.errors);
    validateProxyUserParams(params, 'update');
    const body = toProxyUserEdit(params);
    if (Object.keys(body).length === 0)
      throw this.errors.badInput('input has no field Ping Proxies can change', { input: ['no field Ping Proxies can change'] });
    await this.client.editProxyUser(nativeId, body);
    return this.readBack(nativeId);
  }

  /** The default proxy user is known to the adapter (remembered from an earlier read, else one search): it is never sent a delete. */
  async delete(nativeId: string): Promise<void> {
    checkProxyUserId(nativeId, this.errors);
    checkNotDefaultProxyUser(nativeId, await this.defaultProxyUserId());
    await this.client.deleteProxyUser(nativeId);
    this.users.forget(nativeId);
  }

  /** Ping's create and edit answer no user: it is read back fresh. */
  private async readBack(proxyUserId: string): Promise<SubUserRecord> {
    this.users.forget(proxyUserId);
    const user = await this.users.user(proxyUserId);
    if (!user) throw this.errors.notFound(`proxy user ${proxyUserId} (it disappeared after the change)`);
    return toSubUser(user);
  }
}
