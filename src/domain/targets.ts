/**
 * The one rule for which accounts an operation over several accounts reaches (docs/architecture.md,
 * "Meaning across accounts"), used by every cross-account query and mutation:
 *
 * - accounts named in `accountIds` must each exist and be visible to the caller, or the whole operation is
 *   NOT_FOUND before anything runs (the same answer as for an account id anywhere else);
 * - named accounts are kept even when their provider lacks the facet: their outcome says
 *   UNSUPPORTED_BY_PROVIDER instead of the account silently dropping out of the answer;
 * - with no account named, every visible account whose provider has the facet, in configuration order.
 */
import type { ProviderName } from '../core/providers';
import { FACET_CAPABILITY, type FacetName } from '../providers/contract/session';
import type { Access, AccessView, FacetFor } from './request-scope';
import type { RegisteredAccount } from './registry';

export interface Target<A extends Access, K extends FacetName> {
  account: RegisteredAccount;
  /** The account's facet; throws UNSUPPORTED_BY_PROVIDER for a named account whose provider has none. */
  facet(): FacetFor<A, K>;
}

export interface TargetFilter {
  accountIds?: readonly string[] | null;
  providers?: readonly ProviderName[] | null;
}

export function targets<A extends Access, K extends FacetName>(view: AccessView<A>, facet: K, filter: TargetFilter = {}): Target<A, K>[] {
  const named = filter.accountIds ? [...new Set(filter.accountIds)] : null;
  // Each named account must exist and be visible: NOT_FOUND (thrown here) otherwise.
  named?.forEach((accountId) => view.account(accountId));
  const capability = FACET_CAPABILITY[facet];
  return view
    .accounts({ accountIds: named })
    .filter((account) => !filter.providers?.length || filter.providers.includes(account.provider))
    .filter((account) => named !== null || account.capabilities.has(capability))
    .map((account) => ({ account, facet: () => view.facet(account.id, facet) }));
}
