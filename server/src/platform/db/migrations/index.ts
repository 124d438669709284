import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122034221 } from './Migration20261122034221.js';

/**
 * Every committed migration, in order. Listed statically (not discovered from the folder) so the
 * same list works compiled, under tsx and under vitest. Add each new migration here.
 */
export const migrationsList: MigrationObject[] = [{ name: 'Migration20261122034221', class: Migration20261122034221 }];
