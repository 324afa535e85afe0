/**
 * DNS overrides across accounts (WonderProxy custom DNS today): every matching entry of every account
 * asked, one outcome per account; the IP filter is canonical before any comparison or call.
 */
import type { DnsOverrideRecord } from '../providers/contract/records';
import { canonicalIp } from './checks/ip';
import { fanOut, type AccountOutcome } from './fan-out';
import type { AccessView } from './request-scope';
import { targets } from './targets';

export interface DnsOverrideQuery {
  ip?: string | null;
  server?: string | null;
  accountIds?: readonly string[] | null;
}

export async function listDnsOverridesEverywhere(view: AccessView<'read'>, query: DnsOverrideQuery): Promise<AccountOutcome<DnsOverrideRecord[]>[]> {
  const ip = query.ip == null ? null : canonicalIp(query.ip, 'filter.ip');
  const reached = targets(view, 'dnsOverrides', { accountIds: query.accountIds });
  return fanOut(reached, (target) => target.facet().list({ ip, server: query.server }));
}
