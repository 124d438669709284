import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261201120000 } from './Migration20261201120000.js';

/** The webhook module's migrations, oldest first. */
export const webhookMigrations: MigrationObject[] = [
  // fan-out: the handlers that have run for each event
  { name: 'Migration20261201120000', class: Migration20261201120000 },
];
