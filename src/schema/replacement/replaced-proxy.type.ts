/** Proxies that left the list and what replaced them (Webshare replaced proxies). */
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime } from '../common/scalars';
import { PageInfo } from '../common/pagination';

@ObjectType({ description: 'A proxy that left the list, and the proxy that took its place.' })
export class ReplacedProxy {
  @Field(() => ID, { description: "The provider's id of this entry." })
  nativeId!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "Why it left, in the provider's words (proxy_replaced for a manual replacement; auto_invalidated, auto_out_of_rotation, ... for automatic ones).",
  })
  reason!: string | null;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => Int, { nullable: true })
  port!: number | null;

  @Field(() => String, { nullable: true })
  country!: string | null;

  @Field(() => String, { nullable: true })
  replacedWithAddress!: string | null;

  @Field(() => Int, { nullable: true })
  replacedWithPort!: number | null;

  @Field(() => String, { nullable: true })
  replacedWithCountry!: string | null;

  @Field(() => DateTime, { nullable: true })
  replacedAt!: Date | null;
}

@ObjectType()
export class ReplacedProxyEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => ReplacedProxy)
  node!: ReplacedProxy;
}

@ObjectType()
export class ReplacedProxyConnection {
  @Field(() => [ReplacedProxyEdge])
  edges!: ReplacedProxyEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { nullable: true })
  totalCount!: number | null;
}
