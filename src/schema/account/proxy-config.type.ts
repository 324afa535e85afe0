/**
 * What an account says about its proxy list and how to connect (Webshare proxy config family): the rotating
 * gateway, the list's status and composition, and the proxy settings beyond the credentials.
 */
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CountryCount } from '../sub-user/sub-user.type';

export enum ProxyListMode {
  DIRECT = 'DIRECT',
  BACKBONE = 'BACKBONE',
}

export enum ProxyListState {
  PENDING = 'PENDING',
  PROCESSING = 'PROCESSING',
  COMPLETED = 'COMPLETED',
}

registerEnumType(ProxyListMode, {
  name: 'ProxyListMode',
  description: 'DIRECT: each proxy is an address to connect to. BACKBONE: every proxy is reached through the rotating gateway (Webshare residential plans).',
});
registerEnumType(ProxyListState, { name: 'ProxyListState', description: 'Whether the proxy list is ready to use.' });

@ObjectType({ description: 'A port range, both ends included.' })
export class PortRange {
  @Field(() => Int)
  from!: number;

  @Field(() => Int)
  to!: number;
}

@ObjectType({
  description:
    "How to connect through the provider's rotating gateway (Webshare backbone) with the proxy username and password (Account.proxyCredentials). IP-authorized clients use each proxy's own port instead.",
})
export class ProxyGateway {
  @Field(() => String)
  host!: string;

  @Field(() => [Int], { description: 'Ports that take username/password authentication.' })
  ports!: number[];

  @Field(() => PortRange, { nullable: true, description: 'More ports that take username/password authentication.' })
  portRange!: PortRange | null;

  @Field(() => ProxyListMode, { description: 'Which list Account.proxies reads: BACKBONE entries are all reached through this gateway, each on its own port.' })
  listMode!: ProxyListMode;

  @Field(() => String, { description: 'The proxy username before any targeting.' })
  username!: string;

  @Field(() => Boolean, { description: 'Whether the username can target a city (Webshare: residential plans only).' })
  cityTargeting!: boolean;

  @Field(() => String, { description: 'The username grammar, e.g. {username}[-{cc}...][-city_{name}][-{session}|-rotate].' })
  usernameTemplate!: string;
}

@ObjectType({ description: 'The proxy list: whether it is ready, what it holds per country, and what the plan bought but could not allocate.' })
export class ProxyListStatus {
  @Field(() => ProxyListState)
  state!: ProxyListState;

  @Field(() => [CountryCount])
  countries!: CountryCount[];

  @Field(() => [CountryCount], { description: 'Proxies bought for countries that had none available; allocateUnallocatedCountries places them.' })
  unallocatedCountries!: CountryCount[];

  @Field(() => Int, { description: 'The sum of unallocatedCountries: what an allocation must add up to.' })
  unallocatedCount!: number;

  @Field(() => Boolean, { description: 'Whether the proxies have been used.' })
  proxiesUsed!: boolean;

  @Field(() => String, { nullable: true })
  username!: string | null;

  @Field(() => String, { nullable: true, description: 'Needs the `credentials` scope.' })
  password!: string | null;
}

@ObjectType()
export class IpRangeCount {
  @Field(() => String, { description: 'CIDR, e.g. 10.1.1.0/24.' })
  cidr!: string;

  @Field(() => Int)
  prefixLength!: number;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class AsnCount {
  @Field(() => Int)
  asn!: number;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => Int)
  count!: number;
}

@ObjectType({
  description:
    'The proxy list by network (/24, /16, /8 ranges and ASNs), and what is available to replace proxies with. Empty ranges and ASNs on residential plans.',
})
export class ProxyListStats {
  @Field(() => [CountryCount])
  availableCountries!: CountryCount[];

  @Field(() => [IpRangeCount])
  ipRanges!: IpRangeCount[];

  @Field(() => [IpRangeCount])
  availableIpRanges!: IpRangeCount[];

  @Field(() => [AsnCount])
  asns!: AsnCount[];

  @Field(() => [AsnCount])
  availableAsns!: AsnCount[];
}

@ObjectType({ description: 'Proxy settings beyond the credentials (Webshare proxy config). Null restrictions mean none.' })
export class ProxySettings {
  @Field(() => Int, { nullable: true, description: 'Longest a proxied request may last.' })
  requestTimeoutSeconds!: number | null;

  @Field(() => Int, { nullable: true, description: 'Longest a proxied connection may stay idle.' })
  requestIdleTimeoutSeconds!: number | null;

  @Field(() => [String], { nullable: true, description: 'Countries IP-authorized clients may connect from; null = all.' })
  ipAuthorizationCountries!: string[] | null;

  @Field(() => String, { nullable: true, description: 'City IP-authorized clients must be in (exclusive with state and postal code).' })
  ipAuthorizationCity!: string | null;

  @Field(() => String, { nullable: true })
  ipAuthorizationState!: string | null;

  @Field(() => String, { nullable: true })
  ipAuthorizationPostalCode!: string | null;

  @Field(() => String, { nullable: true, description: 'ASN IP-authorized clients must be in, e.g. 7922 or AS7922.' })
  ipAuthorizationAsn!: string | null;

  @Field(() => Boolean, { nullable: true })
  autoReplaceInvalidProxies!: boolean | null;

  @Field(() => Boolean, { nullable: true })
  autoReplaceLowCountryConfidenceProxies!: boolean | null;

  @Field(() => Boolean, { nullable: true })
  autoReplaceOutOfRotationProxies!: boolean | null;

  @Field(() => Boolean, { nullable: true })
  autoReplaceFailedSiteCheckProxies!: boolean | null;
}
