/** ProxyMesh hostname authorizations: on the account or one of its sub-accounts. */
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { CallsUpstream } from '../common/upstream-calls';
import { HostnameAuthorization } from '../ip-authorization/ip-authorization.type';
import { Account } from '../account/account.type';
import { SubUser } from '../sub-user/sub-user.type';
import { DeletedPayload } from '../common/payloads';
import { accountNode, AccountNode, HostnameAuthorizationNode, toNode } from '../common/nodes';
import { subUserNode } from '../sub-user/sub-user.resolver';
import { decodeGlobalId } from '../../domain/ids';
import { removeOne } from '../../domain/removal';
import { badUserInput } from '../../core/errors';

@Resolver(() => HostnameAuthorization)
export class HostnameAuthorizationResolver {
  @FieldResolver(() => Account)
  account(@Root() authorization: HostnameAuthorizationNode, @Ctx() ctx: Context): AccountNode {
    return accountNode(ctx.scope.accountOf(authorization.accountId));
  }

  @CallsUpstream()
  @FieldResolver(() => SubUser, { nullable: true })
  subUser(@Root() authorization: HostnameAuthorizationNode, @Ctx() ctx: Context) {
    return subUserNode(ctx, authorization.accountId, authorization.subUserNativeId);
  }

  @CallsUpstream()
  @Mutation(() => HostnameAuthorization, { description: 'ProxyMesh: allow a target hostname, on the account or one sub-account.' })
  async addHostnameAuthorization(
    @Ctx() ctx: Context,
    @Arg('accountId', () => ID) accountId: string,
    @Arg('hostname', () => String) hostname: string,
    @Arg('subUserId', () => ID, { nullable: true }) subUserId?: string | null,
  ): Promise<HostnameAuthorizationNode> {
    const subUserNativeId = subUserFor(accountId, subUserId);
    const account = ctx.scope.writes.account(accountId);
    const record = await ctx.scope.writes.facet(accountId, 'hostnameAuthorizations').add(hostname.toLowerCase(), subUserNativeId);
    return toNode('HostnameAuthorization', account, record);
  }

  @CallsUpstream()
  @Mutation(() => DeletedPayload)
  async removeHostnameAuthorization(
    @Ctx() ctx: Context,
    @Arg('accountId', () => ID) accountId: string,
    @Arg('hostname', () => String) hostname: string,
    @Arg('subUserId', () => ID, { nullable: true }) subUserId?: string | null,
  ): Promise<DeletedPayload> {
    const subUserNativeId = subUserFor(accountId, subUserId);
    const hostnames = ctx.scope.writes.facet(accountId, 'hostnameAuthorizations');
    return { id: null, ...(await removeOne(() => hostnames.remove(hostname.toLowerCase(), subUserNativeId))) };
  }
}

function subUserFor(accountId: string, subUserId: string | null | undefined): string | null {
  if (!subUserId) return null;
  const parts = decodeGlobalId(subUserId, 'SubUser');
  if (parts.accountId !== accountId) throw badUserInput('subUserId belongs to another account', { subUserId: ['other account'] });
  return parts.nativeId;
}
