/**
 * Ping Proxies adapter: the public user API 1.0 behind the shared ProviderAdapter interface.
 * A session is three parts sharing one client: account reads (customer, services, residential summary),
 * proxy reads (search windows, per-id retrieve, batched list_by_id URLs) and access (proxy users and their
 * IP lists). What must outlive a request lives here: the request pacer (10 requests/second budget), the
 * per-proxy-user lock for IP-list read-modify-write, and the default proxy user's id.
 */
import type { AccountConfig } from '../../config/schema';
import type { AdapterDependencies } from '../../domain/registry';
import type { AccountChannel } from '../../upstream/http';
import type { SessionContext } from '../contract/session';
import type { UpstreamRequestContext } from '../../upstream/request-context';
import { InProcessKeyedLock, type KeyedLock } from '../../state/keyed-lock';
import { ProxyGraphError } from '../../core/errors';
import { facetsOf, type LegacySession as AccountSession } from '../contract/legacy-session';
import type { AccountSession as FacetSession } from '../contract/session';
import type { ProviderAdapter } from '../contract/session';
import { PingClient, pingTarget } from './client';
import { IpListWriter } from './ip-list-writer';
import { RateBudget } from '../../upstream/rate-budget';
import { DEFAULT_PING_MAX_WAIT_MS, PING_DEFAULT_RETRY_AFTER_SECONDS, pingBudgetClasses } from './limits';
import { PolicyChannel } from '../../upstream/policy-channel';
import { PingAccountReads } from './session-account';
import { PingAccess, type PingAccessShared } from './session-access';
import { PingProxyReads } from './session-proxies';

type PingAccountConfig = Extract<AccountConfig, { provider: 'pingproxies' }>;

export interface PingAdapterOptions {
  /** Overrides the lock from the dependencies (Redis-backed when configured, shared by replicas). */
  lock?: KeyedLock;
}

export class PingProxiesAdapter implements ProviderAdapter {
  readonly provider = 'pingproxies' as const;
  readonly accountId: string;
  readonly client: PingClient;
  private readonly channel: AccountChannel;
  private readonly shared: PingAccessShared;
  private defaultUserId: Promise<string> | undefined;

  constructor(account: PingAccountConfig, deps: AdapterDependencies, options: PingAdapterOptions = {}) {
    this.accountId = account.id;
    const { publicKey, privateKey } = account.credentials;
    // Ping's 10 requests/second as this account's budget (shared by replicas when the gateway's store is Redis).
    const budget = new RateBudget({
      provider: 'pingproxies',
      accountId: account.id,
      classes: pingBudgetClasses(account.limits?.requestsPerMinute),
      store: deps.gateway.budgets,
      maxWaitMs: account.limits?.maxRateLimitWaitMs ?? DEFAULT_PING_MAX_WAIT_MS,
      callLog: deps.gateway.callLog,
      defaultRetryAfterSeconds: PING_DEFAULT_RETRY_AFTER_SECONDS,
    });
    const target = pingTarget(account.id, publicKey, privateKey, account.baseUrl);
    this.channel = new PolicyChannel(deps.gateway, target, [budget]);
    this.client = new PingClient(this.channel);
    const clientFor = (context: UpstreamRequestContext | undefined) => (context ? new PingClient(this.channel.forRequest(context)) : this.client);
    const writer = new IpListWriter(clientFor, options.lock ?? deps.lock ?? new InProcessKeyedLock(), account.id);
    this.shared = { writer, defaultProxyUserId: (context) => this.defaultProxyUserId(clientFor(context)) };
  }

  openSession(context: SessionContext = {}): FacetSession {
    return facetsOf(new PingSession(context.upstream ? new PingClient(this.channel.forRequest(context.upstream)) : this.client, this.accountId, this.shared, context));
  }

  async verifyCredentials(): Promise<void> {
    await this.client.customer();
  }

