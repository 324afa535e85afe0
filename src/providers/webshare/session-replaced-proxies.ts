/**
 * Proxy replacement with the proxies it replaced (`GET /api/v2/proxy/list/replaced/`, docs/providers/reference.md
 * §1.5): the replacement facet plus the replaced-proxy list, all of it or one replacement's.
 */
import type { ListWindow } from '../contract/params';
import type { WebshareClient } from './client';
import { readWindow } from '../shared/paging';
import { WEBSHARE_PAGE_SIZE } from './limits';
import { toReplacedProxy } from './mapping';
import { WebshareProxyReplacement } from './session-proxy-replacement';
import { isWebshareId } from './validate';

export class WebshareProxyReplacementWithHistory extends WebshareProxyReplacement {
  constructor(private readonly webshare: WebshareClient) {
    super(webshare);
  }

  /**
   * Newest entries as Webshare orders them. A replacement id outside Webshare's integer form names no
   * replacement there, so it has replaced nothing (no call).
   */
  async replacedProxies(window: ListWindow, replacementNativeId?: string | null) {
    if (replacementNativeId != null && !isWebshareId(replacementNativeId)) return { items: [], totalCount: 0 };
    const replacement = replacementNativeId == null ? undefined : Number(replacementNativeId);
    const result = await readWindow(window, WEBSHARE_PAGE_SIZE, async (page) => {
      const response = await this.webshare.replacedProxies({ page, page_size: WEBSHARE_PAGE_SIZE, proxy_list_replacement: replacement });
      return { items: response.results, totalCount: response.count };
    });
    return { items: result.items.map(toReplacedProxy), totalCount: result.totalCount };
  }
}
