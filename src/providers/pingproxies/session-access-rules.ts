/**
 * Ping's proxy user ACLs (`proxy_user_acl/*` [C]) as sub-user access rules: each grants a restricted proxy
 * user one service's proxies or one proxy. Create answers only the new entry's id [C], so it is read back.
 */
import type { AccountErrors } from '../../core/errors';
import { perKeyLoader } from '../shared/loaders';
import { readWindow } from '../shared/paging';
import type { CreateSubUserAccessRuleParams, ListWindow } from '../contract/params';
import type { SubUserAccessRulePage, SubUserAccessRuleRecord, SubUserAccessType, SubUserRecord } from '../contract/records';
import type { SubUserAccessRulesFacet } from '../contract/session';
import type { PingClient } from './client';
import { toAccessRule } from './mapping-access';
import { toSubUser } from './mapping';
import type { PingProxyUserReads } from './proxy-user-reads';
import { choosePageSize } from './proxy-query';
import { totalOf } from './search-paging';
import { checkAccessRuleTarget, checkNoAccessRulesOnDefault, checkProxyUserId, isAccessRuleId, isProxyUserId } from './validate';

/** [I] a stable order for offset cursors: ACL ids are unique. */
const ACL_SORT = 'proxy_user_acl_id_asc';

export class PingAccessRules implements SubUserAccessRulesFacet {
  private readonly byId = perKeyLoader(async (id: string) => (await this.client.proxyUserAcl(id)).data);

  constructor(
    private readonly client: PingClient,
    private readonly users: PingProxyUserReads,
    private readonly defaultProxyUserId: () => Promise<string | null>,
    private readonly errors: AccountErrors,
  ) {}

  async list(subUserNativeId: string, window: ListWindow): Promise<SubUserAccessRulePage> {
    if (!isProxyUserId(subUserNativeId)) return { items: [], totalCount: 0, hasMore: false };
    const perPage = choosePageSize(window);
    const result = await readWindow(window, perPage, async (page) => {
      const response = await this.client.proxyUserAcls({ page, per_page: perPage, sort_by: ACL_SORT, proxy_user_id: subUserNativeId });
      return { items: response.data, totalCount: totalOf(response) };
    });
    result.items.forEach((acl) => this.byId.prime(acl.proxy_user_acl_id, acl));
    return { items: result.items.map(toAccessRule), totalCount: result.totalCount, hasMore: result.hasMore };
  }

  async get(nativeId: string): Promise<SubUserAccessRuleRecord | null> {
    if (!isAccessRuleId(nativeId)) return null;
    const acl = await this.byId.load(nativeId);
    return acl ? toAccessRule(acl) : null;
  }

  /** Checked first: one target in its documented form, and not the default proxy user (known to the adapter). */
  async create(params: CreateSubUserAccessRuleParams): Promise<SubUserAccessRuleRecord> {
    checkAccessRuleTarget(params, this.errors);
    checkNoAccessRulesOnDefault(params.subUserNativeId, await this.defaultProxyUserId());
    const created = await this.client.createProxyUserAcl(
      params.serviceNativeId != null
        ? { proxy_user_id: params.subUserNativeId, service_id: params.serviceNativeId }
        : { proxy_user_id: params.subUserNativeId, proxy_id: params.proxyNativeId! },
    );
    const id = created.created?.[0];
    if (!id) throw this.errors.providerError('Ping Proxies created the access rule but answered no id for it', { mayHaveApplied: true });
    const record = await this.get(id);
    if (!record) throw this.errors.notFound(`access rule ${id} (it disappeared after the change)`);
    return record;
  }

  async delete(nativeId: string): Promise<void> {
    if (!isAccessRuleId(nativeId)) throw this.errors.notFound('access rule');
    await this.client.deleteProxyUserAcl(nativeId);
    this.byId.clear(nativeId);
  }

  /**
   * `proxy_user_access_type` through proxy_user/edit [C explainer]; `clear_proxy_user_acl` removes the user's
   * entries [C]. Ping refuses a switch to `all` without it (its 400 is BAD_USER_INPUT): only Ping knows the
   * current type without a read. The default proxy user cannot be restricted [C].
   */
  async setAccessType(subUserNativeId: string, accessType: SubUserAccessType, clearRules: boolean): Promise<SubUserRecord> {
    checkProxyUserId(subUserNativeId, this.errors);
    if (accessType !== 'all') checkNoAccessRulesOnDefault(subUserNativeId, await this.defaultProxyUserId());
    await this.client.editProxyUser(subUserNativeId, { proxy_user_access_type: accessType, ...(clearRules ? { clear_proxy_user_acl: true } : {}) });
    this.users.forget(subUserNativeId);
    const user = await this.users.user(subUserNativeId);
    if (!user) throw this.errors.notFound(`proxy user ${subUserNativeId} (it disappeared after the change)`);
    return toSubUser(user);
  }
}
