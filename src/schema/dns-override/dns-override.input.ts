/** DNS override inputs (WonderProxy). */
import { ArrayMaxSize, IsFQDN, IsOptional, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DateTime } from '../common/scalars';

@InputType()
export class CreateDnsOverrideInput {
  @Field(() => ID)
  @Length(1, 64)
  accountId!: string;

  @Field(() => String, { description: 'A server on the account, by short name (melbourne) or hostname (melbourne.wonderproxy.com).' })
  @Length(1, 255)
  server!: string;

  @Field(() => String)
  @IsFQDN({ require_tld: true }, { message: 'hostname must be a valid host name' })
  hostname!: string;

  @Field(() => String)
  ip!: string;

  @Field(() => DateTime)
  expiresAt!: Date;
}

@InputType()
export class UpdateDnsOverrideInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsFQDN({ require_tld: true }, { message: 'hostname must be a valid host name' })
  hostname?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  ip?: string | null;

  @Field(() => DateTime, { nullable: true })
  @IsOptional()
  expiresAt?: Date | null;
}

@InputType()
export class DnsOverrideFilter {
  @Field(() => String, { nullable: true })
  @IsOptional()
  ip?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 255)
  server?: string | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  accountIds?: string[] | null;
}
