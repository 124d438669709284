import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { MetadataStorage } from '@mikro-orm/core';
import type { ServiceContext } from '../context/context.js';
import { departmentScope } from '../context/actor.js';
import { DEPARTMENT_SCOPE } from './department-scope.js';
import { rawQuery } from './raw.js';

/**
 * Raw SQL and department scoping (docs/adr/0002). The ORM filter scopes what entities load; a raw
 * statement bypasses it. So raw SQL from feature modules goes through one of two doors:
 *
 * - `scopedSql(ctx, sql, params)`: each `{{scope:<column expression>}}` in the statement becomes
 *   "that column is one of the actor's departments" (or `true` for those who see every
 *   department). A statement that reads a department-owned table without a scope marker is
 *   refused before it reaches PostgreSQL (`UnscopedSqlError`).
 * - `unscopedSql(em, why, sql, params)`: for what must see every department (the audit chain,
 *   revoking a key's whole issue tree, "is there another system administrator"), with the reason
 *   written at the call site.
 *
 * Lint keeps modules off `em.execute`, `getKnex` and `rawQuery`, so there is no third door.
 */

export class UnscopedSqlError extends Error {
  constructor(readonly tables: string[]) {
    super(
      `raw SQL on department-owned ${tables.join(', ')} without a {{scope:…}} marker: use scopedSql with one, or unscopedSql with a reason`,
    );
    this.name = 'UnscopedSqlError';
  }
}

/** Department-owned tables and their department column, from the entities with the scope filter. */
const departmentTables = new Map<string, string>();

export function registerDepartmentTables(metadata: MetadataStorage): void {
  for (const meta of Object.values(metadata.getAll())) {
    const filter = meta.filters?.[DEPARTMENT_SCOPE] as { departmentField?: string } | undefined;
    const field = filter?.departmentField;
    if (!field || !meta.tableName) continue;
    departmentTables.set(meta.tableName, meta.properties[field]?.fieldNames?.[0] ?? `${field}_id`);
  }
}

export function isDepartmentTable(table: string): boolean {
  return departmentTables.has(table);
}

const MARKER = /\{\{scope:([a-z_][a-z0-9_."]*)\}\}/gi;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The department-owned tables a statement reads or writes (from, join, into, update). */
function tablesIn(sql: string): string[] {
  const found = new Set<string>();
  for (const m of sql.matchAll(/\b(?:from|join|into|update)\s+"?([a-z_][a-z0-9_]*)"?/gi)) {
    const table = m[1]!.toLowerCase();
    if (departmentTables.has(table)) found.add(table);
  }
  return [...found];
}

/** The statement with its scope markers replaced for this actor. */
export function scopeStatement(ctx: Pick<ServiceContext, 'actor'>, sql: string): string {
  const tables = tablesIn(sql);
  if (tables.length && !sql.includes('{{scope:')) throw new UnscopedSqlError(tables);
  const scope = departmentScope(ctx.actor);
  return sql.replace(MARKER, (_m, column: string) => {
    if (scope === 'all') return 'true';
    const ids = scope.filter((id) => UUID.test(id));
    return ids.length ? `${column} in (${ids.map((id) => `'${id}'`).join(', ')})` : 'false';
  });
}

/** A raw statement limited to the actor's departments (see the file's comment). */
export async function scopedSql<Row>(ctx: ServiceContext, sql: string, params: readonly unknown[] = []): Promise<Row[]> {
  return ctx.em.execute<Row[]>(scopeStatement(ctx, sql), [...params]);
}

/** A raw statement that must see every department; `why` says so where it is written. */
export async function unscopedSql<Row>(em: EntityManager, why: string, sql: string, params: readonly unknown[] = []): Promise<Row[]> {
  if (!why.trim()) throw new Error('unscopedSql needs the reason it may see every department');
  return em.execute<Row[]>(sql, [...params]);
}

/**
 * The hot-path form of unscopedSql (server-side parameters, no unit of work), for work that is not
 * any actor's: webhook ingestion and processing.
 */
export async function unscopedRawQuery<Row>(orm: MikroORM, why: string, sql: string, params: readonly unknown[] = []): Promise<Row[]> {
  if (!why.trim()) throw new Error('unscopedRawQuery needs the reason it may see every department');
  return rawQuery<Row>(orm, sql, params);
}

/** What a pooled connection is to us: node-postgres's client, as knex's pool hands it out. */
interface PooledClient {
  query(text: string): Promise<{ rows: unknown[] } | Array<{ rows: unknown[] }>>;
  getTransactionStatus(): string | null;
  __knex__disposed?: unknown;
}

/**
 * One pooled connection for a short transaction that is worth its round trips: each `send` is one
 * simple-query string that may hold several statements (`begin; …; select …`, `update …; commit`),
 * with the parameters quoted into the text as `em.execute` quotes them. A delivery lane claims,
 * sends and commits a batch two hundred times a second; begin, claim, update and commit as four
 * ORM statements were four trips and four wake-ups of the backend each. For work that is not any
 * actor's (the caller says why), like unscopedSql.
 */
export class UnscopedSession {
  private constructor(
    private readonly orm: MikroORM,
    private client: PooledClient | null,
  ) {}

  static async open(orm: MikroORM, why: string): Promise<UnscopedSession> {
    if (!why.trim()) throw new Error('UnscopedSession needs the reason it may see every department');
    const knex = orm.em.getKnex();
    return new UnscopedSession(orm, (await knex.client.acquireConnection()) as PooledClient);
  }

  /** The rows of each statement in `sql`, in order. */
  async send(sql: string, params: readonly unknown[] = []): Promise<unknown[][]> {
    if (!this.client) throw new Error('the session was released');
    const text = params.length ? this.orm.em.getPlatform().formatQuery(sql, [...params]) : sql;
    const result = await this.client.query(text);
    return (Array.isArray(result) ? result : [result]).map((r) => r.rows);
  }

  /**
   * Gives the connection back; a transaction left open (an error, nothing to commit) is rolled
   * back first, and a connection that cannot even roll back is not reused.
   */
  async release(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = null;
    if (client.getTransactionStatus() !== 'I') {
      try {
        await client.query('rollback');
      } catch (err) {
        client.__knex__disposed = err instanceof Error ? err.message : 'rollback failed';
      }
    }
    await this.orm.em.getKnex().client.releaseConnection(client);
  }
}
