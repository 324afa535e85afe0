/** SubUser: a provider's sub-account / sub-user / proxy user. */
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime, JSONObject, SafeInt } from '../common/scalars';
import { PageInfo } from '../common/pagination';

@ObjectType({ description: 'How many proxies of a country a sub-user gets (Webshare custom proxy lists).' })
export class CountryCount {
  @Field(() => String)
  country!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'A sub-user: Webshare sub-user, ProxyMesh sub-account, Ping proxy user.' })
@Directive('@key(fields: "id")')
export class SubUser {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  username!: string;

  @Field(() => String, { nullable: true })
  label!: string | null;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => SafeInt, { nullable: true, description: 'Total (lifetime) bandwidth cap in bytes; null = none.' })
  bandwidthLimitBytes!: number | null;

  @Field(() => SafeInt, { nullable: true, description: 'Monthly bandwidth cap in bytes; null = none.' })
  monthlyBandwidthLimitBytes!: number | null;

  @Field(() => SafeInt, { nullable: true })
  bandwidthUsedBytes!: number | null;

  @Field(() => SafeInt, { nullable: true })
  monthlyBandwidthUsedBytes!: number | null;

  @Field(() => Int, { nullable: true })
  maxThreads!: number | null;

  @Field(() => String, { nullable: true, description: 'ProxyMesh sub-account first name.' })
  firstName!: string | null;

  @Field(() => String, { nullable: true, description: 'ProxyMesh sub-account last name.' })
  lastName!: string | null;

  @Field(() => String, { nullable: true, description: 'ProxyMesh sub-account contact email.' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Ping proxy user access: all, service_restricted or proxy_restricted.' })
  accessType!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Ping proxy user: IP authentication and password are both required.' })
  strictSecurity!: boolean | null;

  @Field(() => JSONObject, { nullable: true, description: 'Ping proxy user metadata (flat object).' })
  metadata!: Record<string, unknown> | null;

  @Field(() => DateTime, { nullable: true })
  createdAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  lastUsedAt!: Date | null;
}

@ObjectType()
export class SubUserEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => SubUser)
  node!: SubUser;
}

@ObjectType()
export class SubUserConnection {
  @Field(() => [SubUserEdge])
  edges!: SubUserEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { nullable: true })
  totalCount!: number | null;
}
