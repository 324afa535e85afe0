/** Proxy activity: one logged request per node, newest first (Account.proxyActivity). */
import { Field, Int, ObjectType } from 'type-graphql';
import { DateTime, SafeInt } from '../common/scalars';
import { PageInfo } from '../common/pagination';

@ObjectType({ description: "One request made through the account's proxies, as the provider logged it." })
export class ProxyActivity {
  @Field(() => DateTime)
  at!: Date;

  @Field(() => String, { nullable: true, description: 'HTTP or SOCKS.' })
  protocol!: string | null;

  @Field(() => SafeInt)
  transferredBytes!: number;

  @Field(() => Int, { nullable: true })
  requestDurationMs!: number | null;

  @Field(() => Int, { nullable: true })
  handshakeDurationMs!: number | null;

  @Field(() => Int, { nullable: true })
  tunnelDurationMs!: number | null;

  @Field(() => String, { nullable: true, description: "Why the request failed (Webshare's X-Webshare-Error-Reason); null when it succeeded." })
  errorReason!: string | null;

  @Field(() => String, { nullable: true })
  errorHowToFix!: string | null;

  @Field(() => String, { nullable: true, description: 'The proxy username the request authenticated with, if any.' })
  authUsername!: string | null;

  @Field(() => String, { nullable: true })
  proxyAddress!: string | null;

  @Field(() => Int, { nullable: true })
  proxyPort!: number | null;

  @Field(() => String, { nullable: true, description: 'Where the request came from.' })
  clientIp!: string | null;

  @Field(() => String, { nullable: true })
  targetHostname!: string | null;

  @Field(() => String, { nullable: true })
  targetDomain!: string | null;

  @Field(() => String, { nullable: true })
  targetIp!: string | null;

  @Field(() => Int, { nullable: true })
  targetPort!: number | null;
}

@ObjectType()
export class ProxyActivityEdge {
  @Field(() => String, { description: "Opaque: the provider's position of this entry." })
  cursor!: string;

  @Field(() => ProxyActivity)
  node!: ProxyActivity;
}

@ObjectType({ description: 'Activity newest first; continue with after: pageInfo.endCursor.' })
export class ProxyActivityConnection {
  @Field(() => [ProxyActivityEdge])
  edges!: ProxyActivityEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { nullable: true, description: 'Entries that match the filter, across all pages.' })
  totalCount!: number | null;
}
