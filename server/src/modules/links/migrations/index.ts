import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261210100000 } from './Migration20261210100000.js';
import { Migration20261213101700 } from './Migration20261213101700.js';

/** The links module's migrations, oldest first. */
export const linksMigrations: MigrationObject[] = [
  // tracked_link, tracked_link_click
  { name: 'Migration20261210100000', class: Migration20261210100000 },
  // links sent through the LIFF app, and who opened them there (docs/adr/0016)
  { name: 'Migration20261213101700', class: Migration20261213101700 },
];
