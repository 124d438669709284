import 'reflect-metadata';
import { loadConfig } from '../config/config.js';
import { createOrm } from '../platform/db/orm.js';
import { installKeyring, Keyring } from '../platform/crypto/keyring.js';

/**
 * Writes a migration for the difference between the entities and the database at DATABASE_URL.
 * Review it by hand: MikroORM's diff drops tables it does not know (e.g. the job store's).
 */
const config = loadConfig();
installKeyring(new Keyring(config.ENCRYPTION_KEYS, config.ENCRYPTION_ACTIVE_KEY_ID, config.HASH_KEY));
const orm = await createOrm(config);
const initial = process.argv.includes('--initial');
const result = await orm.getMigrator().createMigration(undefined, false, initial);
console.log(result.fileName ? `wrote ${result.fileName}` : 'no changes');
await orm.close(true);
