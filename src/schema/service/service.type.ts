/** Ping Proxies services (what was bought). */
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTime, JSONObject } from '../common/scalars';

@ObjectType({ description: 'A purchased Ping Proxies service.' })
export class Service {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  type!: string | null;

  @Field(() => String, { nullable: true })
  status!: string | null;

  @Field(() => String, { nullable: true, description: 'Billing cycle, e.g. 1:month.' })
  cycle!: string | null;

  @Field(() => Int, { nullable: true })
  quantity!: number | null;

  @Field(() => DateTime, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => Float, { nullable: true, description: 'Price in currency units (not cents).' })
  total!: number | null;

  @Field(() => String, { nullable: true })
  currency!: string | null;

  @Field(() => JSONObject, { nullable: true })
  metadata!: Record<string, unknown> | null;
}
