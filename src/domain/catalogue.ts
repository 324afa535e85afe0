/**
 * A provider's server catalogue (WonderProxy /v0/servers) is the same whichever account reads it, so it is
 * read through the first visible account of that provider that has the catalogue (docs/architecture.md
 * §4a, the account-selection rule of targets.ts applied to "any one account will do").
 */
import { ProxyGraphError } from '../core/errors';
import type { ProviderName } from '../core/providers';
import type { SelectedDetails } from '../providers/contract/params';
import type { ProxyServerRecord } from '../providers/contract/records';
import type { AccessView } from './request-scope';
import { targets } from './targets';

export async function networkServers(view: AccessView<'read'>, provider: ProviderName, details?: SelectedDetails): Promise<ProxyServerRecord[]> {
  const [first] = targets(view, 'networkServers', { providers: [provider] });
  if (!first) {
    const any = view.accounts({ provider })[0];
    throw new ProxyGraphError('UNSUPPORTED_BY_PROVIDER', `no visible ${provider} account can list network servers`, {
      provider,
      ...(any ? { accountId: any.id } : {}),
    });
  }
  return first.facet().list(details);
}