  /** The account's default proxy user (every customer has one [C]); looked up once, then remembered. */
  private defaultProxyUserId(client: PingClient): Promise<string> {
    this.defaultUserId ??= client
      .proxyUsers({ proxy_user_is_default: true, proxy_user_is_deleted: false, per_page: 1 })
      .then((response) => {
        const id = response.data[0]?.proxy_user_id;
        if (!id) {
          throw new ProxyGraphError('PROVIDER_ERROR', 'Ping Proxies reported no default proxy user; give a subUserId', {
            provider: 'pingproxies',
            accountId: this.accountId,
          });
        }
        return id;
      })
      .catch((error) => {
        this.defaultUserId = undefined;
        throw error;
      });
    return this.defaultUserId;
  }
}

/** One request's view of the account: the three parts, delegated to by the AccountSession methods. */
class PingSession implements AccountSession {
  private readonly account: PingAccountReads;
  private readonly proxies: PingProxyReads;
  private readonly access: PingAccess;

  constructor(
    client: PingClient,
    accountId: string,
    private readonly shared: PingAccessShared,
    private readonly context: SessionContext,
  ) {
    this.account = new PingAccountReads(client, accountId);
    this.proxies = new PingProxyReads(client);
    this.access = new PingAccess(client, accountId, shared, context.upstream);
  }

  profile: NonNullable<AccountSession['profile']> = () => this.account.profile();
  plan: NonNullable<AccountSession['plan']> = () => this.account.plan();
  usage: NonNullable<AccountSession['usage']> = (range) => this.account.usage(range);
  listServices: NonNullable<AccountSession['listServices']> = () => this.account.listServices();
  getService: NonNullable<AccountSession['getService']> = (id) => this.account.getService(id);
  updateService: NonNullable<AccountSession['updateService']> = (id, params) => this.account.updateService(id, params);
  cancelService: NonNullable<AccountSession['cancelService']> = (id, params) => this.account.cancelService(id, params);

  listProxies: NonNullable<AccountSession['listProxies']> = (window, filter) => this.proxies.listProxies(window, filter);
  getProxy: NonNullable<AccountSession['getProxy']> = (id) => this.proxies.getProxy(id);
  proxyUrls: NonNullable<AccountSession['proxyUrls']> = (ids, protocol) => this.proxies.proxyUrls(ids, protocol);

  listSubUsers: NonNullable<AccountSession['listSubUsers']> = (window) => this.access.listSubUsers(window);
  getSubUser: NonNullable<AccountSession['getSubUser']> = (id) => this.access.getSubUser(id);
  createSubUser: NonNullable<AccountSession['createSubUser']> = (params) => this.access.createSubUser(params);
  updateSubUser: NonNullable<AccountSession['updateSubUser']> = (id, params) => this.access.updateSubUser(id, params);
  deleteSubUser: NonNullable<AccountSession['deleteSubUser']> = (id) => this.access.deleteSubUser(id);
  listIpAuthorizations: NonNullable<AccountSession['listIpAuthorizations']> = () => this.access.listIpAuthorizations();
  getIpAuthorization: NonNullable<AccountSession['getIpAuthorization']> = (id) => this.access.getIpAuthorization(id);
  authorizeIp: NonNullable<AccountSession['authorizeIp']> = (params) => this.access.authorizeIp(params);
  defaultIpAuthorizationOwner: NonNullable<AccountSession['defaultIpAuthorizationOwner']> = () => this.shared.defaultProxyUserId(this.context.upstream);
  revokeIpAuthorization: NonNullable<AccountSession['revokeIpAuthorization']> = (id) => this.access.revokeIpAuthorization(id);
}

export function createPingProxiesAdapter(account: AccountConfig, deps: AdapterDependencies): ProviderAdapter {
  if (account.provider !== 'pingproxies') throw new Error('not a pingproxies account');
  return new PingProxiesAdapter(account, deps);
}
