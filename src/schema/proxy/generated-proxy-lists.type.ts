/** Generated proxy lists (Ping list_by_search, residential/list) and proxy user list options: inputs and results. */
import { ArrayMaxSize, IsOptional, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ProxyAttributeFields } from './proxy.input';

export enum GeneratedProxyListFormat {
  STANDARD = 'STANDARD',
  HTTP = 'HTTP',
  HTTPS = 'HTTPS',
  SOCKS5 = 'SOCKS5',
  SOCKS5H = 'SOCKS5H',
}

export enum ProxyListAuthentication {
  USERNAME_AND_PASSWORD = 'USERNAME_AND_PASSWORD',
  IP_ADDRESS = 'IP_ADDRESS',
  PROXY_SPECIFIC = 'PROXY_SPECIFIC',
}

export enum IpVersion {
  IPV4 = 'IPV4',
  IPV6 = 'IPV6',
}

export enum ResidentialSessionType {
  STICKY = 'STICKY',
  ROTATING = 'ROTATING',
}

registerEnumType(GeneratedProxyListFormat, {
  name: 'GeneratedProxyListFormat',
  description: 'STANDARD is host:port[:user:password]; the others are URLs with that scheme.',
});
registerEnumType(ProxyListAuthentication, {
  name: 'ProxyListAuthentication',
  description: "Which credentials the lines carry: a sub-user's username and password, none (IP authorization), or each proxy's own.",
});
registerEnumType(IpVersion, { name: 'IpVersion' });
registerEnumType(ResidentialSessionType, {
  name: 'ResidentialSessionType',
  description: "STICKY keeps one exit IP for the session's lifetime; ROTATING changes it on every request.",
});

@InputType({
  description:
    'The proxy filters one provider search can apply: one country, one service, and statuses and types the provider can name as one value (or all but one).',
})
export class ProxyListSearchFilter extends ProxyAttributeFields {
  @Field(() => [ID], { nullable: true, description: 'Service ids of the account.' })
  @IsOptional()
  @ArrayMaxSize(100)
  serviceIds?: string[] | null;
}

@InputType()
export class ResidentialProxyListInput {
  @Field(() => ID, { nullable: true, description: "The sub-user whose credentials the lines carry; default: the provider's default user." })
  subUserId?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code.' })
  country?: string | null;

  @Field(() => String, { nullable: true, description: 'Subdivision id such as us-tx.' })
  subdivision?: string | null;

  @Field(() => Int, { nullable: true, description: "The provider's city id." })
  cityId?: number | null;

  @Field(() => Int, { nullable: true, description: "How many lines (1–1000); default: the provider's." })
  @IsOptional()
  @Min(1)
  @Max(1000)
  count?: number | null;

  @Field(() => GeneratedProxyListFormat, { nullable: true })
  format?: GeneratedProxyListFormat | null;

  @Field(() => ResidentialSessionType, { nullable: true })
  sessionType?: ResidentialSessionType | null;

  @Field(() => Int, { nullable: true, description: 'Lifetime of a STICKY session, in seconds.' })
  sessionTtlSeconds?: number | null;
}

@ObjectType({ description: 'Whether one sub-user may use every proxy selected (Ping proxy user list options).' })
export class ProxyUserListOption {
  @Field(() => ID)
  subUserId!: string;

  @Field(() => String, { description: "The sub-user's username (Ping proxy_user_id)." })
  username!: string;

  @Field(() => Boolean)
  hasAccess!: boolean;

  @Field(() => Boolean, { description: "The account's default sub-user, which reaches every proxy." })
  isDefault!: boolean;
}
