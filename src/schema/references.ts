/**
 * Federation entry points: `__resolveReference` for every entity. Each goes through the account's
 * per-request session, whose DataLoaders batch N references into the provider's bulk call where one exists.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from './context';
import { proxyDetails } from './common/selection';
import { accountNode, AccountNode, IpAuthorizationNode, toNode } from './common/nodes';
import { loadProxy } from './proxy/proxy.resolver';
import { loadSubUser } from './sub-user/sub-user.resolver';
import { loadDnsOverride } from './dns-override/dns-override.resolver';
import { decodeGlobalId } from '../domain/ids';
import { ProxyGraphError } from '../core/errors';
import { nullWhenNotFound } from './common/not-found';

interface Reference {
  id: string;
}

/** A reference the caller may not see, or with a malformed id, resolves to null rather than failing the batch. */
async function orNull<T>(load: () => Promise<T | null>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof ProxyGraphError && (error.code === 'NOT_FOUND' || error.code === 'BAD_USER_INPUT')) return null;
    throw error;
  }
}

async function loadIpAuthorization(ctx: Context, id: string): Promise<IpAuthorizationNode | null> {
  const { accountId, nativeId } = decodeGlobalId(id, 'IpAuthorization');
  const account = ctx.scope.reads.account(accountId);
  const record = await ctx.scope.reads.facet(accountId, 'ipAuthorizations').get(nativeId);
  return record ? toNode('IpAuthorization', account, record) : null;
}

export const referenceResolvers = {
  Account: {
    __resolveReference: (reference: Reference, ctx: Context): AccountNode | null => nullWhenNotFound(() => accountNode(ctx.scope.reads.account(reference.id))),
  },
  Proxy: {
    __resolveReference: (reference: Reference, ctx: Context, info: GraphQLResolveInfo) => orNull(() => loadProxy(ctx, reference.id, proxyDetails(info))),
  },
  SubUser: { __resolveReference: (reference: Reference, ctx: Context) => orNull(() => loadSubUser(ctx, reference.id)) },
  IpAuthorization: { __resolveReference: (reference: Reference, ctx: Context) => orNull(() => loadIpAuthorization(ctx, reference.id)) },
  DnsOverride: { __resolveReference: (reference: Reference, ctx: Context) => orNull(() => loadDnsOverride(ctx, reference.id)) },
};
