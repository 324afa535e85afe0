/**
 * The IP authlist of one WonderProxy contract, for one request. Lookups by user batch: every user asked
 * for in one tick goes into a single `GET /v0/contract/ip-authlist?user=a,b`. Creating needs a user and
 * an expiry [C]; the graph always names the IP, because WonderProxy's "no ip = the caller's IP" would
 * authorize ProxyGraph's own address, not the GraphQL client's.
 */
import DataLoader from 'dataloader';
import { ProxyGraphError, badUserInput, unsupported } from '../../core/errors';
import { perKeyLoader, sessionMemo } from '../shared/loaders';
import type { AuthorizeIpParams, IpAuthorizationListFilter, UpdateIpAuthorizationParams } from '../contract/params';
import type { IpAuthorizationRecord } from '../contract/records';
import type { WonderProxyClient } from './client';
import { toIpAuthorization } from './mapping';
import { canonicalIp, publicIp, sameIp } from '../../domain/checks/ip';
import { checkUser, futureEpochSeconds, isNumericId } from './validate';
import type { WonderProxyAuthlistEntry, WonderProxyAuthlistUpdate } from './wire';

export class AuthlistOperations {
  private readonly all = sessionMemo(() => this.client.authlist());
  private readonly byUser = new DataLoader<string, WonderProxyAuthlistEntry[]>(
    async (users) => {
      const entries = await this.client.authlist({ users });
      return users.map((user) => entries.filter((entry) => entry.user === user));
    },
    { maxBatchSize: 50 },
  );
  private readonly byId = perKeyLoader((id: string) => this.client.authlistEntry(id));

  constructor(
    private readonly client: WonderProxyClient,
    private readonly accountId: string,
  ) {}

  async list(filter: IpAuthorizationListFilter = {}): Promise<IpAuthorizationRecord[]> {
    const ip = filter.ip ? canonicalIp(filter.ip, 'filter.ip') : null;
    let entries: WonderProxyAuthlistEntry[];
    if (filter.users?.length) {
      const users = [...new Set(filter.users.map((user) => checkUser(user, 'users')))];
      entries = (await Promise.all(users.map((user) => this.byUser.load(user)))).flat();
    } else {
      // Not ?ip=: upstream matches text (partial addresses), and an entry another client wrote as
      // `::ffff:c633:6451` is still 198.51.100.81. The graph filter means this address, in any spelling.
      entries = await this.all.get();
    }
    return entries
      .filter((entry) => !ip || sameIp(entry.ip, ip))
      .sort((a, b) => a.id - b.id)
      .map(toIpAuthorization);
  }

  async get(nativeId: string): Promise<IpAuthorizationRecord | null> {
    if (!isNumericId(nativeId)) return null;
    const entry = await this.byId.load(nativeId);
    return entry ? toIpAuthorization(entry) : null;
  }

  async create(params: AuthorizeIpParams): Promise<IpAuthorizationRecord> {
    if (params.subUserNativeId) {
      throw unsupported('wonderproxy', this.accountId, 'Authorizing an IP for a sub-user (WonderProxy entries belong to a user: give `user`)');
    }
    const problems: Record<string, string[]> = {};
    if (!params.user) problems.user = ['required by WonderProxy'];
    if (!params.expiresAt) problems.expiresAt = ['required by WonderProxy'];
    if (Object.keys(problems).length) throw badUserInput('WonderProxy IP authorizations need a user and an expiresAt', problems);
    const body = { ip: publicIp(params.ip), user: checkUser(params.user!), expiry: futureEpochSeconds(params.expiresAt!) };
    const created = await this.client.createAuthlistEntry(body);
    this.forget();
    this.byId.prime(String(created.id), created);
    return toIpAuthorization(created);
  }

  async update(nativeId: string, params: UpdateIpAuthorizationParams): Promise<IpAuthorizationRecord> {
    const body: WonderProxyAuthlistUpdate = {};
    if (params.ip != null) body.ip = publicIp(params.ip);
    if (params.user != null) body.user = checkUser(params.user);
    if (params.expiresAt != null) body.expiry = futureEpochSeconds(params.expiresAt);
    if (Object.keys(body).length === 0) throw badUserInput('give at least one of ip, user, expiresAt');
    if (!isNumericId(nativeId)) throw this.notFound();
    const updated = await this.client.updateAuthlistEntry(nativeId, body);
    this.forget();
    this.byId.clear(nativeId).prime(nativeId, updated);
    return toIpAuthorization(updated);
  }

  async remove(nativeId: string): Promise<void> {
    if (!isNumericId(nativeId)) throw this.notFound();
    await this.client.deleteAuthlistEntry(nativeId);
    this.forget();
    this.byId.clear(nativeId);
  }

  /** WonderProxy answers 204 without a count. */
  async clear(): Promise<number | null> {
    await this.client.clearAuthlist();
    this.forget();
    this.byId.clearAll();
    return null;
  }

  private forget(): void {
    this.all.clear();
    this.byUser.clearAll();
  }

  private notFound(): ProxyGraphError {
    return new ProxyGraphError('NOT_FOUND', 'no such IP authorization', { provider: 'wonderproxy', accountId: this.accountId });
  }
}
