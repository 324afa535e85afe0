/** Sub-user inputs. Limits are bytes in the graph; adapters convert to the provider's unit. */
import type { CreateSubUserParams } from '../../providers/contract/params';
import { ArrayMaxSize, IsEmail, IsInt, IsOptional, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { JSONObject, SafeInt } from '../common/scalars';

@InputType({ description: "Proxies of one country for a sub-user's custom list." })
export class CountryCountInput {
  @Field(() => String)
  @Matches(/^[A-Za-z]{2}$/, { message: 'country must be a two-letter ISO 3166-1 code (ZZ = any)' })
  country!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  count!: number;
}

@InputType()
export class UpdateSubUserInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  label?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the provider lets you set one (ProxyMesh, Ping).' })
  @IsOptional()
  @Length(1, 128)
  password?: string | null;

  @Field(() => SafeInt, { nullable: true, description: 'Total bandwidth cap in bytes; 0 = unlimited.' })
  @IsOptional()
  @Min(0)
  bandwidthLimitBytes?: number | null;

  @Field(() => SafeInt, { nullable: true, description: 'Monthly bandwidth cap in bytes (ProxyMesh).' })
  @IsOptional()
  @Min(0)
  monthlyBandwidthLimitBytes?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  maxThreads?: number | null;

  @Field(() => String, { nullable: true, description: 'Sub-account first name (ProxyMesh: at most 20 characters).' })
  @IsOptional()
  @MaxLength(100)
  firstName?: string | null;

  @Field(() => String, { nullable: true, description: 'Sub-account last name (ProxyMesh: at most 20 characters).' })
  @IsOptional()
  @MaxLength(100)
  lastName?: string | null;

  @Field(() => String, { nullable: true, description: 'Sub-account contact email (ProxyMesh).' })
  @IsOptional()
  @MaxLength(255)
  @IsEmail(undefined, { message: 'email must be a valid email address' })
  email?: string | null;

  @Field(() => JSONObject, {
    nullable: true,
    description: "Ping: replaces the proxy user's whole metadata object (at most 30 keys, values at most 300 characters, 32 KB).",
  })
  @IsOptional()
  metadata?: Record<string, unknown> | null;

  @Field(() => Boolean, { nullable: true, description: 'Ping: require IP authentication and password together.' })
  @IsOptional()
  strictSecurity?: boolean | null;

  @Field(() => [CountryCountInput], { nullable: true, description: 'Webshare custom proxy list by country.' })
  @IsOptional()
  @ArrayMaxSize(250)
  @ValidateNested({ each: true })
  proxyCountries?: CountryCountInput[] | null;
}

@InputType()
export class CreateSubUserInput extends UpdateSubUserInput {
  @Field(() => ID)
  @Length(1, 64)
  accountId!: string;

  @Field(() => String, { nullable: true, description: 'Required by ProxyMesh; optional for Ping; Webshare uses label.' })
  @IsOptional()
  @Length(1, 32)
  username?: string | null;
}

/** The input as the provider contract's parameters: countries upper-case, the rest as given. */
export function toSubUserParams(input: UpdateSubUserInput & { username?: string | null }): CreateSubUserParams {
  const countries: Record<string, number> | null | undefined = input.proxyCountries
    ? Object.fromEntries(input.proxyCountries.map((entry) => [entry.country.toUpperCase(), entry.count]))
    : input.proxyCountries;
  return {
    username: input.username,
    label: input.label,
    password: input.password,
    bandwidthLimitBytes: input.bandwidthLimitBytes,
    monthlyBandwidthLimitBytes: input.monthlyBandwidthLimitBytes,
    maxThreads: input.maxThreads,
    proxyCountries: countries,
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email,
    metadata: input.metadata,
    strictSecurity: input.strictSecurity,
  };
}
