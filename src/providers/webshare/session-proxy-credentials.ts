/** The account's own proxy username, password and timeouts (the proxy config, not a sub-user's). */
import type { ProxyCredentialsRecord } from '../contract/records';
import type { ProxyCredentialsFacet } from '../contract/session';
import type { WebshareClient } from './client';
import { toProxyConfigUpdate, toProxyCredentials } from './mapping';
import type { WebshareProxyLoaders } from './session-reads';
import type { WebshareConfigReads } from './session-config-reads';
import { checkProxyCredentialsChange } from './validate';

export class WebshareProxyCredentials implements ProxyCredentialsFacet {
  constructor(
    private readonly client: WebshareClient,
    private readonly proxies: WebshareProxyLoaders,
    private readonly config?: WebshareConfigReads,
  ) {}

  async get() {
    return toProxyCredentials(await this.client.proxyConfig());
  }

  /** Proxies carry these credentials, so proxies read earlier in the request are stale afterwards. */
  async update(params: ProxyCredentialsRecord) {
    checkProxyCredentialsChange(params);
    const updated = await this.client.updateProxyConfig(toProxyConfigUpdate(params));
    this.proxies.forgetAll();
    // The list status (username, password) and the settings (timeouts) read later in this request are its parts.
    this.config?.primeFromConfig(updated);
    return toProxyCredentials(updated);
  }
}
