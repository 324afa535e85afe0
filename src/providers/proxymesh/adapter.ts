/**
 * ProxyMesh adapter: the account API behind the shared ProviderAdapter interface. The account's channel
 * carries a credential breaker (ProxyMesh bans an account for 3 hours after 4 failed logins), and the
 * sub-accounts ProxyMesh cannot list are remembered in the state store. Per-request work is in session.ts.
 */
import type { AccountConfig } from '../../config/schema';
import type { AdapterDependencies } from '../../domain/registry';
import type { AccountChannel } from '../../upstream/http';
import type { SessionContext } from '../contract/session';
import { InProcessKeyedLock } from '../../state/keyed-lock';
import { CredentialBreaker } from '../../upstream/credential-breaker';
import { PolicyChannel } from '../../upstream/policy-channel';
import { facetsOf, type LegacySession as AccountSession } from '../contract/legacy-session';
import type { AccountSession as FacetSession } from '../contract/session';
import type { ProviderAdapter } from '../contract/session';
import { ProxyMeshClient, proxymeshTarget } from './client';
import { KnownSubAccounts } from './known-subaccounts';
import { ProxyMeshSession } from './session';

type ProxyMeshAccountConfig = Extract<AccountConfig, { provider: 'proxymesh' }>;

export class ProxyMeshAdapter implements ProviderAdapter {
  readonly provider = 'proxymesh' as const;
  readonly accountId: string;
  readonly client: ProxyMeshClient;
  private readonly channel: AccountChannel;
  readonly knownSubAccounts: KnownSubAccounts;
  private readonly breaker: CredentialBreaker;
  /** The parent username (Basic auth), shown as the profile name and the proxies' username. */
  private readonly username: string | null;

  constructor(account: ProxyMeshAccountConfig, deps: AdapterDependencies) {
    this.accountId = account.id;
    this.username = 'username' in account.credentials ? account.credentials.username : null;
    this.breaker = new CredentialBreaker({
      provider: 'proxymesh',
      accountId: account.id,
      store: deps.store,
      // Shared by replicas when Redis is configured: one probe of unproven credentials across all of them.
      lock: deps.lock ?? new InProcessKeyedLock(),
      credentials: account.credentials,
      consequence: "ProxyMesh's 3-hour ban after 4 authentication failures",
    });
    const target = proxymeshTarget(account.id, account.credentials, account.baseUrl);
    this.channel = new PolicyChannel(deps.gateway, target, [this.breaker]);
    this.client = new ProxyMeshClient(this.channel);
    this.knownSubAccounts = new KnownSubAccounts(deps.store, account.id, account.knownSubAccounts ?? []);
  }

  openSession(context: SessionContext = {}): FacetSession {
    const client = context.upstream ? new ProxyMeshClient(this.channel.forRequest(context.upstream)) : this.client;
    return facetsOf(new ProxyMeshSession(client, this.knownSubAccounts, this.accountId, this.username, context));
  }

  /** The cheapest authenticated read. */
  async verifyCredentials(): Promise<void> {
    await this.client.proxies();
  }

  async resetCredentials(): Promise<void> {
    await this.breaker.reset();
  }

  credentialBreakerOpen(): boolean {
    return this.breaker.isOpen();
  }
}

export function createProxyMeshAdapter(account: AccountConfig, deps: AdapterDependencies): ProviderAdapter {
  if (account.provider !== 'proxymesh') throw new Error('not a proxymesh account');
  return new ProxyMeshAdapter(account, deps);
}
