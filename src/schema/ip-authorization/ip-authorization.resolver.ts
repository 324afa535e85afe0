/** IP authorizations: per account, and the cross-account authorizeIp / revokeIp (rules in domain/ip-authorizations.ts). */
import { Arg, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context';
import { CallsUpstream } from '../common/upstream-calls';
import { AccountOperationResult, IpAuthorization } from './ip-authorization.type';
import { AuthorizeIpInput, IpAuthorizationFilter, UpdateIpAuthorizationInput } from './ip-authorization.input';
import { Account } from '../account/account.type';
import { SubUser } from '../sub-user/sub-user.type';
import { DeletedPayload, operationResult, type AccountOperationResultShape } from '../common/payloads';
import { accountNode, AccountNode, IpAuthorizationNode, toNode } from '../common/nodes';
import { subUserNode } from '../sub-user/sub-user.resolver';
import { nodesFromOutcomes } from '../common/partial';
import { decodeGlobalId } from '../../domain/ids';
import { clearAll } from '../../domain/clearing';
import { removeOne } from '../../domain/removal';
import { authorizeIpEverywhere, listIpAuthorizationsEverywhere, revokeIpEverywhere } from '../../domain/ip-authorizations';

@Resolver(() => IpAuthorization)
export class IpAuthorizationResolver {
  @CallsUpstream()
  @Query(() => [IpAuthorization], { description: 'IP authorizations across accounts; failing accounts are reported as errors beside the data.' })
  async ipAuthorizations(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => IpAuthorizationFilter, { nullable: true }) filter?: IpAuthorizationFilter | null,
  ): Promise<IpAuthorizationNode[]> {
    const outcomes = await listIpAuthorizationsEverywhere(ctx.scope.reads, { ip: filter?.ip, users: filter?.users, accountIds: filter?.accountIds });
    return nodesFromOutcomes(ctx, info, outcomes, 'IpAuthorization');
  }

  @FieldResolver(() => Account)
  account(@Root() authorization: IpAuthorizationNode, @Ctx() ctx: Context): AccountNode {
    return accountNode(ctx.scope.accountOf(authorization.accountId));
  }

  @CallsUpstream()
  @FieldResolver(() => SubUser, { nullable: true })
  subUser(@Root() authorization: IpAuthorizationNode, @Ctx() ctx: Context) {
    return subUserNode(ctx, authorization.accountId, authorization.subUserNativeId);
  }

  @CallsUpstream()
  @Mutation(() => [AccountOperationResult], {
    description:
      'Authorize one IP on many accounts (default: every account that supports it), in parallel. Idempotent: an IP already there is ok with alreadyDone.',
  })
  async authorizeIp(@Ctx() ctx: Context, @Arg('input', () => AuthorizeIpInput) input: AuthorizeIpInput): Promise<AccountOperationResultShape[]> {
    const subUsers = input.subUserIds?.map((id) => decodeGlobalId(id, 'SubUser'));
    const outcomes = await authorizeIpEverywhere(ctx.scope.writes, {
      ip: input.ip,
      accountIds: input.accountIds,
      subUsers: subUsers?.map((parts) => ({ accountId: parts.accountId, nativeId: parts.nativeId })),
      user: input.user,
      expiresAt: input.expiresAt,
    });
    return outcomes.map((outcome) =>
      operationResult(outcome, (done) => ({
        alreadyDone: done.alreadyDone,
        notApplied: done.notApplied,
        ipAuthorization: toNode('IpAuthorization', outcome.account, done.record),
      })),
    );
  }

  @CallsUpstream()
  @Mutation(() => [AccountOperationResult], { description: 'Remove an IP from many accounts (default: every account that supports IP authorizations).' })
  async revokeIp(
    @Ctx() ctx: Context,
    @Arg('ip', () => String) ip: string,
    @Arg('accountIds', () => [ID], { nullable: true }) accountIds?: string[] | null,
  ): Promise<AccountOperationResultShape[]> {
    const outcomes = await revokeIpEverywhere(ctx.scope.writes, { ip, accountIds });
    return outcomes.map((outcome) => operationResult(outcome, (removed) => ({ alreadyDone: removed === 0, removedCount: removed })));
  }

  @CallsUpstream()
  @Mutation(() => DeletedPayload)
  async revokeIpAuthorization(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<DeletedPayload> {
    const { accountId, nativeId } = decodeGlobalId(id, 'IpAuthorization');
    const ips = ctx.scope.writes.facet(accountId, 'ipAuthorizations');
    return { id, ...(await removeOne(() => ips.revoke(nativeId))) };
  }

  @CallsUpstream()
  @Mutation(() => IpAuthorization, { description: "WonderProxy: change an authlist entry's IP, user or expiry." })
  async updateIpAuthorization(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateIpAuthorizationInput) input: UpdateIpAuthorizationInput,
  ): Promise<IpAuthorizationNode> {
    const { accountId, nativeId } = decodeGlobalId(id, 'IpAuthorization');
    const account = ctx.scope.writes.account(accountId);
    const record = await ctx.scope.writes.facet(accountId, 'ipAuthorizationUpdates').update(nativeId, {
      ip: input.ip,
      user: input.user,
      expiresAt: input.expiresAt,
    });
    return toNode('IpAuthorization', account, record);
  }

  @CallsUpstream()
  @Mutation(() => DeletedPayload, {
    description: 'Remove every IP authorization of the account (WonderProxy in one call, others entry by entry). `count` is how many were removed.',
  })
  async clearIpAuthorizations(@Ctx() ctx: Context, @Arg('accountId', () => ID) accountId: string): Promise<DeletedPayload> {
    const ips = ctx.scope.writes.facet(accountId, 'ipAuthorizations');
    const outcome = await clearAll({ list: () => ips.list(), remove: (id) => ips.revoke(id), clear: ips.clear && (() => ips.clear!()) });
    return { id: null, ...outcome };
  }
}

@Resolver(() => AccountOperationResult)
export class AccountOperationResultResolver {
  @FieldResolver(() => Account)
  account(@Root() result: AccountOperationResultShape): AccountNode {
    return result.account;
  }
}
