/** Sub-user queries, fields and mutations. */
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { CallsUpstream } from '../common/upstream-calls';
import { CountryCount, SubUser } from './sub-user.type';
import { CreateSubUserInput, toSubUserParams, UpdateSubUserInput } from './sub-user.input';
import { Account } from '../account/account.type';
import { IpAuthorization } from '../ip-authorization/ip-authorization.type';
import { DeletedPayload } from '../common/payloads';
import { accountNode, AccountNode, IpAuthorizationNode, SubUserNode, toNode } from '../common/nodes';
import { decodeGlobalId } from '../../domain/ids';
import { removeOne } from '../../domain/removal';
import { nullWhenNotFound } from '../common/not-found';
import { badUserInput } from '../../core/errors';

export async function loadSubUser(ctx: Context, id: string): Promise<SubUserNode | null> {
  const { accountId, nativeId } = decodeGlobalId(id, 'SubUser');
  const account = nullWhenNotFound(() => ctx.scope.reads.account(accountId));
  if (!account) return null;
  const record = await ctx.scope.reads.facet(accountId, 'subUsers').get(nativeId);
  return record ? toNode('SubUser', account, record) : null;
}

/** A sub-user node by native id, or null when its provider has no sub-users or does not know it. */
export async function subUserNode(ctx: Context, accountId: string, nativeId: string | null | undefined): Promise<SubUserNode | null> {
  if (!nativeId) return null;
  const subUsers = ctx.scope.reads.facetIfAny(accountId, 'subUsers');
  if (!subUsers) return null;
  const record = await subUsers.get(nativeId);
  return record ? toNode('SubUser', ctx.scope.reads.account(accountId), record) : null;
}

@Resolver(() => SubUser)
export class SubUserResolver {
  @CallsUpstream()
  @Query(() => SubUser, { nullable: true })
  subUser(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return loadSubUser(ctx, id);
  }

  @FieldResolver(() => Account)
  account(@Root() subUser: SubUserNode, @Ctx() ctx: Context): AccountNode {
    return accountNode(ctx.scope.accountOf(subUser.accountId));
  }

  @CallsUpstream()
  @FieldResolver(() => String, { nullable: true, description: "The password this sub-user's proxies use. Needs the `credentials` scope." })
  async password(@Root() subUser: SubUserNode, @Ctx() ctx: Context): Promise<string | null> {
    ctx.scope.principal.require('credentials');
    if (subUser.password) return subUser.password;
    const subUsers = ctx.scope.reads.facet(subUser.accountId, 'subUsers');
    if (!subUsers.proxyCredentials) return null;
    return (await subUsers.proxyCredentials(subUser.nativeId))?.password ?? null;
  }

  @CallsUpstream()
  @FieldResolver(() => String, { nullable: true, description: "The username this sub-user's proxies use, where it differs from username." })
  async proxyUsername(@Root() subUser: SubUserNode, @Ctx() ctx: Context): Promise<string | null> {
    const subUsers = ctx.scope.reads.facet(subUser.accountId, 'subUsers');
    if (!subUsers.proxyCredentials) return subUser.username;
    return (await subUsers.proxyCredentials(subUser.nativeId))?.username ?? null;
  }

  @FieldResolver(() => [CountryCount], { nullable: true, description: "Webshare custom proxy list; null = the account's list." })
  proxyCountries(@Root() subUser: SubUserNode): CountryCount[] | null {
    if (!subUser.proxyCountries) return null;
    return Object.entries(subUser.proxyCountries).map(([country, count]) => ({ country, count }));
  }

  @CallsUpstream()
  @FieldResolver(() => [IpAuthorization], { description: 'IPs authorized for this sub-user (ProxyMesh sub-accounts, Ping proxy users).' })
  async ipAuthorizations(@Root() subUser: SubUserNode, @Ctx() ctx: Context): Promise<IpAuthorizationNode[]> {
    const account = ctx.scope.accountOf(subUser.accountId);
    // Some providers (ProxyMesh) read a sub-user's IPs with a separate call: only made when asked for.
    const records = subUser.ipAuthorizations ?? (await ctx.scope.reads.facet(subUser.accountId, 'subUsers').ipAuthorizations?.(subUser.nativeId)) ?? [];
    return records.map((record) => toNode('IpAuthorization', account, record));
  }

  @CallsUpstream()
  @Mutation(() => SubUser)
  async createSubUser(@Ctx() ctx: Context, @Arg('input', () => CreateSubUserInput) input: CreateSubUserInput): Promise<SubUserNode> {
    if (input.password) ctx.scope.principal.require('credentials');
    const account = ctx.scope.writes.account(input.accountId);
    const record = await ctx.scope.writes.facet(input.accountId, 'subUsers').create(toSubUserParams(input));
    return toNode('SubUser', account, record);
  }

  @CallsUpstream()
  @Mutation(() => SubUser)
  async updateSubUser(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateSubUserInput) input: UpdateSubUserInput,
  ): Promise<SubUserNode> {
    const { accountId, nativeId } = decodeGlobalId(id, 'SubUser');
    if (input.password) ctx.scope.principal.require('credentials');
    if (Object.values(input).every((value) => value === undefined)) throw badUserInput('input has no field to change', { input: ['empty'] });
    const account = ctx.scope.writes.account(accountId);
    const record = await ctx.scope.writes.facet(accountId, 'subUsers').update(nativeId, toSubUserParams(input));
    return toNode('SubUser', account, record);
  }

  @CallsUpstream()
  @Mutation(() => DeletedPayload)
  async deleteSubUser(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<DeletedPayload> {
    const { accountId, nativeId } = decodeGlobalId(id, 'SubUser');
    const subUsers = ctx.scope.writes.facet(accountId, 'subUsers');
    return { id, ...(await removeOne(() => subUsers.delete(nativeId))) };
  }

  @CallsUpstream()
  @Mutation(() => SubUser, { description: 'ProxyMesh: activate or deactivate a sub-account.' })
  async setSubUserActive(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('active', () => Boolean) active: boolean): Promise<SubUserNode> {
    const { accountId, nativeId } = decodeGlobalId(id, 'SubUser');
    const account = ctx.scope.writes.account(accountId);
    const record = await ctx.scope.writes.facet(accountId, 'subUserActivation').setActive(nativeId, active);
    return toNode('SubUser', account, record);
  }

  @CallsUpstream()
  @Mutation(() => SubUser, { description: "Webshare: refresh a sub-user's custom proxy list." })
  async refreshSubUserProxies(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<SubUserNode> {
    const { accountId, nativeId } = decodeGlobalId(id, 'SubUser');
    const account = ctx.scope.writes.account(accountId);
    const record = await ctx.scope.writes.facet(accountId, 'subUserProxyRefresh').refresh(nativeId);
    return toNode('SubUser', account, record);
  }

  @CallsUpstream()
  @Mutation(() => SubUser, { description: 'ProxyMesh: start tracking an existing sub-account (ProxyMesh cannot list them).' })
  async importSubUser(
    @Ctx() ctx: Context,
    @Arg('accountId', () => ID) accountId: string,
    @Arg('username', () => String) username: string,
  ): Promise<SubUserNode> {
    const account = ctx.scope.writes.account(accountId);
    const record = await ctx.scope.writes.facet(accountId, 'subUserImport').import(username);
    return toNode('SubUser', account, record);
  }
}
