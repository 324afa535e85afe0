/**
 * The access half of a Ping session: proxy users as sub-users (`proxy_user/*`), and their
 * `ip_address_authentications` as IP authorizations. Ping has no separate allow-list resource [C]: an IP
 * authorized without a sub-user goes on the account's default proxy user.
 */
import { ProxyGraphError } from '../../core/errors';
import { perKeyLoader, sessionMemo } from '../shared/loaders';
import { readWindow } from '../shared/paging';
import type { AuthorizeIpParams, CreateSubUserParams, ListWindow } from '../contract/params';
import type { IpAuthorizationRecord, SubUserPage, SubUserRecord } from '../contract/records';
import type { PingClient } from './client';
import type { IpListWriter } from './ip-list-writer';
import type { UpstreamRequestContext } from '../../upstream/request-context';
import { ipAuthorizationId, parseIpAuthorizationId, toIpAuthorizations, toSubUser } from './mapping';
import { choosePageSize, PING_MAX_PER_PAGE } from './proxy-query';
import { publicIp, sameIp } from '../../domain/checks/ip';
import { isProxyUserId, validateProxyUserParams } from './validate';
import type { PingProxyUser, PingProxyUserEdit } from './wire';

/** [I] a stable order for offset cursors: ids are unique. */
const PROXY_USER_SORT = 'proxy_user_id_asc';
/** Proxy users are capped per customer [C]; this bounds a runaway read. */
const MAX_PROXY_USER_PAGES = 50;

/** What outlives one request: the default proxy user's id (it cannot change) and the IP-list writer. */
export interface PingAccessShared {
  writer: IpListWriter;
  defaultProxyUserId(context: UpstreamRequestContext | undefined): Promise<string>;
}

export class PingAccess {
  private readonly users = perKeyLoader(async (id: string) => (await this.client.proxyUser(id)).data);
  private readonly allUsers = sessionMemo(() => this.readAllUsers());

  constructor(
    private readonly client: PingClient,
    private readonly accountId: string,
    private readonly shared: PingAccessShared,
    /** The request's context: the shared IP-list writer makes its calls under it. */
    private readonly context: UpstreamRequestContext | undefined,
  ) {}

  async listSubUsers(window: ListWindow): Promise<SubUserPage> {
    const perPage = choosePageSize(window);
    const result = await readWindow(window, perPage, async (page) => {
      const response = await this.client.proxyUsers({ page, per_page: perPage, sort_by: PROXY_USER_SORT, proxy_user_is_deleted: false });
      return { items: response.data, totalCount: response.total_count >= 0 ? response.total_count : null };
    });
    result.items.forEach((user) => this.users.prime(user.proxy_user_id, user));
    return { items: result.items.map(toSubUser), totalCount: result.totalCount, hasMore: result.hasMore };
  }

  /** A deleted proxy user still reads upstream (flagged) [I]; the graph treats it as gone. */
  async getSubUser(nativeId: string): Promise<SubUserRecord | null> {
    if (!isProxyUserId(nativeId)) return null;
    const user = await this.users.load(nativeId);
    return user && !user.proxy_user_is_deleted ? toSubUser(user) : null;
  }

  async createSubUser(params: CreateSubUserParams): Promise<SubUserRecord> {
    validateProxyUserParams(params, 'create');
    const created = await this.client.createProxyUser({
      ...(params.username != null ? { proxy_user_id: params.username } : {}),
      ...proxyUserChanges(params),
    });
    return this.readBack(created.data.proxy_user_id);
  }

  async updateSubUser(nativeId: string, params: CreateSubUserParams): Promise<SubUserRecord> {
    this.checkProxyUserId(nativeId);
    validateProxyUserParams(params, 'update');
    const body = proxyUserChanges(params);
    if (Object.keys(body).length === 0) throw this.error('BAD_USER_INPUT', 'input has no field Ping Proxies can change');
    await this.client.editProxyUser(nativeId, body);
    return this.readBack(nativeId);
  }

  async deleteSubUser(nativeId: string): Promise<void> {
    this.checkProxyUserId(nativeId);
    await this.client.deleteProxyUser(nativeId);
    this.users.clear(nativeId);
    this.allUsers.clear();
  }

