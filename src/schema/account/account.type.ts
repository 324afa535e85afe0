/** Account and the value types hanging off it (profile, plan, usage). */
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTime, SafeInt } from '../common/scalars';
import { Provider, UsagePeriod } from '../common/enums';

@ObjectType({ description: 'One configured provider account.' })
@Directive('@key(fields: "id")')
export class Account {
  @Field(() => ID, { description: 'The id given to the account in the configuration.' })
  id!: string;

  @Field(() => String, { nullable: true })
  label!: string | null;
}

@ObjectType({ description: 'Who owns the account, as far as the provider says.' })
export class AccountProfile {
  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => DateTime, { nullable: true })
  createdAt!: Date | null;

  @Field(() => SafeInt, {
    nullable: true,
    description: 'Prepaid credit the provider holds (Ping credit_balance), in cents of creditBalanceCurrency; null when the provider has none.',
  })
  creditBalanceCents!: number | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217 currency of creditBalanceCents.' })
  creditBalanceCurrency!: string | null;
}

@ObjectType({ description: 'What the account pays for.' })
export class Plan {
  @Field(() => ID, { nullable: true, description: "The provider's plan id." })
  id!: string | null;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  type!: string | null;

  @Field(() => String, { nullable: true })
  status!: string | null;

  @Field(() => Int, { nullable: true })
  proxyCount!: number | null;

  @Field(() => DateTime, { nullable: true })
  periodStart!: Date | null;

  @Field(() => DateTime, { nullable: true })
  periodEnd!: Date | null;

  @Field(() => SafeInt, { nullable: true, description: 'Bytes; null = unlimited or unknown.' })
  bandwidthLimitBytes!: number | null;

  @Field(() => Float, { nullable: true })
  price!: number | null;

  @Field(() => String, { nullable: true })
  currency!: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When the contract itself ends (WonderProxy expiry), beyond the current period.' })
  expiresAt!: Date | null;

  @Field(() => Int, { nullable: true })
  subUsersTotal!: number | null;

  @Field(() => Int, { nullable: true })
  subUsersUsed!: number | null;

  @Field(() => Int, { nullable: true })
  replacementsAvailable!: number | null;

  @Field(() => Int, { nullable: true })
  onDemandRefreshesAvailable!: number | null;
}

@ObjectType({
  description:
    'Traffic in bytes and requests, with the period it covers. Check coversRequestedWindow when asking for a window: a provider that cannot report it answers with its own period (period says which).',
})
export class Usage {
  @Field(() => SafeInt, { nullable: true, description: 'Bytes used in the period.' })
  bandwidthUsedBytes!: number | null;

  @Field(() => SafeInt, {
    nullable: true,
    description: "The plan's limit for its plan period (lifetime bytes bought for Ping Proxies); null when unlimited or unknown.",
  })
  bandwidthLimitBytes!: number | null;

  @Field(() => SafeInt, {
    nullable: true,
    description: 'The plan limit minus usage in the plan period, whatever window was asked; null when either is unknown.',
  })
  bandwidthRemainingBytes!: number | null;

  @Field(() => SafeInt, {
    nullable: true,
    description:
      "Requests in the period: requestsSucceeded + requestsFailed when the provider splits them; otherwise the provider's total, with both parts null.",
  })
  requestsTotal!: number | null;

  @Field(() => SafeInt, { nullable: true })
  requestsSucceeded!: number | null;

  @Field(() => SafeInt, { nullable: true })
  requestsFailed!: number | null;

  @Field(() => UsagePeriod, {
    nullable: true,
    description: 'Which period bandwidthUsedBytes and the request counts cover. Null only on totals that add nothing.',
  })
  period!: UsagePeriod | null;

  @Field(() => DateTime, { nullable: true, description: 'Start of the period; null for LIFETIME.' })
  periodStart!: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'End of the period; null for LIFETIME.' })
  periodEnd!: Date | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'True when the figures cover exactly the from/to window asked; false when a window was asked and they cover another period; null when no window was asked.',
  })
  coversRequestedWindow!: boolean | null;
}

@ObjectType({ description: 'Proxy connection settings for the account (Webshare proxy config).' })
export class ProxyCredentials {
  @Field(() => String, { nullable: true })
  username!: string | null;

  @Field(() => String, { nullable: true, description: 'Needs the `credentials` scope.' })
  password!: string | null;

  @Field(() => Int, { nullable: true })
  requestTimeoutSeconds!: number | null;

  @Field(() => Int, { nullable: true })
  requestIdleTimeoutSeconds!: number | null;
}

export { Provider };
