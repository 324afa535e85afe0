/**
 * Per-request reads that several Webshare facets share. openSession creates one of each per request and
 * hands it to the facets that read or invalidate it, so a write in one facet clears what another facet
 * cached, and nothing is cached across requests.
 */
import DataLoader from 'dataloader';
import type { ProxyRecord, ProxyType } from '../contract/records';
import { mapBounded, perKeyLoader, sessionMemo } from '../shared/loaders';
import type { WebshareClient } from './client';
import { WEBSHARE_PAGE_SIZE } from './limits';
import { parseProxyNativeId, proxyNativeId, proxyTypeOf, toProxy } from './mapping';
import { toProxyIn } from './mapping-config';
import type { WebshareListModes } from './list-mode';
import type { WebsharePage, WebshareProxy } from './wire';

/** The subscription and the managed plan, read once per request (plan, usage, proxy types, list refresh). */
export class WebshareAccountReads {
  private readonly subscriptionMemo = sessionMemo(() => this.client.subscription());
  private readonly planMemo = sessionMemo(async () => {
    const subscription = await this.subscriptionMemo.get();
    return this.client.plan(this.client.planId ?? subscription.plan);
  });

  constructor(private readonly client: WebshareClient) {}

  subscription() {
    return this.subscriptionMemo.get();
  }

  plan() {
    return this.planMemo.get();
  }

  /** The type of every proxy on the account follows from the plan. */
  async proxyType(): Promise<ProxyType> {
    return proxyTypeOf(await this.planMemo.get());
  }

  /** After a write that changes the plan's counters. */
  forgetPlan(): void {
    this.planMemo.clear();
  }
}

/** Proxy list pages and proxies by id (the proxies facet reads them; list refresh and credential writes clear them). */
export class WebshareProxyLoaders {
  /** One fetch per distinct list query + page within the request. */
  readonly pages = new DataLoader<string, WebsharePage<WebshareProxy>>((keys) =>
    Promise.all(keys.map((key) => this.client.proxyList(JSON.parse(key)).catch((error: Error) => error))),
  );
  readonly byId = new DataLoader<string, ProxyRecord | null>((ids) => this.loadProxies(ids), { maxBatchSize: WEBSHARE_PAGE_SIZE });
  /** The whole backbone list, for ids without an address (residential entries), read once per request. */
  private readonly backbone = sessionMemo(() => this.readBackbone());

  constructor(
    private readonly client: WebshareClient,
    private readonly account?: WebshareAccountReads,
    private readonly modes?: WebshareListModes,
  ) {}

  /** After a write that changes the proxies or the credentials they carry. */
  forgetAll(): void {
    this.pages.clearAll();
    this.byId.clearAll();
    this.backbone.clear();
  }

  /** Batch: one list call filtered by `proxy_address__in` for up to 100 ids. */
  private async loadProxies(ids: readonly string[]): Promise<Array<ProxyRecord | null>> {
    if (ids.some((id) => !parseProxyNativeId(id).address) && this.modes && (await this.modes.certain()) === 'backbone') {
      const byId = await this.backbone.get();
      return ids.map((id) => byId.get(id) ?? null);
    }
    const addresses = [...new Set(ids.map((id) => parseProxyNativeId(id).address).filter((address): address is string => Boolean(address)))];
    if (addresses.length === 0) return ids.map(() => null);
    const page = await this.client.proxyList({ mode: 'direct', page: 1, page_size: WEBSHARE_PAGE_SIZE, proxy_address__in: addresses.join(',') });
    const byId = new Map(page.results.map((proxy) => [toProxy(proxy, undefined).nativeId, proxy]));
    return ids.map((id) => {
      const proxy = byId.get(id);
      return proxy ? toProxy(proxy, undefined) : null;
    });
  }

  /**
   * [C] backbone mode filters by country only, so a backbone proxy is found by reading the list: the first page
   * tells the count, the rest are read four at a time, up to MAX_BACKBONE_PAGES.
   */
  private async readBackbone(): Promise<Map<string, ProxyRecord>> {
    const read = (page: number) => this.client.proxyList({ mode: 'backbone', page, page_size: WEBSHARE_PAGE_SIZE });
    const first = await read(1);
    const pageCount = Math.min(MAX_BACKBONE_PAGES, Math.ceil(first.count / WEBSHARE_PAGE_SIZE));
    const rest = await mapBounded(
      Array.from({ length: Math.max(0, pageCount - 1) }, (_, index) => index + 2),
      4,
      read,
    );
    const type = this.account ? await this.account.proxyType() : undefined;
    return new Map([first, ...rest].flatMap((page) => page.results).map((proxy) => [proxyNativeId(proxy), toProxyIn('backbone', proxy, type)]));
  }
}

/**
 * [I] How many backbone pages a lookup by id reads at most (1 000 entries): backbone mode cannot filter by
 * address, and the 60/minute proxy-list budget must stay for the list itself. An entry beyond is not found.
 */
const MAX_BACKBONE_PAGES = 10;

/** Sub-users by id and the proxy config each sees through X-Subuser (no bulk endpoint: de-duplicated per id). */
export class WebshareSubUserLoaders {
  readonly byId = perKeyLoader((id: string) => this.client.subuser(id));
  readonly proxyConfigs = perKeyLoader((id: string) => this.client.proxyConfig(id));

  constructor(private readonly client: WebshareClient) {}
}
