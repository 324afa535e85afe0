/** `Query.auditLog`: the writes made to the accounts the caller may see, newest first. */
import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { badUserInput } from '../../core/errors';
import { readAuditLog } from '../../domain/audit';
import type { Context } from '../context';
import { PageArgs, windowFrom } from '../common/pagination';
import { providerEnum } from '../common/enums';
import { AuditEntryConnection, AuditLogFilter } from './audit.type';

const cursorOf = (id: string) => Buffer.from(`audit:${id}`, 'utf8').toString('base64url');

function entryIdOf(cursor: string): string {
  const match = /^audit:([0-9-]{1,40})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badUserInput(`"${cursor.slice(0, 80)}" is not a cursor of the audit log`, { after: ['not a cursor from this list'] });
  return match[1];
}

@Resolver()
export class AuditLogResolver {
  @Query(() => AuditEntryConnection, { description: 'Writes made to providers through ProxyGraph, for the accounts you may see; newest first.' })
  async auditLog(
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Arg('filter', () => AuditLogFilter, { nullable: true }) filter?: AuditLogFilter | null,
  ): Promise<AuditEntryConnection> {
    const { limit } = windowFrom(page.first, null);
    const before = page.after ? entryIdOf(page.after) : null;
    const { entries, hasMore } = await readAuditLog(ctx.scope.reads, ctx.scope.auditLog, {
      first: limit,
      before,
      accountIds: filter?.accountIds,
      principal: filter?.principal,
      actions: filter?.actions,
    });
    const edges = entries.map((entry) => ({ cursor: cursorOf(entry.id), node: { ...entry, at: new Date(entry.at), provider: providerEnum(entry.provider) } }));
    return {
      edges,
      pageInfo: { hasNextPage: hasMore, hasPreviousPage: Boolean(before), startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }
}
