/** Proxy servers (WonderProxy servers, ProxyMesh proxy hosts) and ProxyMesh country pools. */
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ProxyStatus } from '../common/enums';

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

@ObjectType()
export class ServerIp {
  @Field(() => String)
  address!: string;

  @Field(() => ProxyStatus, { nullable: true })
  status!: ProxyStatus | null;

  @Field(() => String, { nullable: true })
  providerStatus!: string | null;
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

  @Field(() => [ServerIp])
  ips!: ServerIp[];

  @Field(() => Int, { nullable: true })
  port!: number | null;
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
