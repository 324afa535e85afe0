/**
 * Nodes are what resolvers hand to the graph: a provider record plus the account it belongs to and its
 * global id. Built only here so every entity's id is made the same way.
 */
import { encodeGlobalId } from '../../domain/ids';
import type { RegisteredAccount } from '../../domain/registry';
import type { DnsOverrideRecord, EntityKind, HostnameAuthorizationRecord, IpAuthorizationRecord, ProxyRecord, ProxyReplacementRecord, ServiceAdjustmentRecord, ServiceRecord, SubUserAccessRuleRecord, SubUserRecord } from '../../providers/contract/records';
import type { ProviderName } from '../../core/providers';

export interface AccountNode {
  id: string;
  provider: ProviderName;
  label: string | null;
}

export type WithAccount<T> = T & { id: string; accountId: string; provider: ProviderName };

export type ProxyNode = WithAccount<ProxyRecord>;
export type SubUserNode = WithAccount<SubUserRecord>;
export type IpAuthorizationNode = WithAccount<IpAuthorizationRecord>;
export type DnsOverrideNode = WithAccount<DnsOverrideRecord>;
export type HostnameAuthorizationNode = WithAccount<HostnameAuthorizationRecord>;
export type ServiceNode = WithAccount<ServiceRecord>;
export type ProxyReplacementNode = WithAccount<ProxyReplacementRecord>;
export type SubUserAccessRuleNode = WithAccount<SubUserAccessRuleRecord>;
export type ServiceAdjustmentNode = WithAccount<ServiceAdjustmentRecord>;

export function accountNode(account: RegisteredAccount): AccountNode {
  return { id: account.id, provider: account.provider, label: account.label };
}

export function toNode<T extends { nativeId: string }>(
  kind: EntityKind,
  account: Pick<RegisteredAccount, 'id' | 'provider'>,
  record: T,
): WithAccount<T> {
  return { ...record, id: encodeGlobalId(kind, account.id, record.nativeId), accountId: account.id, provider: account.provider };
}
