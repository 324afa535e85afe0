/** Proxy servers (WonderProxy servers, ProxyMesh proxy hosts) and ProxyMesh country pools. */
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ProxyStatus } from '../common/enums';
import { DateTime, SafeInt } from '../common/scalars';

@ObjectType()
export class Location {
  @Field(() => String, { nullable: true })
  city!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2, upper case.' })
  country!: string | null;

  @Field(() => Float, { nullable: true })
  latitude!: number | null;

  @Field(() => Float, { nullable: true })
  longitude!: number | null;
}

@ObjectType({ description: "What one third-party Geo-IP database says about an exit IP's location (WonderProxy geostatus)." })
export class GeoIpStatus {
  @Field(() => String, { description: 'The Geo-IP database, e.g. google, maxmind.' })
  source!: string;

  @Field(() => ProxyStatus)
  status!: ProxyStatus;

  @Field(() => String, { description: "The provider's own word: ok, warn, crit, unknown." })
  providerStatus!: string;

  @Field(() => DateTime, { nullable: true })
  checkedAt!: Date | null;
}

@ObjectType({ description: 'Bandwidth on one server, in bytes (WonderProxy).' })
export class ServerUsage {
  @Field(() => SafeInt, { nullable: true, description: "The server's own limit with detailed server billing, else the account's network limit." })
  limitBytes!: number | null;

  @Field(() => SafeInt, { nullable: true, description: 'Used in the current billing period.' })
  currentBytes!: number | null;

  @Field(() => SafeInt, { nullable: true })
  last30DaysBytes!: number | null;
}

@ObjectType()
export class ServerIp {
  @Field(() => String)
  address!: string;

  @Field(() => ProxyStatus, { nullable: true })
  status!: ProxyStatus | null;

  @Field(() => String, { nullable: true })
  providerStatus!: string | null;

  @Field(() => Int, { nullable: true, description: 'WonderProxy: added to the port scheme (10000 + portBase, 11000 + portBase, ...).' })
  portBase!: number | null;

  @Field(() => Int, { nullable: true, description: 'HTTP proxy port that exits through this IP.' })
  port!: number | null;

  @Field(() => Int, { nullable: true, description: "WonderProxy: connect here (port + 500) to have the account's custom DNS entries apply." })
  customDnsPort!: number | null;

  @Field(() => DateTime, { nullable: true, description: 'When the status was last checked.' })
  checkedAt!: Date | null;

  @Field(() => [GeoIpStatus], { nullable: true, description: "WonderProxy: per Geo-IP database verdicts on this IP's location." })
  geoStatus!: GeoIpStatus[] | null;
}

@ObjectType({ description: 'A proxy server or gateway host.' })
export class ProxyServer {
  @Field(() => String)
  hostname!: string;

  @Field(() => String, { nullable: true })
  title!: string | null;

  @Field(() => [String])
  services!: string[];

  @Field(() => Location, { nullable: true })
  location!: Location | null;

  @Field(() => [ServerIp], {
    nullable: true,
    description:
      "The exit IPs. Null when the provider does not list them for this server (ProxyMesh hosts rotate IPs; WonderProxy's network catalogue gives only ipCount, Account.servers lists the IPs of an account's servers): unknown, not none.",
  })
  ips!: ServerIp[] | null;

  @Field(() => Int, { nullable: true, description: 'How many exit IPs the server has (WonderProxy ip_count); null when unknown.' })
  ipCount!: number | null;

  @Field(() => Int, { nullable: true })
  port!: number | null;

  @Field(() => String, { nullable: true, description: "The provider's short server name (WonderProxy: used by DNS overrides and proxy ids, e.g. denver)." })
  name!: string | null;

  @Field(() => ServerUsage, { nullable: true, description: 'WonderProxy contract servers: bandwidth on this server.' })
  usage!: ServerUsage | null;
}

@ObjectType({ description: 'How many IPs a ProxyMesh pool (open, world) has in a country.' })
export class CountryPool {
  @Field(() => String)
  pool!: string;

  @Field(() => String)
  country!: string;

  @Field(() => Int)
  count!: number;
}
