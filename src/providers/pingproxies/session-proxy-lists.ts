/**
 * Ping's generated proxy lists: `proxy/list_by_search` (one line per proxy a search selects), `residential/list`
 * (gateway lines with the session in the username) and `proxy/list/options` (which proxy users may use a
 * selection) [C paths; list_* parameter names 3P]. The graph's proxy filter becomes one Ping search filter
 * (proxy-query.ts); a filter Ping cannot express as one search is refused before any call, and one that can
 * match nothing answers empty without a call.
 */
import type { AccountErrors } from '../../core/errors';
import type { ProxyListFilter, ProxyListLineOptions, ProxySelection, ResidentialListParams } from '../contract/params';
import type { ProxyUserListOptionRecord } from '../contract/records';
import type { GeneratedProxyListsFacet } from '../contract/session';
import type { PingClient } from './client';
import { toListOption, toListOptions, toResidentialListQuery } from './mapping-access';
import { planProxyQuery } from './proxy-query';
import { checkProxyUserId, isProxyId, refuseUnsearchableFilter, validateProxyIds, validateResidentialList } from './validate';
import type { PingProxySearchQuery, PingSearchQuery } from './wire';

type SearchFilter = Omit<PingProxySearchQuery, keyof PingSearchQuery>;

export class PingProxyLists implements GeneratedProxyListsFacet {
  constructor(
    private readonly client: PingClient,
    private readonly errors: AccountErrors,
  ) {}

  async listOptions(selection: ProxySelection): Promise<ProxyUserListOptionRecord[]> {
    if ('proxyNativeIds' in selection) {
      validateProxyIds(selection.proxyNativeIds);
      if (!selection.proxyNativeIds.every(isProxyId)) throw this.errors.notFound('proxy');
      return (await this.client.listOptions({ proxy_ids: [...selection.proxyNativeIds] })).data.map(toListOption);
    }
    const filter = this.searchFilter(selection.filter);
    // [I] an empty selection: every user may use all of none; Ping is not asked about a search that cannot match.
    if (!filter) return [];
    return (await this.client.listOptions({ search_filter: filter })).data.map(toListOption);
  }

  async bySearch(filter: ProxyListFilter, options: ProxyListLineOptions): Promise<string[]> {
    if (options.subUserNativeId != null) checkProxyUserId(options.subUserNativeId, this.errors);
    const search = this.searchFilter(filter);
    if (!search) return [];
    return (await this.client.listBySearch({ ...search, ...toListOptions(options) })).data;
  }

  async residential(params: ResidentialListParams): Promise<string[]> {
    validateResidentialList(params);
    if (params.subUserNativeId != null) checkProxyUserId(params.subUserNativeId, this.errors);
    return (await this.client.residentialList(toResidentialListQuery(params))).data;
  }

  /** The filter as one Ping search; null when it can match nothing. */
  private searchFilter(filter: ProxyListFilter): SearchFilter | null {
    const plan = planProxyQuery(filter);
    if (plan.empty) return null;
    if (plan.localFilter) refuseUnsearchableFilter();
    return plan.query;
  }
}
