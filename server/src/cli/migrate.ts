import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config/config.js';
import { installKeyring, Keyring } from '../platform/crypto/keyring.js';
import { runMigrations } from '../database.js';

try {
  const config = loadConfig();
  installKeyring(new Keyring(config.ENCRYPTION_KEYS, config.ENCRYPTION_ACTIVE_KEY_ID, config.HASH_KEY));
  const applied = await runMigrations(config);
  console.log(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'database is up to date');
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
