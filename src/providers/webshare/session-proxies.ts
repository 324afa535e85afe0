/** The account's proxy list: pages read through the list filters, proxies by id batched per 100, on-demand refresh. */
import type { AccountErrors } from '../../core/errors';
import type { ListWindow, ProxyListFilter } from '../contract/params';
import type { ProxyListPage, ProxyType } from '../contract/records';
import type { ProxiesFacet, ProxyListRefreshFacet } from '../contract/session';
import { readWindow } from '../shared/paging';
import type { WebshareClient } from './client';
import { WEBSHARE_PAGE_SIZE } from './limits';
import { validFilter } from './mapping';
import type { WebshareAccountReads, WebshareProxyLoaders } from './session-reads';
import { toProxyIn } from './mapping-config';
import type { WebshareListModes } from './list-mode';
import { checkBackboneQuery } from './validate-config';

const emptyPage = (): ProxyListPage => ({ items: [], totalCount: 0, hasMore: false });

export class WebshareProxies implements ProxiesFacet {
  constructor(
    private readonly account: WebshareAccountReads,
    private readonly proxies: WebshareProxyLoaders,
    private readonly modes: WebshareListModes,
  ) {}

  async list(window: ListWindow, filter: ProxyListFilter): Promise<ProxyListPage> {
    const valid = validFilter(filter.statuses);
    if (valid === 'none') return emptyPage();
    // Every proxy has the plan's type: a type filter keeps all of them or none, without a list call.
    let type: ProxyType | null | undefined;
    if (filter.types?.length) {
      type = await this.account.proxyType();
      if (!filter.types.includes(type)) return emptyPage();
    }
    // ZZ means any country: it never narrows the upstream filter.
    const countries = filter.countries?.filter((country) => country !== 'ZZ');
    // [C] residential plans are listed in backbone mode only, where `valid` does not filter: refused before the list is read.
    if (valid !== undefined) checkBackboneQuery({ mode: await this.modes.certain(), valid }, { valid: 'statuses' });
    const { mode, result } = await this.modes.read(
      async (mode) => ({
        mode,
        result: await readWindow(window, WEBSHARE_PAGE_SIZE, async (page) => {
          const query = {
            mode,
            page,
            page_size: WEBSHARE_PAGE_SIZE,
            ...(countries?.length ? { country_code__in: countries.join(',') } : {}),
            ...(valid === undefined ? {} : { valid }),
          };
          const response = await this.proxies.pages.load(JSON.stringify(query));
          return { items: response.results, totalCount: response.count };
        }),
      }),
      ({ result }) => result.totalCount === 0,
    );
    return { items: result.items.map((proxy) => toProxyIn(mode, proxy, type)), totalCount: result.totalCount, hasMore: result.hasMore };
  }

  get(nativeId: string) {
    return this.proxies.byId.load(nativeId);
  }

  defaultType(): Promise<ProxyType | null> {
    return this.account.proxyType();
  }
}

export class WebshareProxyListRefresh implements ProxyListRefreshFacet {
  constructor(
    private readonly client: WebshareClient,
    private readonly account: WebshareAccountReads,
    private readonly proxies: WebshareProxyLoaders,
    private readonly errors: AccountErrors,
  ) {}

  /** Refused before the call when the plan has no refresh left; afterwards the plan's counter and the list changed. */
  async refresh() {
    const plan = await this.account.plan();
    if (plan.on_demand_refreshes_available <= 0) throw this.errors.planLimit('the plan has no on-demand proxy list refreshes left');
    await this.client.refreshProxyList();
    this.account.forgetPlan();
    this.proxies.forgetAll();
  }
}
