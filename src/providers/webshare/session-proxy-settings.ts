/**
 * Proxy settings beyond the credentials: read from the v3 config (plan_id required [C]), changed through the
 * v2 PATCH (the only documented write [C]), whose answer primes the read.
 */
import type { ProxySettingsChange } from '../contract/params';
import type { ProxySettingsFacet } from '../contract/session';
import type { WebshareClient } from './client';
import { toProxySettings, toProxySettingsUpdate } from './mapping-config';
import type { WebshareConfigReads } from './session-config-reads';
import { checkProxySettingsChange } from './validate-config';

export class WebshareProxySettings implements ProxySettingsFacet {
  constructor(
    private readonly client: WebshareClient,
    private readonly config: WebshareConfigReads,
  ) {}

  async get() {
    return toProxySettings(await this.config.settings.get());
  }

  async update(change: ProxySettingsChange) {
    checkProxySettingsChange(change);
    const updated = await this.client.updateProxyConfig(toProxySettingsUpdate(change));
    this.config.primeFromConfig(updated);
    return toProxySettings(updated);
  }
}
