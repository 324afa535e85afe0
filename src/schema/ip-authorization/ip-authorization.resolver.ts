/** IP and hostname authorizations: per account, and the cross-account authorizeIp / revokeIp. */
import { Arg, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context';
import { CallsUpstream } from '../common/upstream-calls';
import { AccountOperationResult, HostnameAuthorization, IpAuthorization } from './ip-authorization.type';
import { AuthorizeIpInput, IpAuthorizationFilter, UpdateIpAuthorizationInput } from './ip-authorization.input';
import { Account } from '../account/account.type';
import { SubUser } from '../sub-user/sub-user.type';
import { DeletedPayload, operationErrorFrom, AccountOperationResultShape } from '../common/payloads';
import { accountNode, AccountNode, HostnameAuthorizationNode, IpAuthorizationNode, SubUserNode, toNode } from '../common/nodes';
import { keepSuccesses } from '../common/partial';
import { fanOut } from '../../domain/fan-out';
import { decodeGlobalId } from '../../domain/ids';
import { clearAll } from '../../domain/clearing';
import type { RegisteredAccount } from '../../domain/registry';
import { badUserInput, ProxyGraphError } from '../../core/errors';
import { canonicalIp, publicIp, sameIp } from '../../domain/checks/ip';

interface AuthorizeTarget {
  account: RegisteredAccount;
  subUserNativeId: string | null;
}

async function subUserNode(ctx: Context, accountId: string, nativeId: string | null | undefined): Promise<SubUserNode | null> {
  if (!nativeId) return null;
  const subUsers = ctx.scope.reads.facetIfAny(accountId, 'subUsers');
  if (!subUsers) return null;
  const record = await subUsers.get(nativeId);
  return record ? toNode('SubUser', ctx.scope.reads.account(accountId), record) : null;
}

@Resolver(() => IpAuthorization)
export class IpAuthorizationResolver {
  @CallsUpstream()
  @Query(() => [IpAuthorization], { description: 'IP authorizations across accounts; failing accounts are reported as errors beside the data.' })
  async ipAuthorizations(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => IpAuthorizationFilter, { nullable: true }) filter?: IpAuthorizationFilter | null,
  ): Promise<IpAuthorizationNode[]> {
    const ip = filter?.ip == null ? null : canonicalIp(filter.ip, 'filter.ip');
    // Accounts named explicitly are always asked, so one that cannot answer says so (UNSUPPORTED_BY_PROVIDER).
    const accounts = ctx.scope.reads
      .accounts({ accountIds: filter?.accountIds ?? null })
      .filter((account) => filter?.accountIds || account.capabilities.has('IP_AUTHORIZATIONS'));
    const outcomes = await fanOut(accounts, async (account) => {
      const records = await ctx.scope.reads.facet(account.id, 'ipAuthorizations').list({
        ip,
        users: filter?.users,
      });
      return records
        .filter((record) => !ip || sameIp(record.ip, ip))
        .filter((record) => !filter?.users || (record.user != null && filter.users.includes(record.user)))
        .map((record) => toNode('IpAuthorization', account, record));
    });
    return keepSuccesses(ctx, info, outcomes).flat();
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
    description: 'Authorize one IP on many accounts (default: every account that supports it), in parallel. Idempotent: an IP already there is ok with alreadyDone.',
  })
  async authorizeIp(@Ctx() ctx: Context, @Arg('input', () => AuthorizeIpInput) input: AuthorizeIpInput): Promise<AccountOperationResultShape[]> {
    const ip = publicIp(input.ip);
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
      throw badUserInput('expiresAt must be in the future', { expiresAt: ['must be in the future'] });
    }
    const targets = this.targets(ctx, input);
    const outcomes = await fanOut(
      targets.map((target) => target.account),
      async (account) => {
        const target = targets.find((candidate) => candidate.account === account)!;
        return this.authorizeOne(ctx, target, { ...input, ip });
      },
    );
    return outcomes.map((outcome) =>
      outcome.ok
        ? outcome.value
        : { account: accountNode(outcome.account), ok: false, alreadyDone: false, ipAuthorization: null, removedCount: null, error: operationErrorFrom(outcome.error) },
    );
  }

  @CallsUpstream()
  @Mutation(() => [AccountOperationResult], { description: 'Remove an IP from many accounts (default: every account that supports IP authorizations).' })
  async revokeIp(
    @Ctx() ctx: Context,
    @Arg('ip', () => String) ip: string,
    @Arg('accountIds', () => [ID], { nullable: true }) accountIds?: string[] | null,
  ): Promise<AccountOperationResultShape[]> {
    const canonical = canonicalIp(ip);
    accountIds?.forEach((id) => ctx.scope.writes.account(id));
    const accounts = ctx.scope.writes
      .accounts({ accountIds: accountIds ?? null })
      .filter((account) => accountIds || account.capabilities.has('IP_AUTHORIZATIONS'));
    const outcomes = await fanOut(accounts, async (account) => {
      const list = ctx.scope.writes.facet(account.id, 'ipAuthorizations').list;
      const revoke = ctx.scope.writes.facet(account.id, 'ipAuthorizations').revoke;
      const matching = (await list()).filter((record) => sameIp(record.ip, canonical));
      // The entries are independent (one per spelling or sub-user): removed in parallel, not one after another.
      await Promise.all(matching.map((record) => revoke(record.nativeId)));
      return matching.length;
    });
    return outcomes.map((outcome) => ({
      account: accountNode(outcome.account),
      ok: outcome.ok,
      alreadyDone: outcome.ok && outcome.value === 0,
      ipAuthorization: null,
      removedCount: outcome.ok ? outcome.value : null,
      error: outcome.ok ? null : operationErrorFrom(outcome.error),
    }));
  }

  @CallsUpstream()
  @Mutation(() => DeletedPayload)
  async revokeIpAuthorization(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<DeletedPayload> {
    const { accountId, nativeId } = decodeGlobalId(id, 'IpAuthorization');
    await ctx.scope.writes.facet(accountId, 'ipAuthorizations').revoke(nativeId);
    return { id, deleted: true, count: 1 };
  }

  @CallsUpstream()
  @Mutation(() => IpAuthorization, { description: 'WonderProxy: change an authlist entry\'s IP, user or expiry.' })
  async updateIpAuthorization(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateIpAuthorizationInput) input: UpdateIpAuthorizationInput,
  ): Promise<IpAuthorizationNode> {
    const { accountId, nativeId } = decodeGlobalId(id, 'IpAuthorization');
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
      throw badUserInput('expiresAt must be in the future', { expiresAt: ['must be in the future'] });
    }
    if (input.ip == null && input.user == null && input.expiresAt == null) throw badUserInput('input has no field to change');
    const ip = input.ip == null ? input.ip : publicIp(input.ip);
    const account = ctx.scope.writes.account(accountId);
    const record = await ctx.scope.writes.facet(accountId, 'ipAuthorizationUpdates').update(nativeId, {
      ip,
      user: input.user,
      expiresAt: input.expiresAt,
    });
    return toNode('IpAuthorization', account, record);
  }

  @CallsUpstream()
  @Mutation(() => DeletedPayload, { description: 'Remove every IP authorization of the account (WonderProxy in one call, others entry by entry). `count` is how many were removed.' })
  async clearIpAuthorizations(@Ctx() ctx: Context, @Arg('accountId', () => ID) accountId: string): Promise<DeletedPayload> {
    const ips = ctx.scope.writes.facet(accountId, 'ipAuthorizations');
    const outcome = await clearAll({ list: () => ips.list(), remove: (id) => ips.revoke(id), clear: ips.clear && (() => ips.clear!()) });
    return { id: null, ...outcome };
  }

  private targets(ctx: Context, input: AuthorizeIpInput): AuthorizeTarget[] {
    if (input.subUserIds?.length) {
      const targets = input.subUserIds.map((id) => {
        const { accountId, nativeId } = decodeGlobalId(id, 'SubUser');
        return { account: ctx.scope.writes.account(accountId), subUserNativeId: nativeId };
      });
      const accountIds = targets.map((target) => target.account.id);
      if (new Set(accountIds).size !== accountIds.length) {
        throw badUserInput('give at most one sub-user per account', { subUserIds: ['two sub-users of one account'] });
      }
      if (input.accountIds && accountIds.some((id) => !input.accountIds!.includes(id))) {
        throw badUserInput('subUserIds must belong to the given accountIds', { subUserIds: ['outside accountIds'] });
      }
      return targets;
    }
    input.accountIds?.forEach((id) => ctx.scope.writes.account(id));
    return ctx.scope.writes
      .accounts({ accountIds: input.accountIds ?? null })
      .filter((account) => input.accountIds || account.capabilities.has('IP_AUTHORIZATIONS'))
      .map((account) => ({ account, subUserNativeId: null }));
  }

  private async authorizeOne(ctx: Context, target: AuthorizeTarget, input: AuthorizeIpInput): Promise<AccountOperationResultShape> {
    const { account } = target;
    const authorize = ctx.scope.writes.facet(account.id, 'ipAuthorizations').authorize;
    try {
      const record = await authorize({ ip: input.ip, subUserNativeId: target.subUserNativeId, user: input.user, expiresAt: input.expiresAt });
      return { account: accountNode(account), ok: true, alreadyDone: false, ipAuthorization: toNode('IpAuthorization', account, record), removedCount: null, error: null };
    } catch (error) {
      if (!(error instanceof ProxyGraphError) || error.code !== 'CONFLICT') throw error;
      // Already authorized for this same target: report the existing entry instead of an error (idempotent).
      // The same IP held by another sub-user (or another WonderProxy user) stays a CONFLICT.
      const ips = ctx.scope.writes.facet(account.id, 'ipAuthorizations');
      // Who the entry must belong to and what the account holds are independent reads: made together.
      const [defaultOwner, records] = await Promise.all([
        target.subUserNativeId ? null : ips.defaultOwner?.(),
        ctx.scope.writes.facet(account.id, 'ipAuthorizations').list(),
      ]);
      const owner = target.subUserNativeId ?? defaultOwner ?? null;
      const existing = records.find(
        (record) => sameIp(record.ip, input.ip) && (record.subUserNativeId ?? null) === owner && (!input.user || record.user === input.user),
      );
      if (!existing) throw error;
      return { account: accountNode(account), ok: true, alreadyDone: true, ipAuthorization: toNode('IpAuthorization', account, existing), removedCount: null, error: null };
    }
  }
}

