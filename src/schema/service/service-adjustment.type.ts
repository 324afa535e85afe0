/** Ping Proxies service adjustments: the provider's own audit trail of a service. */
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime, JSONObject } from '../common/scalars';
import { PageInfo } from '../common/pagination';

@ObjectType({ description: 'One change to a service, as the provider recorded it (Ping service adjustment).' })
export class ServiceAdjustment {
  @Field(() => ID)
  id!: string;

  @Field(() => String, {
    description:
      "The provider's word: ingestion, fulfillment, remove_proxy, additional_fulfillment, update, proxy_replacement, extension, top_up, top_up_and_extension or cancel.",
  })
  type!: string;

  @Field(() => String, { description: 'pending, complete or failed.' })
  status!: string;

  @Field(() => Boolean, { nullable: true, description: 'Made by a provider administrator.' })
  byAdministrator!: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Made by an automatic process.' })
  automatic!: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Made by the customer.' })
  byCustomer!: boolean | null;

  @Field(() => JSONObject, { nullable: true, description: "The service as it was before (the provider's fields)." })
  before!: Record<string, unknown> | null;

  @Field(() => JSONObject, { nullable: true, description: "The service as it was after (the provider's fields)." })
  after!: Record<string, unknown> | null;

  @Field(() => JSONObject, { nullable: true, description: "The provider's evaluation of the change (e.g. price difference)." })
  evaluation!: Record<string, unknown> | null;

  @Field(() => String, { nullable: true })
  invoiceId!: string | null;

  @Field(() => DateTime, { nullable: true })
  createdAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  updatedAt!: Date | null;
}

@ObjectType()
export class ServiceAdjustmentEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => ServiceAdjustment)
  node!: ServiceAdjustment;
}

@ObjectType()
export class ServiceAdjustmentConnection {
  @Field(() => [ServiceAdjustmentEdge])
  edges!: ServiceAdjustmentEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { nullable: true })
  totalCount!: number | null;
}
