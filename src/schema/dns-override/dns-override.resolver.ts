/** WonderProxy DNS overrides: cross-account query, per-id mutations. */
import { Arg, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context';
import { CallsUpstream } from '../common/upstream-calls';
import { DnsOverride } from './dns-override.type';
import { CreateDnsOverrideInput, DnsOverrideFilter, UpdateDnsOverrideInput } from './dns-override.input';
import { Account } from '../account/account.type';
import { DeletedPayload } from '../common/payloads';
import { accountNode, AccountNode, DnsOverrideNode, toNode } from '../common/nodes';
import { nodesFromOutcomes } from '../common/partial';
import { listDnsOverridesEverywhere } from '../../domain/dns-overrides';
import { decodeGlobalId } from '../../domain/ids';
import { clearAll } from '../../domain/clearing';
import { removeOne } from '../../domain/removal';
import { nullWhenNotFound } from '../common/not-found';
import { ProxyServer } from '../server/server.type';
import { serverDetails } from '../common/selection';
import type { ProxyServerRecord } from '../../providers/contract/records';

export async function loadDnsOverride(ctx: Context, id: string): Promise<DnsOverrideNode | null> {
  const { accountId, nativeId } = decodeGlobalId(id, 'DnsOverride');
  const account = nullWhenNotFound(() => ctx.scope.reads.account(accountId));
  if (!account) return null;
  const record = await ctx.scope.reads.facet(accountId, 'dnsOverrides').get(nativeId);
  return record ? toNode('DnsOverride', account, record) : null;
}

@Resolver(() => DnsOverride)
export class DnsOverrideResolver {
  @CallsUpstream()
  @Query(() => [DnsOverride], { description: 'DNS overrides across accounts that support them.' })
  async dnsOverrides(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => DnsOverrideFilter, { nullable: true }) filter?: DnsOverrideFilter | null,
  ): Promise<DnsOverrideNode[]> {
    const outcomes = await listDnsOverridesEverywhere(ctx.scope.reads, { ip: filter?.ip, server: filter?.server, accountIds: filter?.accountIds });
    return nodesFromOutcomes(ctx, info, outcomes, 'DnsOverride');
  }

  @FieldResolver(() => Account)
  account(@Root() override: DnsOverrideNode, @Ctx() ctx: Context): AccountNode {
    return accountNode(ctx.scope.accountOf(override.accountId));
  }

  @CallsUpstream()
  @FieldResolver(() => ProxyServer, {
    nullable: true,
    description: 'The server the entry applies on (null once it left the account). Entries of one request load their servers together.',
  })
  async proxyServer(@Root() override: DnsOverrideNode, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<ProxyServerRecord | null> {
    return ctx.scope.reads.facet(override.accountId, 'servers').get(override.server, serverDetails(info));
  }

  @CallsUpstream()
  @Mutation(() => DnsOverride)
  async createDnsOverride(@Ctx() ctx: Context, @Arg('input', () => CreateDnsOverrideInput) input: CreateDnsOverrideInput): Promise<DnsOverrideNode> {
    const account = ctx.scope.writes.account(input.accountId);
    const record = await ctx.scope.writes.facet(input.accountId, 'dnsOverrides').create({
      server: input.server,
      hostname: input.hostname,
      ip: input.ip,
      expiresAt: input.expiresAt,
    });
    return toNode('DnsOverride', account, record);
  }

  @CallsUpstream()
  @Mutation(() => DnsOverride)
  async updateDnsOverride(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateDnsOverrideInput) input: UpdateDnsOverrideInput,
  ): Promise<DnsOverrideNode> {
    const { accountId, nativeId } = decodeGlobalId(id, 'DnsOverride');
    const account = ctx.scope.writes.account(accountId);
    const record = await ctx.scope.writes.facet(accountId, 'dnsOverrides').update(nativeId, input);
    return toNode('DnsOverride', account, record);
  }

  @CallsUpstream()
  @Mutation(() => DeletedPayload)
  async deleteDnsOverride(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<DeletedPayload> {
    const { accountId, nativeId } = decodeGlobalId(id, 'DnsOverride');
    const overrides = ctx.scope.writes.facet(accountId, 'dnsOverrides');
    return { id, ...(await removeOne(() => overrides.delete(nativeId))) };
  }

  @CallsUpstream()
  @Mutation(() => DeletedPayload)
  async clearDnsOverrides(@Ctx() ctx: Context, @Arg('accountId', () => ID) accountId: string): Promise<DeletedPayload> {
    const overrides = ctx.scope.writes.facet(accountId, 'dnsOverrides');
    const outcome = await clearAll({ list: () => overrides.list({}), remove: (id) => overrides.delete(id), clear: () => overrides.clear() });
    return { id: null, ...outcome };
  }
}
