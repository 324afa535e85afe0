/** Webshare IP authorizations: they cover the whole account (plan), never one sub-user. */
import type { AccountErrors } from '../../core/errors';
import { publicIp } from '../../domain/checks/ip';
import type { AuthorizeIpParams } from '../contract/params';
import type { IpAuthorizationRecord } from '../contract/records';
import type { IpAuthorizationsFacet } from '../contract/session';
import { mapBounded, perKeyLoader, sessionMemo } from '../shared/loaders';
import type { WebshareClient } from './client';
import { WEBSHARE_PAGE_SIZE } from './limits';
import { toIpAuthorization } from './mapping';
import { isWebshareId, requireWebshareId } from './validate';

export class WebshareIpAuthorizations implements IpAuthorizationsFacet {
  private readonly all = sessionMemo(() => this.readAll());
  private readonly byId = perKeyLoader((id: string) => this.client.ipAuthorization(id));

  constructor(
    private readonly client: WebshareClient,
    private readonly errors: AccountErrors,
  ) {}

  list() {
    return this.all.get();
  }

  async get(nativeId: string) {
    if (!isWebshareId(nativeId)) return null;
    const authorization = await this.byId.load(nativeId);
    return authorization ? toIpAuthorization(authorization) : null;
  }

  async authorize(params: AuthorizeIpParams) {
    if (params.subUserNativeId) {
      throw this.errors.unsupported('Authorizing an IP for one sub-user (Webshare IP authorizations cover the whole account)');
    }
    const created = await this.client.createIpAuthorization(publicIp(params.ip));
    this.all.clear();
    return toIpAuthorization(created);
  }

  async revoke(nativeId: string) {
    requireWebshareId(nativeId, 'IP authorization', this.errors);
    await this.client.deleteIpAuthorization(nativeId);
    this.all.clear();
    this.byId.clear(nativeId);
  }

  /** Every page: the first tells the count, the rest are read four at a time. */
  private async readAll(): Promise<IpAuthorizationRecord[]> {
    const first = await this.client.ipAuthorizations(1, WEBSHARE_PAGE_SIZE);
    const pageCount = Math.ceil(first.count / WEBSHARE_PAGE_SIZE);
    const rest = await mapBounded(
      Array.from({ length: Math.max(0, pageCount - 1) }, (_, index) => index + 2),
      4,
      (page) => this.client.ipAuthorizations(page, WEBSHARE_PAGE_SIZE),
    );
    return [first, ...rest].flatMap((page) => page.results).map(toIpAuthorization);
  }
}
