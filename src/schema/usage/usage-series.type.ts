/** One point of an account's hourly usage series (Account.usageSeries). */
import { Field, ObjectType } from 'type-graphql';
import { DateTime, SafeInt } from '../common/scalars';

@ObjectType({ description: "One hour of an account's traffic. Hours without traffic are left out; hours after now are projected." })
export class UsagePoint {
  @Field(() => DateTime, { description: 'Start of the hour.' })
  hourStart!: Date;

  @Field(() => SafeInt, { description: "Bytes used in the hour; for a projected hour, the provider's forecast." })
  bandwidthBytes!: number;

  @Field(() => SafeInt, { nullable: true, description: 'requestsSucceeded + requestsFailed; null for a projected hour.' })
  requestsTotal!: number | null;

  @Field(() => SafeInt, { nullable: true })
  requestsSucceeded!: number | null;

  @Field(() => SafeInt, { nullable: true })
  requestsFailed!: number | null;

  @Field(() => Boolean, { description: 'True for an hour after now: a forecast, not traffic.' })
  projected!: boolean;
}
