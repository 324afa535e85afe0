/** Server catalogue, ProxyMesh proxy-host authorization and country pools. */
import { Arg, Ctx, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { serverDetails } from '../common/selection';
import type { Context } from '../context';
import { CallsUpstream } from '../common/upstream-calls';
import { CountryPool, ProxyServer } from './server.type';
import { DeletedPayload } from '../common/payloads';
import { removeOne } from '../../domain/removal';
import { Provider, providerName } from '../common/enums';
import { networkServers } from '../../domain/catalogue';
import type { CountryPoolRecord, ProxyServerRecord } from '../../providers/contract/records';

@Resolver()
export class ServerResolver {
  @CallsUpstream()
  @Query(() => [ProxyServer], {
    description: "A provider's server catalogue (WonderProxy /v0/servers), read through the first visible account of that provider.",
  })
  async networkServers(
    @Ctx() ctx: Context,
    @Arg('provider', () => Provider) provider: Provider,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ProxyServerRecord[]> {
    return networkServers(ctx.scope.reads, providerName(provider), serverDetails(info));
  }

  @CallsUpstream()
  @Query(() => [CountryPool], { description: 'ProxyMesh open/world pools by country.' })
  countryPools(@Ctx() ctx: Context, @Arg('accountId', () => ID) accountId: string): Promise<CountryPoolRecord[]> {
    return ctx.scope.reads.facet(accountId, 'countryPools').list();
  }

  @CallsUpstream()
  @Mutation(() => ProxyServer, { description: 'ProxyMesh: add a proxy host to the account.' })
  authorizeProxyServer(@Ctx() ctx: Context, @Arg('accountId', () => ID) accountId: string, @Arg('host', () => String) host: string) {
    return ctx.scope.writes.facet(accountId, 'proxyServerAuthorization').authorize(host.toLowerCase());
  }

  @CallsUpstream()
  @Mutation(() => DeletedPayload, { description: 'ProxyMesh: remove a proxy host from the account.' })
  async deauthorizeProxyServer(
    @Ctx() ctx: Context,
    @Arg('accountId', () => ID) accountId: string,
    @Arg('host', () => String) host: string,
  ): Promise<DeletedPayload> {
    const authorization = ctx.scope.writes.facet(accountId, 'proxyServerAuthorization');
    return { id: null, ...(await removeOne(() => authorization.deauthorize(host.toLowerCase()))) };
  }
}
