/** The audit log as the graph shows it: one entry per write a request made to a provider. */
import { ArrayMaxSize, IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { PageInfo } from '../common/pagination';
import { Provider } from '../common/enums';
import { DateTime } from '../common/scalars';

@ObjectType({ description: 'One write to a provider: who, when, what on which account, and how it ended. Never a secret.' })
export class AuditEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTime)
  at!: Date;

  @Field(() => String, { description: "The principal: an API key's configured name or a JWT subject." })
  principal!: string;

  @Field(() => String, { nullable: true, description: 'The x-request-id of the GraphQL request.' })
  requestId!: string | null;

  @Field(() => String, { nullable: true, description: 'The GraphQL operation name, when the client gave one.' })
  operation!: string | null;

  @Field(() => ID)
  accountId!: string;

  @Field(() => Provider)
  provider!: Provider;

  @Field(() => String, { description: '`facet.method`, e.g. `subUsers.create`, `ipAuthorizations.revoke`.' })
  action!: string;

  @Field(() => [String], { description: 'The ids, IPs and host names the write named.' })
  targets!: string[];

  @Field(() => String, { description: '`OK`, or the error code the write ended with.' })
  outcome!: string;

  @Field(() => String, { nullable: true, description: "The provider's request id, when its answer had one." })
  upstreamRequestId!: string | null;
}

@ObjectType()
export class AuditEntryEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => AuditEntry)
  node!: AuditEntry;
}

@ObjectType({ description: 'Audit entries, newest first.' })
export class AuditEntryConnection {
  @Field(() => [AuditEntryEdge])
  edges!: AuditEntryEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@InputType({ description: 'Every given field narrows the entries.' })
export class AuditLogFilter {
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  accountIds?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  principal?: string | null;

  @Field(() => [String], { nullable: true, description: 'Actions such as `subUsers.create`.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @Matches(/^[A-Za-z]+\.[A-Za-z]+$/, { each: true, message: 'each action is facet.method' })
  actions?: string[] | null;
}
