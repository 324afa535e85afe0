/**
 * Webshare download tokens (docs/providers/reference.md §1.5 "Download tokens"): the key in a download link
 * opens the proxy list, replaced proxies or activity without the API key, so it is a secret (the schema
 * shows it only with the `credentials` scope).
 */
import type { DownloadTokenScope } from '../contract/records';
import type { DownloadTokensFacet } from '../contract/session';
import type { WebshareClient } from './client';
import { toDownloadToken, toDownloadTokenScope } from './mapping';

export class WebshareDownloadTokens implements DownloadTokensFacet {
  constructor(private readonly client: WebshareClient) {}

  async get(scope: DownloadTokenScope) {
    return toDownloadToken(await this.client.downloadToken(toDownloadTokenScope(scope)), scope);
  }

  async reset(scope: DownloadTokenScope) {
    return toDownloadToken(await this.client.resetDownloadToken(toDownloadTokenScope(scope)), scope);
  }
}
