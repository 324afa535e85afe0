/** Sub-user access rules: grants letting a restricted sub-user use a service's proxies or one proxy (Ping ACLs). */
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTime } from '../common/scalars';
import { PageInfo } from '../common/pagination';

export enum AccessRuleTarget {
  SERVICE = 'SERVICE',
  PROXY = 'PROXY',
}
export enum SubUserAccessType {
  ALL = 'ALL',
  SERVICE_RESTRICTED = 'SERVICE_RESTRICTED',
  PROXY_RESTRICTED = 'PROXY_RESTRICTED',
}
registerEnumType(SubUserAccessType, {
  name: 'SubUserAccessType',
  description:
    'ALL: every proxy of the account; SERVICE_RESTRICTED: the proxies of the services its access rules name; PROXY_RESTRICTED: the proxies they name.',
});
registerEnumType(AccessRuleTarget, { name: 'AccessRuleTarget', description: 'What an access rule grants: every proxy of a service, or one proxy.' });

@ObjectType({
  description:
    "A grant letting a restricted sub-user use one service's proxies or one proxy (Ping proxy user ACL). The grant's kind must match the sub-user's accessType: SERVICE for service_restricted, PROXY for proxy_restricted.",
})
export class SubUserAccessRule {
  @Field(() => ID)
  id!: string;

  @Field(() => AccessRuleTarget)
  target!: AccessRuleTarget;

  @Field(() => DateTime, { nullable: true })
  createdAt!: Date | null;
}

@ObjectType()
export class SubUserAccessRuleEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => SubUserAccessRule)
  node!: SubUserAccessRule;
}

@ObjectType()
export class SubUserAccessRuleConnection {
  @Field(() => [SubUserAccessRuleEdge])
  edges!: SubUserAccessRuleEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { nullable: true })
  totalCount!: number | null;
}

@InputType({ description: "Exactly one of serviceId and proxyId, of the sub-user's account." })
export class CreateSubUserAccessRuleInput {
  @Field(() => ID)
  subUserId!: string;

  @Field(() => ID, { nullable: true })
  serviceId?: string | null;

  @Field(() => ID, { nullable: true })
  proxyId?: string | null;
}
