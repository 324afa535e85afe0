/**
 * ProxyMesh cannot list sub-accounts, so ProxyGraph remembers the ones it knows: those named in the config
 * (`knownSubAccounts`), those it created, and those imported with `importSubUser`. The remembered ones live
 * in the state store (memory + file, or Redis shared by replicas) under `proxymesh:<accountId>:subaccounts`.
 */
import type { StateStore } from '../../state/store';
import { isProxyMeshUsername } from './validate';

export class KnownSubAccounts {
  readonly key: string;

  constructor(
    private readonly store: StateStore,
    accountId: string,
    private readonly fromConfig: readonly string[],
  ) {
    this.key = `proxymesh:${accountId}:subaccounts`;
  }

  /**
   * Config names first (in config order), then remembered ones; each username once, and only those that can
   * exist on ProxyMesh (reading an invalid one would only cost a 400).
   */
  async list(): Promise<string[]> {
    const remembered = await this.store.members(this.key);
    return [...new Set([...this.fromConfig, ...remembered])].filter(isProxyMeshUsername);
  }

  async add(username: string): Promise<void> {
    await this.store.add(this.key, username);
  }

  /** Forgets a remembered sub-account (one named in the config stays named there). */
  async remove(username: string): Promise<void> {
    await this.store.remove(this.key, username);
  }
}
