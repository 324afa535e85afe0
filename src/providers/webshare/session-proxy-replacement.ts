/** Webshare proxy replacements (API v3): asynchronous jobs, optionally a dry run first. */
import type { ListWindow, ReplaceProxiesParams } from '../contract/params';
import type { ProxyReplacementFacet } from '../contract/session';
import { perKeyLoader } from '../shared/loaders';
import { readWindow } from '../shared/paging';
import type { WebshareClient } from './client';
import { WEBSHARE_PAGE_SIZE } from './limits';
import { toReplacement, toReplacementCreate } from './mapping';
import { checkReplacement, isWebshareId } from './validate';

export class WebshareProxyReplacement implements ProxyReplacementFacet {
  private readonly byId = perKeyLoader((id: string) => this.client.replacement(id));

  constructor(private readonly client: WebshareClient) {}

  async create(params: ReplaceProxiesParams) {
    checkReplacement(params);
    return toReplacement(await this.client.createReplacement(toReplacementCreate(params)));
  }

  async list(window: ListWindow) {
    const result = await readWindow(window, WEBSHARE_PAGE_SIZE, async (page) => {
      const response = await this.client.replacements(page, WEBSHARE_PAGE_SIZE);
      return { items: response.results, totalCount: response.count };
    });
    return { items: result.items.map(toReplacement), totalCount: result.totalCount };
  }

  async get(nativeId: string) {
    if (!isWebshareId(nativeId)) return null;
    const replacement = await this.byId.load(nativeId);
    return replacement ? toReplacement(replacement) : null;
  }
}
