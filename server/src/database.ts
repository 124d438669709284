import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from './config/config.js';
import { createOrm, type OrmParts } from './platform/db/orm.js';
import { migrationsList } from './platform/db/migrations/index.js';
import { RateLimitBucket } from './platform/ratelimit/rate-limit-bucket.entity.js';
import { RatePacer } from './platform/ratelimit/rate-pacer.entity.js';
import { LineSendRequest } from './platform/line/line-send-request.entity.js';
import type { Logger } from './platform/logging/logger.js';
import type { AnyFeatureModule } from './platform/modules/feature-module.js';
import { featureModules } from './modules/index.js';

/** The ORM's entities and migrations: the platform's own, then every module's. */
export function ormParts(modules: readonly AnyFeatureModule[] = featureModules): OrmParts {
  const moduleMigrations = modules.flatMap((m) => m.migrations ?? []);
  // Migrations are applied and remembered by name: two modules with one name would skip one of them.
  const names = [...migrationsList, ...moduleMigrations].map((m) => m.name);
  const twice = names.filter((name, i) => names.indexOf(name) !== i);
  if (twice.length) throw new Error(`migration names must be unique across modules: ${[...new Set(twice)].join(', ')}`);
  return {
    entities: [RateLimitBucket, RatePacer, LineSendRequest, ...modules.flatMap((m) => m.entities)],
    // The historical ones first (in their order), then the modules' by name (their timestamps).
    migrations: [...migrationsList, ...[...moduleMigrations].sort((a, b) => a.name.localeCompare(b.name))],
  };
}

/** MikroORM over every module's entities. */
export function openOrm(
  config: Pick<AppConfig, 'DATABASE_URL' | 'DATABASE_POOL_MAX'>,
  logger?: Logger,
  modules: readonly AnyFeatureModule[] = featureModules,
): Promise<MikroORM> {
  return createOrm(config, ormParts(modules), logger);
}

/** Applies every pending committed migration (one transaction for the whole batch). */
export async function runMigrations(
  config: Pick<AppConfig, 'DATABASE_URL' | 'DATABASE_POOL_MAX'>,
  modules: readonly AnyFeatureModule[] = featureModules,
): Promise<string[]> {
  const orm = await openOrm(config, undefined, modules);
  try {
    const applied = await orm.getMigrator().up();
    return applied.map((m) => m.name);
  } finally {
    await orm.close(true);
  }
}
