/** Webshare proxy activity: the request log, newest first, paged by `starting_after` (reference.md §1.2, §1.5). */
import type { PositionWindow, ProxyActivityFilter } from '../contract/params';
import type { ProxyActivityPage } from '../contract/records';
import type { ProxyActivityFacet } from '../contract/session';
import type { WebshareClient } from './client';
import { nextActivityCursor, toActivityQuery, toProxyActivity } from './mapping';
import { checkActivityErrorReason } from './validate';

export class WebshareProxyActivity implements ProxyActivityFacet {
  constructor(private readonly client: WebshareClient) {}

  async list(window: PositionWindow, filter: ProxyActivityFilter): Promise<ProxyActivityPage> {
    checkActivityErrorReason(filter.errorReason);
    const page = await this.client.proxyActivity(toActivityQuery(window, filter));
    return { items: page.results.map(toProxyActivity), totalCount: page.count, nextCursor: nextActivityCursor(page) };
  }
}
