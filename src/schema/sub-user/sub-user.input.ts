/** Sub-user inputs. Limits are bytes in the graph; adapters convert to the provider's unit. */
import { ArrayMaxSize, IsInt, IsOptional, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { SafeInt } from '../common/scalars';

@InputType({ description: 'Proxies of one country for a sub-user\'s custom list.' })
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
