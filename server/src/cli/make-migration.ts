import 'reflect-metadata';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/config.js';
import { createOrm } from '../platform/db/orm.js';
import { installKeyring, Keyring } from '../platform/crypto/keyring.js';
import { ormParts } from '../database.js';

/**
 * Writes a migration for the difference between the entities and the database at DATABASE_URL,
 * into the named module's migrations folder: `npm run make-migration -w server -- --module forms`.
 * Add it to that folder's index.ts, and review it by hand: MikroORM's diff drops tables it does not
 * know (e.g. the job store's).
 */
const config = loadConfig();
installKeyring(new Keyring(config.ENCRYPTION_KEYS, config.ENCRYPTION_ACTIVE_KEY_ID, config.HASH_KEY));
const moduleArg = process.argv.indexOf('--module');
const moduleName = moduleArg >= 0 ? process.argv[moduleArg + 1] : undefined;
if (!moduleName || !/^[a-z][a-z0-9-]*$/.test(moduleName)) {
  console.error('name the module the migration belongs to: --module <name>');
  process.exit(1);
}
const folder = (root: string) => fileURLToPath(new URL(`../../${root}/modules/${moduleName}/migrations`, import.meta.url));
const orm = await createOrm(config, { ...ormParts(), migrationsPath: { js: folder('dist'), ts: folder('src') } });
const initial = process.argv.includes('--initial');
const result = await orm.getMigrator().createMigration(undefined, false, initial);
console.log(result.fileName ? `wrote ${result.fileName}` : 'no changes');
await orm.close(true);
