/**
 * Ping Proxies adapter: the public user API 1.0 behind the shared ProviderAdapter interface. A session is
 * composed of facets sharing one request's client and reads: the account (profile, plan, usage, services),
 * proxies (search windows, per-id retrieve, batched list_by_id URLs), and proxy users (sub-users and their IP
 * lists). What must outlive a request lives here: the account's channel with its rate budget (10
 * requests/second), the IP-list writer with its per-proxy-user lock, and the default proxy user's id.
 */
import type { AccountConfig } from '../../config/schema';
import { accountErrors } from '../../core/errors';
import type { AdapterDependencies } from '../../domain/registry';
import { InProcessKeyedLock, type KeyedLock } from '../../state/keyed-lock';
import type { AccountChannel } from '../../upstream/http';
import { PolicyChannel } from '../../upstream/policy-channel';
import { RateBudget } from '../../upstream/rate-budget';
import type { AccountSession, ProviderAdapter, SessionContext } from '../contract/session';
import { PingAccountReads } from './account-reads';
import { PingClient, pingTarget } from './client';
import { DefaultProxyUser } from './default-proxy-user';
import { IpListWriter } from './ip-list-writer';
import { DEFAULT_PING_MAX_WAIT_MS, PING_DEFAULT_RETRY_AFTER_SECONDS, pingBudgetClasses } from './limits';
import { PingProxyUserReads } from './proxy-user-reads';
import { PingPlan, PingProfile, PingUsage } from './session-account';
import { PingIpAuthorizations } from './session-ip-authorizations';
import { PingProxies } from './session-proxies';
import { PingServices } from './session-services';
import { PingSubUsers } from './session-sub-users';
import { PingAccessRules } from './session-access-rules';
import { PingProxyLists } from './session-proxy-lists';

type PingAccountConfig = Extract<AccountConfig, { provider: 'pingproxies' }>;

export interface PingAdapterOptions {
  /** Overrides the lock from the dependencies (Redis-backed when configured, shared by replicas). */
  lock?: KeyedLock;
}

export class PingProxiesAdapter implements ProviderAdapter {
  readonly provider = 'pingproxies' as const;
  readonly accountId: string;
  private readonly channel: AccountChannel;
  private readonly ipLists: IpListWriter;
  private readonly defaultUser = new DefaultProxyUser();

  constructor(account: PingAccountConfig, deps: AdapterDependencies, options: PingAdapterOptions = {}) {
    this.accountId = account.id;
    const { publicKey, privateKey } = account.credentials;
    // Ping's 10 requests/second as this account's budget (shared by replicas when the gateway's store is Redis).
    const budget = new RateBudget({
      provider: this.provider,
      accountId: account.id,
      classes: pingBudgetClasses(account.limits?.requestsPerMinute),
      store: deps.gateway.budgets,
      maxWaitMs: account.limits?.maxRateLimitWaitMs ?? DEFAULT_PING_MAX_WAIT_MS,
      callLog: deps.gateway.callLog,
      defaultRetryAfterSeconds: PING_DEFAULT_RETRY_AFTER_SECONDS,
    });
    const target = pingTarget(account.id, publicKey, privateKey, account.baseUrl);
    this.channel = new PolicyChannel(deps.gateway, target, [budget]);
    // The writer's passes carry several requests' changes, so it builds a client for their joint context.
    this.ipLists = new IpListWriter(
      (context) => new PingClient(this.channel.forRequest(context)),
      options.lock ?? deps.lock ?? new InProcessKeyedLock(),
      account.id,
      accountErrors(this.provider, account.id),
    );
  }

  /** One request's session: its facets share this request's client and reads. */
  openSession(context: SessionContext = {}): AccountSession {
    const client = new PingClient(this.channel.forRequest(context.upstream));
    const errors = accountErrors(this.provider, this.accountId);
    const account = new PingAccountReads(client);
    const proxyUsers = new PingProxyUserReads(client, this.defaultUser);
    const defaultProxyUserId = () => this.defaultUser.find(client);
    return {
      profile: new PingProfile(account),
      plan: new PingPlan(account),
      usage: new PingUsage(account),
      services: new PingServices(client, account, errors),
      proxies: new PingProxies(client),
      subUsers: new PingSubUsers(client, account, proxyUsers, defaultProxyUserId, errors),
      ipAuthorizations: new PingIpAuthorizations(proxyUsers, this.ipLists, defaultProxyUserId, context.upstream, errors),
      subUserAccessRules: new PingAccessRules(client, proxyUsers, defaultProxyUserId, errors),
      generatedProxyLists: new PingProxyLists(client, errors),
    };
  }

  async verifyCredentials(): Promise<void> {
    await new PingClient(this.channel).customer();
  }
}

export function createPingProxiesAdapter(account: AccountConfig, deps: AdapterDependencies): ProviderAdapter {
  if (account.provider !== 'pingproxies') throw new Error('not a pingproxies account');
  return new PingProxiesAdapter(account, deps);
}
