/** The filter of Account.proxyActivity. */
import { IsOptional, Length, Min } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { DateTime, SafeInt } from '../common/scalars';

@InputType({ description: 'Every given field narrows the activity.' })
export class ProxyActivityFilter {
  @Field(() => DateTime, { nullable: true, description: 'Entries at or after this instant.' })
  @IsOptional()
  from?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Entries at or before this instant.' })
  @IsOptional()
  to?: Date | null;

  @Field(() => String, { nullable: true, description: 'Only requests that failed for this reason, e.g. client_connect_forbidden_host.' })
  @IsOptional()
  @Length(1, 100)
  errorReason?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True: only requests that failed, for any reason.' })
  @IsOptional()
  failedOnly?: boolean | null;

  @Field(() => SafeInt, { nullable: true, description: 'Only entries that moved at least this many bytes.' })
  @IsOptional()
  @Min(0)
  minBytes?: number | null;

  @Field(() => SafeInt, { nullable: true, description: 'Only entries that moved at most this many bytes.' })
  @IsOptional()
  @Min(0)
  maxBytes?: number | null;

  @Field(() => String, { nullable: true, description: 'Text the provider searches for (hostnames, addresses).' })
  @IsOptional()
  @Length(1, 200)
  search?: string | null;
}
