/**
 * Relay-style paging over a provider list. A cursor is opaque: base64url of `offset:N`, the absolute
 * position in the provider's order, so only the provider pages that cover [offset, offset + first) are read.
 */
import { IsOptional, Max, Min } from 'class-validator';
import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import { badUserInput } from '../../core/errors';
import type { ListWindow } from '../../providers/contract/params';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'At most 100; default 25.' })
  @IsOptional()
  @Min(0)
  @Max(100)
  first?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  after?: string | null;
}

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export function encodeOffsetCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`, 'utf8').toString('base64url');
}

export function decodeOffsetCursor(cursor: string): number {
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badUserInput(`"${cursor.slice(0, 80)}" is not a valid cursor`, { after: ['not a cursor from this list'] });
  return Number(match[1]);
}

/** Turns `first`/`after` into an absolute window, rejecting bad values before any upstream call. */
export function windowFrom(first: number | null | undefined, after: string | null | undefined): ListWindow {
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}`, { first: [`must be between 0 and ${MAX_PAGE_SIZE}`] });
  }
  const offset = after ? decodeOffsetCursor(after) + 1 : 0;
  return { offset, limit };
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number | null;
}

/** A page of records as a connection of nodes (`toNode` adds the account and the global id). */
export function connectionOf<R, N>(
  window: ListWindow,
  page: { items: R[]; hasMore: boolean; totalCount: number | null },
  toNode: (record: R) => N,
): Connection<N> {
  return connectionFrom(window, page.items.map(toNode), page.hasMore, page.totalCount);
}

export function connectionFrom<T>(window: ListWindow, items: T[], hasMore: boolean, totalCount: number | null): Connection<T> {
  const edges = items.map((node, index) => ({ cursor: encodeOffsetCursor(window.offset + index), node }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: hasMore,
      hasPreviousPage: window.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
