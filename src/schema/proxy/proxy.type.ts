/** Proxy: one endpoint a client can send traffic through, from any provider. */
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime } from '../common/scalars';
import { PageInfo } from '../common/pagination';
import { ProxyStatus } from '../common/enums';
import { GeoIpStatus } from '../server/server.type';

@ObjectType({ description: 'Ports a proxy listens on; null where the protocol is not offered.' })
export class ProxyPorts {
  @Field(() => Int, { nullable: true })
  http!: number | null;

  @Field(() => Int, { nullable: true })
  socks5!: number | null;
}

@ObjectType({ description: 'A proxy endpoint. Webshare direct proxies, ProxyMesh gateways, WonderProxy exit IPs, Ping proxies.' })
@Directive('@key(fields: "id")')
export class Proxy {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Host name or address to connect to.' })
  host!: string;

  @Field(() => String, { nullable: true, description: 'The IP address traffic leaves from, when known.' })
  exitIp!: string | null;

  @Field(() => String, { nullable: true })
  username!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2, upper case; ZZ = any.' })
  country!: string | null;

  @Field(() => String, { nullable: true })
  city!: string | null;

  @Field(() => Int, { nullable: true })
  asn!: number | null;

  @Field(() => String, { nullable: true })
  asnName!: string | null;

  @Field(() => ProxyStatus)
  status!: ProxyStatus;

  @Field(() => String, { nullable: true, description: "The provider's own status word (e.g. Webshare valid/invalid)." })
  providerStatus!: string | null;

  @Field(() => DateTime, { nullable: true })
  lastCheckedAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  createdAt!: Date | null;

  @Field(() => String, { nullable: true, description: "WonderProxy: the server's title (usually the closest metro area)." })
  title!: string | null;

  @Field(() => Int, { nullable: true, description: "WonderProxy: connect to this port (the HTTP port + 500) to have the account's custom DNS entries apply." })
  customDnsPort!: number | null;

  @Field(() => [GeoIpStatus], { nullable: true, description: "WonderProxy: per Geo-IP database verdicts on this exit IP's location." })
  geoStatus!: GeoIpStatus[] | null;
}

@ObjectType()
export class ProxyEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Proxy)
  node!: Proxy;
}

@ObjectType({ description: 'A Relay connection of proxies.' })
export class ProxyConnection {
  @Field(() => [ProxyEdge])
  edges!: ProxyEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { nullable: true, description: 'Total matching proxies when every provider involved reports a count.' })
  totalCount!: number | null;
}
