/** Webshare proxy replacements (v3 replace API) and proxy credentials inputs. */
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime } from '../common/scalars';
import { ProxyReplacementState, ProxySelectorType } from '../common/enums';
import { PageInfo } from '../common/pagination';

@ObjectType({ description: 'Which proxies to remove, or what to add instead.' })
export class ProxySelector {
  @Field(() => ProxySelectorType)
  type!: ProxySelectorType;

  @Field(() => [String], { nullable: true })
  ipRanges!: string[] | null;

  @Field(() => [String], { nullable: true })
  ipAddresses!: string[] | null;

  @Field(() => [String], { nullable: true })
  asnNumbers!: string[] | null;

  @Field(() => String, { nullable: true })
  countryCode!: string | null;

  @Field(() => Int, { nullable: true })
  count!: number | null;
}

@ObjectType({ description: 'An asynchronous Webshare proxy replacement; poll it until COMPLETED, VALIDATED or FAILED.' })
export class ProxyReplacement {
  @Field(() => ID)
  id!: string;

  @Field(() => ProxyReplacementState)
  state!: ProxyReplacementState;

  @Field(() => Boolean)
  dryRun!: boolean;

  @Field(() => ProxySelector)
  toReplace!: ProxySelector;

  @Field(() => [ProxySelector])
  replaceWith!: ProxySelector[];

  @Field(() => Int, { nullable: true })
  proxiesRemoved!: number | null;

  @Field(() => Int, { nullable: true })
  proxiesAdded!: number | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => String, { nullable: true })
  errorCode!: string | null;

  @Field(() => DateTime, { nullable: true })
  createdAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  dryRunCompletedAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  completedAt!: Date | null;
}

@ObjectType()
export class ProxyReplacementEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => ProxyReplacement)
  node!: ProxyReplacement;
}

@ObjectType()
export class ProxyReplacementConnection {
  @Field(() => [ProxyReplacementEdge])
  edges!: ProxyReplacementEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { nullable: true })
  totalCount!: number | null;
}
