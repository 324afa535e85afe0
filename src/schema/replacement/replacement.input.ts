/** Inputs for Webshare replacement and proxy credentials. */
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsInt, IsIP, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ProxySelectorType } from '../common/enums';
import { ProxyTimeoutsFields } from '../account/proxy-config.input';
import type { ReplaceProxiesParams } from '../../providers/contract/params';
import type { ProxyReplacementSelectorRecord } from '../../providers/contract/records';

@InputType({
  description:
    'IP_RANGE (ipRanges, count), IP_ADDRESS (ipAddresses; toReplace only), ASN (asnNumbers), COUNTRY (countryCode, count), ANY (count; replaceWith only).',
})
export class ProxySelectorInput {
  @Field(() => ProxySelectorType)
  type!: ProxySelectorType;

  @Field(() => [String], { nullable: true, description: 'CIDR ranges with host bits zero, e.g. 1.2.3.0/24.' })
  @IsOptional()
  @ArrayMaxSize(1000)
  @Matches(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, { each: true, message: 'each ip range must be IPv4 CIDR like 1.2.3.0/24' })
  ipRanges?: string[] | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(1000)
  @IsIP(4, { each: true, message: 'each ip address must be a valid IPv4 address' })
  ipAddresses?: string[] | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(1000)
  @Matches(/^\d{1,10}$/, { each: true, message: 'each ASN must be digits only' })
  asnNumbers?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[A-Za-z]{2}$/, { message: 'countryCode must be a two-letter ISO 3166-1 code' })
  countryCode?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  count?: number | null;
}

@InputType()
export class ReplaceProxiesInput {
  @Field(() => ID)
  @Length(1, 64)
  accountId!: string;

  @Field(() => ProxySelectorInput)
  @ValidateNested()
  toReplace!: ProxySelectorInput;

  @Field(() => [ProxySelectorInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  replaceWith!: ProxySelectorInput[];

  @Field(() => Boolean, { defaultValue: false, description: 'Validate only: the result ends VALIDATED with counts, nothing replaced.' })
  @IsBoolean()
  dryRun!: boolean;
}

function selectorParams(input: ProxySelectorInput): ProxyReplacementSelectorRecord {
  return {
    type: input.type,
    ipRanges: input.ipRanges ?? null,
    ipAddresses: input.ipAddresses ?? null,
    asnNumbers: input.asnNumbers ?? null,
    countryCode: input.countryCode?.toUpperCase() ?? null,
    count: input.count ?? null,
  };
}

/** The arguments as the provider takes them; the selector rules are the provider's (webshare/validate.ts). */
export function replaceProxiesParams(input: ReplaceProxiesInput): ReplaceProxiesParams {
  return { toReplace: selectorParams(input.toReplace), replaceWith: input.replaceWith.map(selectorParams), dryRun: input.dryRun };
}

@InputType({ description: 'Webshare proxy config: username/password 8-32 letters and digits; timeouts in seconds.' })
export class ProxyCredentialsInput extends ProxyTimeoutsFields {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{8,32}$/, { message: 'username must be 8-32 letters and digits' })
  username?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{8,32}$/, { message: 'password must be 8-32 letters and digits' })
  password?: string | null;
}