@Resolver(() => AccountOperationResult)
export class AccountOperationResultResolver {
  @FieldResolver(() => Account)
  account(@Root() result: AccountOperationResultShape): AccountNode {
    return result.account;
  }
}

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
    checkHostname(hostname);
    const account = ctx.scope.writes.account(accountId);
    const record = await ctx.scope.writes.facet(accountId, 'hostnameAuthorizations').add(
      hostname.toLowerCase(),
      subUserNativeId,
    );
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
    checkHostname(hostname);
    await ctx.scope.writes.facet(accountId, 'hostnameAuthorizations').remove(
      hostname.toLowerCase(),
      subUserNativeId,
    );
    return { id: null, deleted: true, count: 1 };
  }
}

function subUserFor(accountId: string, subUserId: string | null | undefined): string | null {
  if (!subUserId) return null;
  const parts = decodeGlobalId(subUserId, 'SubUser');
  if (parts.accountId !== accountId) throw badUserInput('subUserId belongs to another account', { subUserId: ['other account'] });
  return parts.nativeId;
}

export function checkHostname(hostname: string): void {
  const valid = hostname.length <= 253 && /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/.test(hostname);
  if (!valid) throw badUserInput(`"${hostname.slice(0, 80)}" is not a valid hostname`, { hostname: ['invalid'] });
}
