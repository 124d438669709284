import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261203100000 } from './Migration20261203100000.js';

/** The media module's migrations, oldest first. */
export const mediaMigrations: MigrationObject[] = [
  // uploads: media_object
  { name: 'Migration20261203100000', class: Migration20261203100000 },
];
