import type { MikroORM } from '@mikro-orm/postgresql';
import { Keyring } from './keyring.js';
import { EncryptedType } from './column-types.js';

/**
 * Finds every column mapped with EncryptedType and re-seals values not under the active key, in
 * batches, each batch in its own transaction. Safe to interrupt and run again.
 */
export async function reencryptAll(
  orm: MikroORM,
  keyring: Keyring,
  progress: (line: string) => void,
): Promise<{ columns: number; values: number }> {
  const conn = orm.em.getConnection();
  let columns = 0;
  let values = 0;
  for (const meta of Object.values(orm.getMetadata().getAll())) {
    if (meta.abstract || meta.embeddable) continue;
    const pk = meta.primaryKeys[0];
    if (!pk || meta.primaryKeys.length !== 1) continue;
    const pkColumn = meta.properties[pk]!.fieldNames[0]!;
    for (const prop of Object.values(meta.properties)) {
      if (!(prop.customType instanceof EncryptedType)) continue;
      const column = prop.fieldNames[0]!;
      columns++;
      const prefix = `v1.${keyring.activeKeyId}.`;
      for (;;) {
        const rows = await conn.execute<Array<{ id: string; value: string }>>(
          `select "${pkColumn}"::text as id, "${column}" as value from "${meta.tableName}" where "${column}" is not null and "${column}" not like ? limit 500`,
          [`${prefix}%`],
        );
        if (rows.length === 0) break;
        await orm.em.fork().transactional(async (em) => {
          for (const row of rows) {
            await em.execute(`update "${meta.tableName}" set "${column}" = ? where "${pkColumn}"::text = ?`, [
              keyring.encrypt(keyring.decrypt(row.value)),
              row.id,
            ]);
          }
        });
        values += rows.length;
        progress(`${meta.tableName}.${column}: ${values} value(s) re-encrypted so far`);
      }
    }
  }
  return { columns, values };
}