  async listIpAuthorizations(): Promise<IpAuthorizationRecord[]> {
    return (await this.allUsers.get()).flatMap(toIpAuthorizations);
  }

  async getIpAuthorization(nativeId: string): Promise<IpAuthorizationRecord | null> {
    const parts = parseIpAuthorizationId(nativeId);
    if (!parts || !isProxyUserId(parts.proxyUserId)) return null;
    const user = await this.users.load(parts.proxyUserId);
    if (!user || user.proxy_user_is_deleted) return null;
    return toIpAuthorizations(user).find((record) => sameIp(record.ip, parts.ip)) ?? null;
  }

  async authorizeIp(params: AuthorizeIpParams): Promise<IpAuthorizationRecord> {
    const ip = publicIp(params.ip);
    if (params.expiresAt) throw this.error('BAD_USER_INPUT', 'Ping Proxies IP authorizations do not expire', { expiresAt: ['not supported by Ping Proxies'] });
    if (params.subUserNativeId) this.checkProxyUserId(params.subUserNativeId);
    const proxyUserId = params.subUserNativeId ?? (await this.shared.defaultProxyUserId(this.context));
    const user = await this.shared.writer.add(proxyUserId, ip, this.context);
    this.afterWrite(user);
    return toIpAuthorizations(user).find((record) => record.nativeId === ipAuthorizationId(proxyUserId, ip))!;
  }

  async revokeIpAuthorization(nativeId: string): Promise<void> {
    const parts = parseIpAuthorizationId(nativeId);
    if (!parts || !isProxyUserId(parts.proxyUserId)) throw this.error('NOT_FOUND', 'no such IP authorization');
    this.afterWrite(await this.shared.writer.remove(parts.proxyUserId, parts.ip, this.context));
  }

  /** An id outside Ping's proxy user id form names nothing: NOT_FOUND, and it never enters a path. */
  private checkProxyUserId(nativeId: string): void {
    if (!isProxyUserId(nativeId)) throw this.error('NOT_FOUND', 'no such proxy user');
  }

  private afterWrite(user: PingProxyUser): void {
    this.users.clear(user.proxy_user_id).prime(user.proxy_user_id, user);
    this.allUsers.clear();
  }

  private async readBack(proxyUserId: string): Promise<SubUserRecord> {
    this.users.clear(proxyUserId);
    this.allUsers.clear();
    const user = await this.users.load(proxyUserId);
    if (!user) throw this.error('NOT_FOUND', `proxy user ${proxyUserId} disappeared after the change`);
    return toSubUser(user);
  }

  private async readAllUsers(): Promise<PingProxyUser[]> {
    const users: PingProxyUser[] = [];
    for (let page = 1; page <= MAX_PROXY_USER_PAGES; page++) {
      const response = await this.client.proxyUsers({ page, per_page: PING_MAX_PER_PAGE, sort_by: PROXY_USER_SORT, proxy_user_is_deleted: false });
      users.push(...response.data);
      const known = response.total_count >= 0 ? response.total_count : null;
      if (response.data.length < PING_MAX_PER_PAGE || (known !== null && users.length >= known)) break;
    }
    users.forEach((user) => this.users.prime(user.proxy_user_id, user));
    return users;
  }

  private error(code: 'BAD_USER_INPUT' | 'NOT_FOUND', message: string, fields?: Record<string, string[]>): ProxyGraphError {
    return new ProxyGraphError(code, message, { provider: 'pingproxies', accountId: this.accountId, ...(fields ? { fields } : {}) });
  }
}

/** Graph fields → Ping's body. A 0 bandwidth limit means "no cap" in the graph; Ping clears a cap with null [I]. */
function proxyUserChanges(params: CreateSubUserParams): PingProxyUserEdit {
  return {
    ...(params.password != null ? { proxy_user_password: params.password } : {}),
    ...(params.bandwidthLimitBytes != null ? { proxy_user_residential_bytes_limit: params.bandwidthLimitBytes === 0 ? null : params.bandwidthLimitBytes } : {}),
    ...(params.metadata != null ? { proxy_user_metadata: params.metadata } : {}),
    ...(params.strictSecurity != null ? { proxy_user_is_strict_security: params.strictSecurity } : {}),
  };
}
