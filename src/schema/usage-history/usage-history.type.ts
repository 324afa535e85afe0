/** Account.usageHistory: the usage snapshots and hourly series ProxyGraph kept (domain/usage-history.ts). */
import { Field, Int, ObjectType } from 'type-graphql';
import { DateTime, SafeInt } from '../common/scalars';
import { UsagePeriod } from '../common/enums';
import { UsagePoint } from '../usage/usage-series.type';

@ObjectType({ description: "One snapshot of an account's usage, as the provider reported it when ProxyGraph took it." })
export class UsageSnapshot {
  @Field(() => DateTime, { description: 'When ProxyGraph read the figures.' })
  takenAt!: Date;

  @Field(() => SafeInt, { nullable: true, description: 'Bytes used in the period.' })
  bandwidthUsedBytes!: number | null;

  @Field(() => SafeInt, { nullable: true, description: "The plan's limit in bytes; null when unlimited or not reported." })
  bandwidthLimitBytes!: number | null;

  @Field(() => SafeInt, { nullable: true, description: 'Limit minus usage in the plan period.' })
  bandwidthRemainingBytes!: number | null;

  @Field(() => SafeInt, { nullable: true, description: 'Requests in the period; null where the provider does not split them.' })
  requestsTotal!: number | null;

  @Field(() => UsagePeriod, { nullable: true, description: 'Which period the figures cover.' })
  period!: UsagePeriod | null;

  @Field(() => DateTime, { nullable: true })
  periodStart!: Date | null;

  @Field(() => DateTime, { nullable: true })
  periodEnd!: Date | null;
}

@ObjectType({ description: "Usage over time as ProxyGraph kept it: a snapshot every interval, and the provider's hourly series where it has one." })
export class UsageHistory {
  @Field(() => Int, { description: 'Seconds between two snapshots.' })
  intervalSeconds!: number;

  @Field(() => Int, { description: 'Days snapshots and hours are kept.' })
  retentionDays!: number;

  @Field(() => [UsageSnapshot], { description: 'Oldest first.' })
  snapshots!: UsageSnapshot[];

  @Field(() => [UsagePoint], { nullable: true, description: "Webshare's hourly series as ProxyGraph kept it; null where the provider has none." })
  hourly!: UsagePoint[] | null;
}
