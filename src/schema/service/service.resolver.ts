/** Ping Proxies services. */
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { CallsUpstream } from '../common/upstream-calls';
import { Service } from './service.type';
import { CancelServiceInput, UpdateServiceInput } from './service.input';
import { Account } from '../account/account.type';
import { accountNode, AccountNode, ServiceAdjustmentNode, ServiceNode, toNode } from '../common/nodes';
import { decodeGlobalId } from '../../domain/ids';
import { listServiceProxies } from '../../domain/proxies';
import { ProxyConnection } from '../proxy/proxy.type';
import { connectionFrom, connectionOf, PageArgs, windowFrom, type Connection } from '../common/pagination';
import { ServiceAdjustment, ServiceAdjustmentConnection } from './service-adjustment.type';
import { nullWhenNotFound } from '../common/not-found';
import type { ProxyNode } from '../common/nodes';

@Resolver(() => Service)
export class ServiceResolver {
  @FieldResolver(() => Account)
  account(@Root() service: ServiceNode, @Ctx() ctx: Context): AccountNode {
    return accountNode(ctx.scope.accountOf(service.accountId));
  }

  @CallsUpstream()
  @FieldResolver(() => ProxyConnection, { description: "The proxies this service provides, in the provider's order (Ping: service_id pushed down)." })
  async proxies(@Root() service: ServiceNode, @Ctx() ctx: Context, @Args() page: PageArgs): Promise<Connection<ProxyNode>> {
    const window = windowFrom(page.first, page.after);
    const result = await listServiceProxies(ctx.scope.reads, service.accountId, service.nativeId, window);
    const account = ctx.scope.accountOf(service.accountId);
    return connectionFrom(
      window,
      result.items.map((record) => toNode('Proxy', account, record)),
      result.hasMore,
      result.totalCount,
    );
  }

  @CallsUpstream()
  @FieldResolver(() => ServiceAdjustmentConnection, {
    nullable: true,
    description: "The provider's audit trail of this service, newest first (Ping service adjustments).",
  })
  async adjustments(@Root() service: ServiceNode, @Ctx() ctx: Context, @Args() page: PageArgs) {
    const window = windowFrom(page.first, page.after);
    const result = await ctx.scope.reads.facet(service.accountId, 'services').adjustments(service.nativeId, window);
    const account = ctx.scope.accountOf(service.accountId);
    return connectionOf(window, result, (record) => toNode('ServiceAdjustment', account, record));
  }

  @CallsUpstream()
  @Query(() => ServiceAdjustment, { nullable: true, description: 'Ping: one service adjustment (audit-trail entry) by id.' })
  async serviceAdjustment(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<ServiceAdjustmentNode | null> {
    const { accountId, nativeId } = decodeGlobalId(id, 'ServiceAdjustment');
    const account = nullWhenNotFound(() => ctx.scope.reads.account(accountId));
    if (!account) return null;
    const record = await ctx.scope.reads.facet(accountId, 'services').adjustment(nativeId);
    return record ? toNode('ServiceAdjustment', account, record) : null;
  }

  @CallsUpstream()
  @Mutation(() => Service)
  async updateService(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateServiceInput) input: UpdateServiceInput,
  ): Promise<ServiceNode> {
    const { accountId, nativeId } = decodeGlobalId(id, 'Service');
    const account = ctx.scope.writes.account(accountId);
    const record = await ctx.scope.writes.facet(accountId, 'services').update(nativeId, input);
    return toNode('Service', account, record);
  }

  @CallsUpstream()
  @Mutation(() => Service)
  async cancelService(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => CancelServiceInput) input: CancelServiceInput,
  ): Promise<ServiceNode> {
    const { accountId, nativeId } = decodeGlobalId(id, 'Service');
    const account = ctx.scope.writes.account(accountId);
    const record = await ctx.scope.writes.facet(accountId, 'services').cancel(nativeId, {
      reason: input.reason.toLowerCase(),
      comment: input.comment,
    });
    return toNode('Service', account, record);
  }
}
