import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import { Field, Int, ObjectType, ArgsType } from 'type-graphql';
import { Max, Min, IsOptional } from 'class-validator';
import type { ClassType } from 'type-graphql';
import { badInput } from '../errors/app-error.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType()
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => Boolean) hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1, { message: '件数は1以上を指定してください。' })
  @Max(MAX_PAGE_SIZE, { message: `件数は${MAX_PAGE_SIZE}以下を指定してください。` })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

export interface Page<T> {
  nodes: T[];
  cursors: string[];
  pageInfo: PageInfo;
  /** Counted only when asked for, and not at all when the page itself shows the total. */
  totalCount(): Promise<number>;
}

/**
 * A cursor from a client must be one of ours: base64url JSON of one scalar per ordering key.
 * Anything else is the client's mistake (BAD_USER_INPUT), not an internal error.
 */
function checkCursor(after: string, keys: number): void {
  let value: unknown;
  try {
    value = /^[A-Za-z0-9_-]{1,2000}$/.test(after) ? JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) : undefined;
  } catch {
    value = undefined;
  }
  const scalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
  if (!Array.isArray(value) || value.length !== keys || !value.every(scalar)) {
    throw badInput({ after: 'ページの位置（カーソル）が正しくありません。一覧を最初から読み込み直してください。' });
  }
}

/**
 * One page of a Relay connection via MikroORM's cursor pagination (stable order, max 100).
 *
 * The total is a second statement, so it runs only when a client selects `totalCount`, and not at
 * all when a first page has no next page (the total is then the page's length, which is the common
 * case for short lists). When it runs it has the same conditions and the same filters (department
 * scope) as the page.
 */
export async function paginate<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  args: ConnectionArgs,
  orderBy: QueryOrderMap<T>,
  populate?: readonly string[],
): Promise<Page<T>> {
  const first = Math.min(args.first ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  if (args.after) checkCursor(args.after, Object.keys(orderBy).length);
  const cursor = await em.findByCursor(entity, where, {
    first,
    after: args.after ?? undefined,
    orderBy,
    includeCount: false,
    populate: populate as never,
  });
  const complete = !args.after && !cursor.hasNextPage;
  let counted: Promise<number> | undefined;
  return {
    nodes: cursor.items,
    cursors: cursor.items.map((item) => cursor.from(item)),
    totalCount: () => (complete ? Promise.resolve(cursor.items.length) : (counted ??= em.count(entity, where))),
    pageInfo: {
      hasNextPage: cursor.hasNextPage ?? false,
      hasPreviousPage: cursor.hasPrevPage ?? false,
      startCursor: cursor.startCursor,
      endCursor: cursor.endCursor,
    },
  };
}

export interface EdgeShape<T> {
  cursor: string;
  node: T;
}
export interface ConnectionShape<T> {
  edges: EdgeShape<T>[];
  pageInfo: PageInfo;
  /** A getter: reading it starts the count (see paginate). */
  readonly totalCount: number | Promise<number>;
}

/** Builds `<Name>Edge` and `<Name>Connection` object types for a node type. */
export function connectionType<T extends object>(name: string, node: ClassType<T>): ClassType<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String) cursor!: string;
    @Field(() => node) node!: T;
  }
  @ObjectType(`${name}Connection`)
  class Connection {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int) totalCount!: number;
  }
  return Connection;
}

export function toConnection<T>(page: Page<T>): ConnectionShape<T> {
  return {
    edges: page.nodes.map((node, i) => ({ node, cursor: page.cursors[i]! })),
    pageInfo: page.pageInfo,
    get totalCount() {
      return page.totalCount();
    },
  };
}
