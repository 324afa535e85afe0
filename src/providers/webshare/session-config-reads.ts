/**
 * Per-request reads of Webshare's proxy-config family that several facets share: the plan id the v3 reads
 * need, the v3 config and the v3 list status. A v2 config answer (PATCH, allocation) holds every field of both,
 * so a write primes them instead of a second read.
 */
import type { WebshareClient } from './client';
import type { WebshareAccountReads } from './session-reads';
import type { WebshareProxyConfig, WebshareProxyConfigV3, WebshareProxyListStats, WebshareProxyListStatus } from './wire';

/** A read done at most once per request, which a write can replace with what it was answered. */
class PrimedMemo<T> {
  private pending: Promise<T> | undefined;

  constructor(private readonly read: () => Promise<T>) {}

  get(): Promise<T> {
    this.pending ??= this.read().catch((error) => {
      this.pending = undefined;
      throw error;
    });
    return this.pending;
  }

  prime(value: T): void {
    this.pending = Promise.resolve(value);
  }

  clear(): void {
    this.pending = undefined;
  }
}

export class WebshareConfigReads {
  /** [C] v3 reads require plan_id: the configured plan, else the subscription's current plan. */
  private readonly planIdMemo = new PrimedMemo(async () => this.client.planId ?? (await this.account.subscription()).plan);
  readonly settings = new PrimedMemo<WebshareProxyConfigV3>(async () => this.client.proxyConfigV3(await this.planId()));
  readonly status = new PrimedMemo<WebshareProxyListStatus>(async () => this.client.proxyListStatus(await this.planId()));
  readonly stats = new PrimedMemo<WebshareProxyListStats>(async () => this.client.proxyListStats(await this.planId()));

  constructor(
    private readonly client: WebshareClient,
    private readonly account: WebshareAccountReads,
  ) {}

  planId(): Promise<number> {
    return this.planIdMemo.get();
  }

  /** After a write answered with the full v2 config: status and settings are parts of it; stats may have changed. */
  primeFromConfig(config: WebshareProxyConfig): void {
    const { state, countries, unallocated_countries, username, password, is_proxy_used } = config;
    this.status.prime({ state, countries, unallocated_countries, username, password, is_proxy_used });
    this.settings.prime(config);
    this.stats.clear();
  }
}
