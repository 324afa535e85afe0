/**
 * Account.proxyActivity. The provider pages activity by position (Webshare: the timestamp of the last entry
 * read), so a cursor wraps that position: base64url of `activity:<position>`, opaque to clients.
 */
import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { CallsUpstream } from '../common/upstream-calls';
import { Account } from '../account/account.type';
import type { AccountNode } from '../common/nodes';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageArgs, type Connection } from '../common/pagination';
import { ProxyActivity, ProxyActivityConnection } from './proxy-activity.type';
import { ProxyActivityFilter } from './proxy-activity.input';
import { badUserInput } from '../../core/errors';
import { listProxyActivity } from '../../domain/proxy-activity';
import type { PositionWindow } from '../../providers/contract/params';

const PREFIX = 'activity:';
/** A provider position is a timestamp: nothing else is passed on upstream. */
const POSITION = /^[0-9][0-9T:.+\-Z ]{9,39}$/;

export function encodeActivityCursor(position: string): string {
  return Buffer.from(`${PREFIX}${position}`, 'utf8').toString('base64url');
}

export function decodeActivityCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const position = text.startsWith(PREFIX) ? text.slice(PREFIX.length) : '';
  if (!POSITION.test(position)) throw badUserInput(`"${cursor.slice(0, 80)}" is not a valid cursor`, { after: ['not a cursor from this list'] });
  return position;
}

function positionWindow(page: PageArgs): PositionWindow {
  const limit = page.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}`, { first: [`must be between 0 and ${MAX_PAGE_SIZE}`] });
  }
  return { limit, after: page.after ? decodeActivityCursor(page.after) : null };
}

@Resolver(() => Account)
export class ProxyActivityResolver {
  @CallsUpstream()
  @FieldResolver(() => ProxyActivityConnection, {
    nullable: true,
    description: "Requests made through the account's proxies, newest first (Webshare proxy activity).",
  })
  async proxyActivity(
    @Root() account: AccountNode,
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Arg('filter', () => ProxyActivityFilter, { nullable: true }) filter?: ProxyActivityFilter | null,
  ): Promise<Connection<ProxyActivity>> {
    const window = positionWindow(page);
    const result = await listProxyActivity(ctx.scope.reads, account.id, window, { ...filter });
    const edges = result.items.map(({ cursor, ...node }) => ({ cursor: encodeActivityCursor(cursor), node }));
    return {
      edges,
      totalCount: result.totalCount,
      pageInfo: {
        hasNextPage: result.nextCursor !== null,
        hasPreviousPage: window.after !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  }
}
