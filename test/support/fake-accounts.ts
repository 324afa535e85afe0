/**
 * Accounts with fake sessions, for unit tests of the domain rules: each account's session is whatever facets
 * the test gives, and a RequestScope over them behaves as in a real request (scopes, visibility, facets,
 * capabilities derived from the facets present). No server, no simulator, no HTTP.
 */
import type { AccountConfig } from '../../src/config/schema';
import type { ProviderName } from '../../src/core/providers';
import type { Scope } from '../../src/config/schema';
import { Principal } from '../../src/domain/principal';
import { AccountRegistry, type AdapterDependencies } from '../../src/domain/registry';
import { RequestScope } from '../../src/domain/request-scope';
import type { AccountSession } from '../../src/providers/contract/session';

export interface FakeAccount {
  id: string;
  provider?: ProviderName;
  /** The account's facets; called once per session (per request) and once to read the capabilities. */
  session: () => AccountSession;
}

export function fakeScope(accounts: readonly FakeAccount[], principal: { scopes?: Scope[]; accounts?: '*' | string[] } = {}): RequestScope {
  const configs = accounts.map((account) => ({ id: account.id, provider: account.provider ?? 'webshare', credentials: { token: 'fake' } }) as AccountConfig);
  const sessions = new Map(accounts.map((account) => [account.id, account.session]));
  const factory = (config: AccountConfig) => ({
    provider: config.provider,
    accountId: config.id,
    openSession: () => sessions.get(config.id)!(),
  });
  const registry = new AccountRegistry(
    configs,
    { webshare: factory, proxymesh: factory, wonderproxy: factory, pingproxies: factory },
    {} as AdapterDependencies,
  );
  const visible = principal.accounts ?? '*';
  return new RequestScope(
    new Principal('tester', new Set(principal.scopes ?? ['read', 'write', 'credentials']), visible === '*' ? '*' : new Set(visible)),
    registry,
  );
}
