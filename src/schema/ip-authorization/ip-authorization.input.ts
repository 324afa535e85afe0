/** Inputs for IP authorizations. */
import { ArrayMaxSize, IsOptional, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DateTime } from '../common/scalars';

@InputType({ description: 'Authorize one IP on many accounts at once.' })
export class AuthorizeIpInput {
  @Field(() => String)
  ip!: string;

  @Field(() => [ID], { nullable: true, description: 'Default: every visible account that supports IP authorizations.' })
  @IsOptional()
  @ArrayMaxSize(100)
  accountIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Authorize for these sub-users (ProxyMesh sub-accounts, Ping proxy users).' })
  @IsOptional()
  @ArrayMaxSize(100)
  subUserIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'WonderProxy user name.' })
  @IsOptional()
  @Length(1, 100)
  user?: string | null;

  @Field(() => DateTime, { nullable: true, description: 'Required by WonderProxy.' })
  @IsOptional()
  expiresAt?: Date | null;
}

@InputType({ description: 'Change an IP authorization (WonderProxy authlist entry); absent fields keep their value.' })
export class UpdateIpAuthorizationInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  ip?: string | null;

  @Field(() => String, { nullable: true, description: 'WonderProxy user name (must be an active proxy user).' })
  @IsOptional()
  @Length(1, 100)
  user?: string | null;

  @Field(() => DateTime, { nullable: true })
  @IsOptional()
  expiresAt?: Date | null;
}

@InputType()
export class IpAuthorizationFilter {
  @Field(() => String, { nullable: true })
  @IsOptional()
  ip?: string | null;

  @Field(() => [String], { nullable: true, description: 'WonderProxy user names: only entries of these users.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @Length(1, 100, { each: true })
  users?: string[] | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  accountIds?: string[] | null;
}
