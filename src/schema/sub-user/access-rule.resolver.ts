/** Sub-user access rules (Ping proxy user ACLs): the rule's own fields, SubUser.accessRules, and the mutations. */
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { CallsUpstream } from '../common/upstream-calls';
import { AccessRuleTarget, CreateSubUserAccessRuleInput, SubUserAccessRule, SubUserAccessRuleConnection, SubUserAccessType } from './access-rule.type';
import { SubUser } from './sub-user.type';
import { Service } from '../service/service.type';
import { Proxy } from '../proxy/proxy.type';
import { DeletedPayload } from '../common/payloads';
import { connectionOf, PageArgs, windowFrom } from '../common/pagination';
import { toNode, type ProxyNode, type ServiceNode, type SubUserAccessRuleNode, type SubUserNode } from '../common/nodes';
import { nullWhenNotFound } from '../common/not-found';
import { subUserNode } from './sub-user.resolver';
import { decodeGlobalId, encodeGlobalId } from '../../domain/ids';
import { removeOne } from '../../domain/removal';
import { badUserInput } from '../../core/errors';

const BOTH_OR_NEITHER = { serviceId: ['exactly one of serviceId and proxyId'], proxyId: ['exactly one of serviceId and proxyId'] };

@Resolver(() => SubUserAccessRule)
export class SubUserAccessRuleResolver {
  @CallsUpstream()
  @Query(() => SubUserAccessRule, { nullable: true })
  async subUserAccessRule(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<SubUserAccessRuleNode | null> {
    const { accountId, nativeId } = decodeGlobalId(id, 'SubUserAccessRule');
    const account = nullWhenNotFound(() => ctx.scope.reads.account(accountId));
    if (!account) return null;
    const record = await ctx.scope.reads.facet(accountId, 'subUserAccessRules').get(nativeId);
    return record ? toNode('SubUserAccessRule', account, record) : null;
  }

  @FieldResolver(() => AccessRuleTarget)
  target(@Root() rule: SubUserAccessRuleNode): AccessRuleTarget {
    return rule.serviceNativeId ? AccessRuleTarget.SERVICE : AccessRuleTarget.PROXY;
  }

  @FieldResolver(() => ID, { description: 'The sub-user the rule belongs to, without reading it.' })
  subUserId(@Root() rule: SubUserAccessRuleNode): string {
    return encodeGlobalId('SubUser', rule.accountId, rule.subUserNativeId);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The service granted (target SERVICE), without reading it.' })
  serviceId(@Root() rule: SubUserAccessRuleNode): string | null {
    return rule.serviceNativeId ? encodeGlobalId('Service', rule.accountId, rule.serviceNativeId) : null;
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The proxy granted (target PROXY), without reading it.' })
  proxyId(@Root() rule: SubUserAccessRuleNode): string | null {
    return rule.proxyNativeId ? encodeGlobalId('Proxy', rule.accountId, rule.proxyNativeId) : null;
  }

  @CallsUpstream()
  @FieldResolver(() => SubUser, { nullable: true })
  subUser(@Root() rule: SubUserAccessRuleNode, @Ctx() ctx: Context): Promise<SubUserNode | null> {
    return subUserNode(ctx, rule.accountId, rule.subUserNativeId);
  }

  @CallsUpstream()
  @FieldResolver(() => Service, { nullable: true })
  async service(@Root() rule: SubUserAccessRuleNode, @Ctx() ctx: Context): Promise<ServiceNode | null> {
    if (!rule.serviceNativeId) return null;
    const record = await ctx.scope.reads.facet(rule.accountId, 'services').get(rule.serviceNativeId);
    return record ? toNode('Service', ctx.scope.accountOf(rule.accountId), record) : null;
  }

  @CallsUpstream()
  @FieldResolver(() => Proxy, { nullable: true })
  async proxy(@Root() rule: SubUserAccessRuleNode, @Ctx() ctx: Context): Promise<ProxyNode | null> {
    if (!rule.proxyNativeId) return null;
    const record = await ctx.scope.reads.facet(rule.accountId, 'proxies').get(rule.proxyNativeId);
    return record ? toNode('Proxy', ctx.scope.accountOf(rule.accountId), record) : null;
  }

  @CallsUpstream()
  @Mutation(() => SubUserAccessRule, { description: "Ping: grant a restricted proxy user one service's proxies or one proxy (a proxy user ACL)." })
  async createSubUserAccessRule(
    @Ctx() ctx: Context,
    @Arg('input', () => CreateSubUserAccessRuleInput) input: CreateSubUserAccessRuleInput,
  ): Promise<SubUserAccessRuleNode> {
    const subUser = decodeGlobalId(input.subUserId, 'SubUser');
    if ((input.serviceId == null) === (input.proxyId == null)) throw badUserInput('an access rule names exactly one of serviceId and proxyId', BOTH_OR_NEITHER);
    const target = input.serviceId != null ? decodeGlobalId(input.serviceId, 'Service') : decodeGlobalId(input.proxyId!, 'Proxy');
    if (target.accountId !== subUser.accountId) {
      throw badUserInput("the service or proxy must be on the sub-user's account", {
        [input.serviceId != null ? 'serviceId' : 'proxyId']: ['another account'],
      });
    }
    const account = ctx.scope.writes.account(subUser.accountId);
    const record = await ctx.scope.writes.facet(subUser.accountId, 'subUserAccessRules').create({
      subUserNativeId: subUser.nativeId,
      serviceNativeId: target.kind === 'Service' ? target.nativeId : null,
      proxyNativeId: target.kind === 'Proxy' ? target.nativeId : null,
    });
    return toNode('SubUserAccessRule', account, record);
  }

  @CallsUpstream()
  @Mutation(() => SubUser, {
    description: 'Ping: what the proxy user may use (proxy_user_access_type); leaving a restricted type for ALL needs clearAccessRules: true.',
  })
  async setSubUserAccessType(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('accessType', () => SubUserAccessType) accessType: SubUserAccessType,
    @Arg('clearAccessRules', () => Boolean, { nullable: true, description: 'Remove every access rule of the sub-user.' }) clearAccessRules?: boolean | null,
  ): Promise<SubUserNode> {
    const { accountId, nativeId } = decodeGlobalId(id, 'SubUser');
    const account = ctx.scope.writes.account(accountId);
    const record = await ctx.scope.writes
      .facet(accountId, 'subUserAccessRules')
      .setAccessType(nativeId, accessType.toLowerCase() as Lowercase<SubUserAccessType>, clearAccessRules === true);
    return toNode('SubUser', account, record);
  }

  @CallsUpstream()
  @Mutation(() => DeletedPayload, { description: 'Ping: revoke one proxy user ACL entry.' })
  async deleteSubUserAccessRule(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<DeletedPayload> {
    const { accountId, nativeId } = decodeGlobalId(id, 'SubUserAccessRule');
    const rules = ctx.scope.writes.facet(accountId, 'subUserAccessRules');
    return { id, ...(await removeOne(() => rules.delete(nativeId))) };
  }
}

@Resolver(() => SubUser)
export class SubUserAccessRulesFieldResolver {
  @CallsUpstream()
  @FieldResolver(() => SubUserAccessRuleConnection, { nullable: true, description: "Ping: the proxy user's ACL entries, in a stable order." })
  async accessRules(@Root() subUser: SubUserNode, @Ctx() ctx: Context, @Args() page: PageArgs) {
    const window = windowFrom(page.first, page.after);
    const result = await ctx.scope.reads.facet(subUser.accountId, 'subUserAccessRules').list(subUser.nativeId, window);
    const account = ctx.scope.accountOf(subUser.accountId);
    return connectionOf(window, result, (record) => toNode('SubUserAccessRule', account, record));
  }
}
