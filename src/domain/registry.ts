/**
 * The account registry: turns configured accounts into adapters once at boot, and answers "which accounts
 * exist / which may this caller see". Adapter construction is data-driven through `adapterFactories`, so a
 * new provider registers itself in one line.
 */
import type { AccountConfig } from '../config/schema';
import type { Capability, ProviderName } from '../core/providers';
import { capabilitiesOf, type ProviderAdapter } from '../providers/contract/session';
import type { UpstreamGateway } from '../upstream/http';
import type { StateStore } from '../state/store';
import type { KeyedLock } from '../state/keyed-lock';
import { notFound } from '../core/errors';

export interface AdapterDependencies {
  gateway: UpstreamGateway;
  /** Durable facts providers cannot report themselves (e.g. ProxyMesh's known sub-accounts). */
  store: StateStore;
  /** Lock for read-modify-write shared by replicas (Redis when configured); absent = adapters lock in-process. */
  lock?: KeyedLock;
}

export type AdapterFactory = (account: AccountConfig, deps: AdapterDependencies) => ProviderAdapter;

export interface RegisteredAccount {
  id: string;
  provider: ProviderName;
  label: string | null;
  config: AccountConfig;
  adapter: ProviderAdapter;
  /** What the account can do: the facets its sessions have (read once from a session, which costs no call). */
  capabilities: ReadonlySet<Capability>;
}

/** Stand-in for a provider whose adapter has not landed: its sessions have no facet, so every operation
 * fails with UNSUPPORTED_BY_PROVIDER before any upstream call. */
class NoCapabilityAdapter implements ProviderAdapter {
  constructor(
    readonly provider: ProviderName,
    readonly accountId: string,
  ) {}
  openSession() {
    return {};
  }
}

export class AccountRegistry {
  private readonly accounts: RegisteredAccount[];
  private readonly byId = new Map<string, RegisteredAccount>();

  constructor(configs: readonly AccountConfig[], factories: Partial<Record<ProviderName, AdapterFactory>>, deps: AdapterDependencies) {
    this.accounts = configs.map((config) => {
      const factory = factories[config.provider];
      const adapter = factory ? factory(config, deps) : new NoCapabilityAdapter(config.provider, config.id);
      return { id: config.id, provider: config.provider, label: config.label ?? null, config, adapter, capabilities: capabilitiesOf(adapter.openSession()) };
    });
    for (const account of this.accounts) this.byId.set(account.id, account);
  }

  all(): readonly RegisteredAccount[] {
    return this.accounts;
  }

  find(id: string): RegisteredAccount | undefined {
    return this.byId.get(id);
  }

  /** The account, or NOT_FOUND. Callers check visibility separately (see Principal). */
  get(id: string): RegisteredAccount {
    const account = this.byId.get(id);
    if (!account) throw notFound(`no account with id "${id}"`, { accountId: id });
    return account;
  }
}
