/**
 * Webshare sub-users: CRUD, the proxy credentials each connects with (the proxy config read as that sub-user
 * through X-Subuser), and the refresh of a sub-user's proxies.
 */
import type { AccountErrors } from '../../core/errors';
import type { CreateSubUserParams, ListWindow, UpdateSubUserParams } from '../contract/params';
import type { ProxyCredentialsRecord } from '../contract/records';
import type { SubUserProxyRefreshFacet, SubUsersFacet } from '../contract/session';
import { readWindow } from '../shared/paging';
import type { WebshareClient } from './client';
import { WEBSHARE_PAGE_SIZE } from './limits';
import { toProxyCredentials, toSubUser, toSubuserChanges } from './mapping';
import type { WebshareAccountReads, WebshareSubUserLoaders } from './session-reads';
import { checkSubUserParams, isWebshareId, requireWebshareId, subUserLabel } from './validate';

export class WebshareSubUsers implements SubUsersFacet {
  constructor(
    private readonly client: WebshareClient,
    private readonly account: WebshareAccountReads,
    private readonly subUsers: WebshareSubUserLoaders,
    private readonly errors: AccountErrors,
  ) {}

  async list(window: ListWindow) {
    const result = await readWindow(window, WEBSHARE_PAGE_SIZE, async (page) => {
      const response = await this.client.subusers(page, WEBSHARE_PAGE_SIZE);
      return { items: response.results, totalCount: response.count };
    });
    result.items.forEach((subuser) => this.subUsers.byId.prime(String(subuser.id), subuser));
    return { items: result.items.map(toSubUser), totalCount: result.totalCount, hasMore: result.hasMore };
  }

  async get(nativeId: string) {
    if (!isWebshareId(nativeId)) return null;
    const subuser = await this.subUsers.byId.load(nativeId);
    return subuser ? toSubUser(subuser) : null;
  }

  /**
   * The input is checked first; the plan's sub-user counter [C] is not read ahead (two calls on every create):
   * with none left, Webshare refuses the create, which is PLAN_LIMIT.
   */
  async create(params: CreateSubUserParams) {
    const label = subUserLabel(params);
    checkSubUserParams(params);
    const created = await this.client.createSubuser({ label, ...toSubuserChanges(params) });
    this.account.forgetPlan();
    this.subUsers.byId.prime(String(created.id), created);
    return toSubUser(created);
  }

  async update(nativeId: string, params: UpdateSubUserParams) {
    requireWebshareId(nativeId, 'sub-user', this.errors);
    checkSubUserParams(params);
    const body = { ...(params.label != null ? { label: params.label } : {}), ...toSubuserChanges(params) };
    const updated = await this.client.updateSubuser(nativeId, body);
    this.subUsers.byId.clear(nativeId).prime(nativeId, updated);
    return toSubUser(updated);
  }

  async delete(nativeId: string) {
    requireWebshareId(nativeId, 'sub-user', this.errors);
    await this.client.deleteSubuser(nativeId);
    this.account.forgetPlan();
    this.subUsers.byId.clear(nativeId);
  }

  async proxyCredentials(nativeId: string): Promise<ProxyCredentialsRecord | null> {
    if (!isWebshareId(nativeId)) return null;
    const config = await this.subUsers.proxyConfigs.load(nativeId);
    return config ? toProxyCredentials(config) : null;
  }
}

export class WebshareSubUserProxyRefresh implements SubUserProxyRefreshFacet {
  constructor(
    private readonly client: WebshareClient,
    private readonly subUsers: WebshareSubUserLoaders,
    private readonly errors: AccountErrors,
  ) {}

  /**
   * New proxies for the sub-user: its record and the proxy config it sees both change. Only a sub-user with a
   * custom proxy list can be refreshed [C]; that is the sub-user's state, not the input, so Webshare's own
   * refusal says so (BAD_USER_INPUT) rather than a read before every refresh.
   */
  async refresh(nativeId: string) {
    requireWebshareId(nativeId, 'sub-user', this.errors);
    const refreshed = await this.client.refreshSubuser(nativeId);
    this.subUsers.byId.clear(nativeId).prime(nativeId, refreshed);
    this.subUsers.proxyConfigs.clear(nativeId);
    return toSubUser(refreshed);
  }
}
