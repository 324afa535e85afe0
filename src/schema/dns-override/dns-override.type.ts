/** WonderProxy custom DNS overrides. */
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateTime } from '../common/scalars';
import { DnsOverrideStatus } from '../common/enums';

@ObjectType({ description: 'Resolve `hostname` to `ip` when proxying through `server` (WonderProxy).' })
@Directive('@key(fields: "id")')
export class DnsOverride {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'WonderProxy short server name (e.g. denver); proxyServer has its hostname, IPs and customDnsPort.' })
  server!: string;

  @Field(() => String)
  hostname!: string;

  @Field(() => String)
  ip!: string;

  @Field(() => DateTime)
  expiresAt!: Date;

  @Field(() => DnsOverrideStatus)
  status!: DnsOverrideStatus;
}
