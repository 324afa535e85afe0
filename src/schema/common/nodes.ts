/**
 * Nodes are what resolvers hand to the graph: a provider record plus the account it belongs to and its
 * global id. Built only here so every entity's id is made the same way.
 */
import { encodeGlobalId } from '../../domain/ids';
import type { RegisteredAccount } from '../../domain/registry';
import type {
  DnsOverrideRecord,
  EntityKind,
  HostnameAuthorizationRecord,
  IpAuthorizationRecord,
  ProxyRecord,
  ProxyReplacementRecord,
  ServiceAdjustmentRecord,
  ServiceRecord,
  SubUserAccessRuleRecord,
  SubUserRecord,
} from '../../providers/contract/records';
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

/**
 * The record becomes the node: records are fresh per request (mapped from the provider's answer), so the
 * three node fields are added in place rather than copying every field of every record (a 100-proxy page
 * spent a tenth of its CPU in that copy). A record already made a node of another account (one shared
 * between accounts) is copied instead, so no node ever changes under another.
 */
export function toNode<T extends { nativeId: string }>(kind: EntityKind, account: Pick<RegisteredAccount, 'id' | 'provider'>, record: T): WithAccount<T> {
  const id = encodeGlobalId(kind, account.id, record.nativeId);
  const existing = record as T & Partial<{ id: string; accountId: string }>;
  if (existing.accountId !== undefined && (existing.accountId !== account.id || existing.id !== id)) {
    return { ...record, id, accountId: account.id, provider: account.provider };
  }
  return Object.assign(record, { id, accountId: account.id, provider: account.provider });
}
