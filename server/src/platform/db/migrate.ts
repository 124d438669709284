import type { AppConfig } from '../../config/config.js';
import { createOrm } from './orm.js';

/** Applies every pending committed migration (one transaction for the whole batch). */
export async function runMigrations(config: Pick<AppConfig, 'DATABASE_URL' | 'DATABASE_POOL_MAX'>): Promise<string[]> {
  const orm = await createOrm(config);
  try {
    const applied = await orm.getMigrator().up();
    return applied.map((m) => m.name);
  } finally {
    await orm.close(true);
  }
}
