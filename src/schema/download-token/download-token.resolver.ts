/**
 * Download tokens. The key opens a download link without the API key, so it is a secret like a password:
 * the `key` field needs the `credentials` scope wherever a token appears (a query or the reset's result).
 */
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { CallsUpstream } from '../common/upstream-calls';
import { Account } from '../account/account.type';
import type { AccountNode } from '../common/nodes';
import { DownloadToken, DownloadTokenScope } from './download-token.type';
import type { DownloadTokenRecord } from '../../providers/contract/records';

@Resolver(() => DownloadToken)
export class DownloadTokenResolver {
  @FieldResolver(() => String, { description: 'Needs the `credentials` scope.' })
  key(@Root() token: DownloadTokenRecord, @Ctx() ctx: Context): string {
    ctx.scope.principal.require('credentials');
    return token.key;
  }

  @CallsUpstream()
  @Mutation(() => DownloadToken, { description: 'Webshare: a new key for one download link; links with the old key stop working.' })
  resetDownloadToken(
    @Ctx() ctx: Context,
    @Arg('accountId', () => ID) accountId: string,
    @Arg('scope', () => DownloadTokenScope) scope: DownloadTokenScope,
  ): Promise<DownloadTokenRecord> {
    return ctx.scope.writes.facet(accountId, 'downloadTokens').reset(scope);
  }
}

@Resolver(() => Account)
export class AccountDownloadTokenResolver {
  @CallsUpstream()
  @FieldResolver(() => DownloadToken, { nullable: true, description: "The key of one of the provider's download links (Webshare download tokens)." })
  downloadToken(
    @Root() account: AccountNode,
    @Ctx() ctx: Context,
    @Arg('scope', () => DownloadTokenScope) scope: DownloadTokenScope,
  ): Promise<DownloadTokenRecord> {
    return ctx.scope.reads.facet(account.id, 'downloadTokens').get(scope);
  }
}
