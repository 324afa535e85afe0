/** Ping Proxies services. */
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Service } from './service.type';
import { CancelServiceInput, UpdateServiceInput } from './service.input';
import { Account } from '../account/account.type';
import { accountNode, AccountNode, ServiceNode, toNode } from '../common/nodes';
import { decodeGlobalId } from '../../domain/ids';
import { badUserInput } from '../../upstream/errors';

@Resolver(() => Service)
export class ServiceResolver {
  @FieldResolver(() => Account)
  account(@Root() service: ServiceNode, @Ctx() ctx: Context): AccountNode {
    return accountNode(ctx.scope.account(service.accountId));
  }

  @Mutation(() => Service)
  async updateService(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('input', () => UpdateServiceInput) input: UpdateServiceInput): Promise<ServiceNode> {
    const { accountId, nativeId } = decodeGlobalId(id, 'Service');
    if (input.name == null && input.metadata == null && input.automaticCollection == null) throw badUserInput('input has no field to change');
    const account = ctx.scope.account(accountId);
    const record = await ctx.scope.operation(accountId, null, 'updateService', 'Updating services')(nativeId, input);
    return toNode('Service', account, record);
  }

  @Mutation(() => Service)
  async cancelService(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('input', () => CancelServiceInput) input: CancelServiceInput): Promise<ServiceNode> {
    const { accountId, nativeId } = decodeGlobalId(id, 'Service');
    const account = ctx.scope.account(accountId);
    const record = await ctx.scope.operation(accountId, null, 'cancelService', 'Cancelling services')(nativeId, {
      reason: input.reason.toLowerCase(),
      comment: input.comment,
    });
    return toNode('Service', account, record);
  }
}
