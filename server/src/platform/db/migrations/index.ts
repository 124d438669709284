import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122034221 } from './Migration20261122034221.js';
import { Migration20261122041736 } from './Migration20261122041736.js';
import { Migration20261122042822 } from './Migration20261122042822.js';
import { Migration20261122043521 } from './Migration20261122043521.js';
import { Migration20261122044053 } from './Migration20261122044053.js';
import { Migration20261122051016 } from './Migration20261122051016.js';
import { Migration20261122090000 } from './Migration20261122090000.js';
import { Migration20261210080000 } from './Migration20261210080000.js';

/**
 * The historical migrations, from before modules declared their own (each touches several
 * features), in order. The composition root runs them first, then every module's (`migrations` in
 * its manifest) by name. New migrations belong in their module's folder, not here. Listed
 * statically (not discovered from the folder) so the same list works compiled, under tsx and vitest.
 */
export const migrationsList: MigrationObject[] = [
  // identity, audit, residents' sign-in, rate limits
  { name: 'Migration20261122034221', class: Migration20261122034221 },
  // LINE channels (audit_settings.id loses its serial default: it is always row 1)
  { name: 'Migration20261122041736', class: Migration20261122041736 },
  // residents per channel with follow state, follow history, talk log, webhook events, greeting
  { name: 'Migration20261122042822', class: Migration20261122042822 },
  // the LINE gateway's retry keys, written before each send
  { name: 'Migration20261122043521', class: Migration20261122043521 },
  // blind index for searching residents' encrypted display names
  { name: 'Migration20261122044053', class: Migration20261122044053 },
  // webhook events claimed by one process at a time
  { name: 'Migration20261122051016', class: Migration20261122051016 },
  // webhook consumers: sender order key, claim indexes, NOTIFY on insert
  { name: 'Migration20261122090000', class: Migration20261122090000 },
  // evenly paced LINE calls (the rate limiter's pacer), shared by every process
  { name: 'Migration20261210080000', class: Migration20261210080000 },
];
