/** What subscriptions deliver (domain/live/subscriptions.ts says when). */
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTime, SafeInt } from '../common/scalars';
import { ProxyReplacementState, ProxyStatus } from '../common/enums';
import { Proxy } from '../proxy/proxy.type';
import { Account, Usage } from '../account/account.type';
import { ProxyReplacement } from '../replacement/replacement.type';
import { IpAuthorization } from '../ip-authorization/ip-authorization.type';
import { DnsOverride } from '../dns-override/dns-override.type';
import { SubUser } from '../sub-user/sub-user.type';
import type { AccountNode, DnsOverrideNode, IpAuthorizationNode, ProxyNode, ProxyReplacementNode, SubUserNode } from '../common/nodes';

export enum ExpiringKind {
  IP_AUTHORIZATION = 'IP_AUTHORIZATION',
  DNS_OVERRIDE = 'DNS_OVERRIDE',
}
registerEnumType(ExpiringKind, { name: 'ExpiringKind', description: 'What is about to expire.' });

@ObjectType({ description: 'A proxy whose status changed between two polls of its account.' })
export class ProxyStatusChange {
  @Field(() => Proxy, { description: 'The proxy as the poll that saw the change read it.' })
  proxy!: ProxyNode;

  @Field(() => ProxyStatus)
  previousStatus!: ProxyStatus;

  @Field(() => ProxyStatus)
  status!: ProxyStatus;

  @Field(() => DateTime, { description: 'When the poll that saw the change was made.' })
  observedAt!: Date;
}

@ObjectType({ description: "An account's usage reached the threshold the subscriber gave; the subscription ends with it." })
export class UsageThresholdCrossing {
  @Field(() => Account)
  account!: AccountNode;

  @Field(() => Usage, { description: "The usage in the provider's own period, as observed." })
  usage!: Usage;

  @Field(() => SafeInt, { description: 'The threshold in bytes (a fraction given is of the bandwidth limit).' })
  thresholdBytes!: number;

  @Field(() => DateTime)
  observedAt!: Date;
}

@ObjectType({ description: 'A proxy replacement that appeared or changed state.' })
export class ProxyReplacementChange {
  @Field(() => ProxyReplacement)
  replacement!: ProxyReplacementNode;

  @Field(() => ProxyReplacementState, { nullable: true, description: 'Null for a replacement first seen by this poll.' })
  previousState!: ProxyReplacementState | null;

  @Field(() => ProxyReplacementState)
  state!: ProxyReplacementState;

  @Field(() => DateTime)
  observedAt!: Date;
}

@ObjectType({ description: 'An IP authorization or DNS override that expires within the window the subscriber gave; announced once per expiry time.' })
export class ExpiryWarning {
  @Field(() => Account)
  account!: AccountNode;

  @Field(() => ExpiringKind)
  kind!: ExpiringKind;

  @Field(() => IpAuthorization, { nullable: true, description: 'Set when kind is IP_AUTHORIZATION.' })
  ipAuthorization!: IpAuthorizationNode | null;

  @Field(() => DnsOverride, { nullable: true, description: 'Set when kind is DNS_OVERRIDE.' })
  dnsOverride!: DnsOverrideNode | null;

  @Field(() => DateTime)
  expiresAt!: Date;

  @Field(() => Int, { description: 'Seconds from the observation to the expiry (0 once past).' })
  secondsLeft!: number;

  @Field(() => DateTime)
  observedAt!: Date;
}

@ObjectType({ description: 'A sub-user whose use reached the fraction of its bandwidth limit the subscriber gave; announced once until it drops back below.' })
export class SubUserLimitWarning {
  @Field(() => SubUser)
  subUser!: SubUserNode;

  @Field(() => SafeInt, { description: 'Bytes used against the limit below (its total limit where it has one, else the monthly one).' })
  usedBytes!: number;

  @Field(() => SafeInt)
  limitBytes!: number;

  @Field(() => Float)
  usedFraction!: number;

  @Field(() => DateTime)
  observedAt!: Date;
}
