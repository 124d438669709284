import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { AppConfig } from '../../config/config.js';
import type { Logger } from '../logging/logger.js';
import type { EntityClass, MigrationObject } from '@mikro-orm/core';

const here = dirname(fileURLToPath(import.meta.url));

/** What the modules bring to the ORM: their entities and their migrations (all, in order). */
export interface OrmParts {
  readonly entities: readonly EntityClass<object>[];
  readonly migrations: readonly MigrationObject[];
  /** Where `make-migration` writes a new one (a module's migrations folder). */
  readonly migrationsPath?: { js: string; ts: string };
}

export function ormOptions(config: Pick<AppConfig, 'DATABASE_URL' | 'DATABASE_POOL_MAX'>, parts: OrmParts, logger?: Logger): Options {
  return {
    clientUrl: config.DATABASE_URL,
    entities: [...parts.entities],
    extensions: [Migrator],
    pool: { min: 0, max: config.DATABASE_POOL_MAX },
    forceUtcTimezone: true,
    // Entities and their relations are declared with explicit types, so no reflection is needed.
    discovery: { requireEntitiesArray: true, checkDuplicateEntities: true },
    // Agenda keeps its job store in the `agenda` schema; MikroORM's diff must never touch it.
    schemaGenerator: { ignoreSchema: ['agenda'] },
    migrations: {
      path: parts.migrationsPath?.js ?? join(here, 'migrations'),
      pathTs: parts.migrationsPath?.ts ?? join(here, '../../../src/platform/db/migrations'),
      migrationsList: [...parts.migrations],
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
      tableName: 'mikro_orm_migrations',
    },
    // Accessing a relation that was not loaded is a bug, not a lazy query.
    allowGlobalContext: false,
    logger: (message) => logger?.debug({ orm: message }),
    debug: false,
  };
}

export async function createOrm(
  config: Pick<AppConfig, 'DATABASE_URL' | 'DATABASE_POOL_MAX'>,
  parts: OrmParts,
  logger?: Logger,
): Promise<MikroORM> {
  return MikroORM.init(ormOptions(config, parts, logger));
}
