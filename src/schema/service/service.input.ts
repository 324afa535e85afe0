/** Ping Proxies service inputs. */
import { IsOptional, Length, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { JSONObject } from '../common/scalars';
import { ServiceCancelReason } from '../common/enums';

@InputType()
export class UpdateServiceInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string | null;

  @Field(() => JSONObject, { nullable: true, description: 'Replaces the whole metadata object (no merge).' })
  @IsOptional()
  metadata?: Record<string, unknown> | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  automaticCollection?: boolean | null;
}

@InputType()
export class CancelServiceInput {
  @Field(() => ServiceCancelReason)
  reason!: ServiceCancelReason;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  comment?: string | null;
}
