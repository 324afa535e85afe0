/**
 * ProxyMesh adapter: the account API behind the shared ProviderAdapter interface. The account's channel
 * carries a credential breaker (ProxyMesh bans an account for 3 hours after 4 failed logins), and the
 * sub-accounts ProxyMesh cannot list are remembered in the state store. Each request's session is composed
 * of the facets in session-*.ts.
 */
import type { AccountConfig } from '../../config/schema';
import { accountErrors } from '../../core/errors';
import type { AdapterDependencies } from '../../domain/registry';
import { InProcessKeyedLock } from '../../state/keyed-lock';
import { CredentialBreaker } from '../../upstream/credential-breaker';
import type { AccountChannel } from '../../upstream/http';
import { PolicyChannel } from '../../upstream/policy-channel';
import type { AccountSession, ProviderAdapter, SessionContext } from '../contract/session';
import { AccessScopes } from './access-scopes';
import { ProxyMeshClient, proxymeshTarget } from './client';
import { KnownSubAccounts } from './known-subaccounts';
import { ProxyListReads } from './proxy-list-reads';
import { ProxyMeshProfile } from './session-account';
import { ProxyMeshHostnameAuthorizations } from './session-hostname-authorizations';
import { ProxyMeshIpAuthorizations } from './session-ip-authorizations';
import { ProxyMeshCountryPools, ProxyMeshProxies } from './session-proxies';
import { ProxyMeshProxyServerAuthorization, ProxyMeshServers } from './session-servers';
import { ProxyMeshSubUserActivation, ProxyMeshSubUserImport, ProxyMeshSubUsers } from './session-sub-users';
import { SubAccountDirectory } from './sub-account-directory';

type ProxyMeshAccountConfig = Extract<AccountConfig, { provider: 'proxymesh' }>;

export class ProxyMeshAdapter implements ProviderAdapter {
  readonly provider = 'proxymesh' as const;
  readonly accountId: string;
  /** Policies attached here: the credential breaker. */
  private readonly channel: AccountChannel;
  private readonly breaker: CredentialBreaker;
  private readonly knownSubAccounts: KnownSubAccounts;
  /** The parent username (Basic auth), shown as the profile name and the proxies' username. */
  private readonly username: string | null;
  /** The parent password: the proxies' password too (shown only under the `credentials` scope). */
  private readonly password: string | null;

  constructor(account: ProxyMeshAccountConfig, deps: AdapterDependencies) {
    this.accountId = account.id;
    this.username = 'username' in account.credentials ? account.credentials.username : null;
    this.password = 'password' in account.credentials ? account.credentials.password : null;
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
    this.knownSubAccounts = new KnownSubAccounts(deps.store, account.id, account.knownSubAccounts ?? []);
  }

  /** One request's session: its facets share this request's client and reads. */
  openSession(context: SessionContext = {}): AccountSession {
    const client = new ProxyMeshClient(this.channel.forRequest(context.upstream));
    const errors = accountErrors(this.provider, this.accountId);
    const proxyList = new ProxyListReads(client);
    const scopes = new AccessScopes(client, this.knownSubAccounts);
    const directory = new SubAccountDirectory(client, this.knownSubAccounts, this.accountId, context);
    return {
      profile: new ProxyMeshProfile(this.username),
      proxies: new ProxyMeshProxies(proxyList, this.username, this.password),
      servers: new ProxyMeshServers(proxyList),
      proxyServerAuthorization: new ProxyMeshProxyServerAuthorization(client, proxyList, errors),
      countryPools: new ProxyMeshCountryPools(client),
      subUsers: new ProxyMeshSubUsers(client, directory, scopes, errors, this.username),
      subUserActivation: new ProxyMeshSubUserActivation(client, directory, errors),
      subUserImport: new ProxyMeshSubUserImport(client, directory),
      ipAuthorizations: new ProxyMeshIpAuthorizations(client, scopes, errors),
      hostnameAuthorizations: new ProxyMeshHostnameAuthorizations(client, scopes),
    };
  }

  /** The cheapest authenticated read. */
  async verifyCredentials(): Promise<void> {
    await new ProxyMeshClient(this.channel).proxies();
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
