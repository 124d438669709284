import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261201090000 } from './Migration20261201090000.js';

/** The identity module's migrations, oldest first. */
export const identityMigrations: MigrationObject[] = [
  // role ownership (a department or shared), API keys issued by keys
  { name: 'Migration20261201090000', class: Migration20261201090000 },
];
