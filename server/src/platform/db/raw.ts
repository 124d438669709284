import type { MikroORM } from '@mikro-orm/postgresql';

/**
 * One SQL statement with server-side parameters (`?` placeholders, sent as $1, $2, ...), for the
 * few hot paths where MikroORM's unit of work costs more than the work: the webhook's ingestion and
 * processing. `em.execute` would splice the parameters into the SQL text on our side instead.
 * A literal question mark in the SQL must be written `\\?`.
 */
export async function rawQuery<Row>(orm: MikroORM, sql: string, params: readonly unknown[] = []): Promise<Row[]> {
  const result = await orm.em.getKnex().raw<{ rows: Row[] }>(sql, params as unknown[]);
  return result.rows;
}
