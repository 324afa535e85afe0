/**
 * The proxy list's status and composition (API v3), and allocating the proxies the plan bought in countries
 * that could not be allocated (docs/providers/reference.md §1.5 "Proxy config").
 */
import type { CountryCountRecord } from '../contract/records';
import type { ProxyAllocationFacet } from '../contract/session';
import type { WebshareClient } from './client';
import { toNewCountries, toProxyListStats, toProxyListStatus } from './mapping-config';
import type { WebshareConfigReads } from './session-config-reads';
import type { WebshareProxyLoaders } from './session-reads';
import { checkAllocationShape, checkAllocationTotal } from './validate-config';

export class WebshareProxyAllocation implements ProxyAllocationFacet {
  constructor(
    private readonly client: WebshareClient,
    private readonly config: WebshareConfigReads,
    private readonly proxies: WebshareProxyLoaders,
  ) {}

  async status() {
    return toProxyListStatus(await this.config.status.get());
  }

  async stats() {
    return toProxyListStats(await this.config.stats.get());
  }

  /**
   * [C] the counts must add up to what is unallocated: the shape is checked first (no call), then the status is
   * read and the total checked, so a wrong total never reaches the POST. Afterwards the list holds new proxies.
   */
  async allocate(countries: readonly CountryCountRecord[]) {
    checkAllocationShape(countries);
    checkAllocationTotal(countries, (await this.status()).unallocatedCount);
    const config = await this.client.allocateUnallocatedCountries({ new_countries: toNewCountries(countries) });
    this.config.primeFromConfig(config);
    this.proxies.forgetAll();
    return this.status();
  }
}
