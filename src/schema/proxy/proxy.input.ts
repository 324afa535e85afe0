/** Inputs for listing proxies. */
import { ArrayMaxSize, IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Provider, ProxyStatus, ProxyType } from '../common/enums';

/** The proxy attributes every proxy filter narrows by: the cross-account filter and Ping's search filter. */
@InputType()
export abstract class ProxyAttributeFields {
  @Field(() => [String], { nullable: true, description: 'ISO 3166-1 alpha-2 codes, any case.' })
  @IsOptional()
  @ArrayMaxSize(250)
  @Matches(/^[A-Za-z]{2}$/, { each: true, message: 'each country must be a two-letter ISO 3166-1 code' })
  countries?: string[] | null;

  @Field(() => [ProxyStatus], { nullable: true })
  @IsOptional()
  statuses?: ProxyStatus[] | null;

  @Field(() => [ProxyType], { nullable: true })
  @IsOptional()
  types?: ProxyType[] | null;
}

@InputType({ description: 'Every given list narrows the result; within a list, any value matches.' })
export class ProxyFilter extends ProxyAttributeFields {
  @Field(() => [Provider], { nullable: true })
  @IsOptional()
  providers?: Provider[] | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  accountIds?: string[] | null;
}
