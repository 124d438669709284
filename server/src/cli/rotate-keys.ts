import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config/config.js';
import { installKeyring, Keyring } from '../platform/crypto/keyring.js';
import { openOrm } from '../database.js';
import { reencryptAll } from '../platform/crypto/rotation.js';

/**
 * Re-encrypts every encrypted column with ENCRYPTION_ACTIVE_KEY_ID. Run after adding a new key
 * to ENCRYPTION_KEYS and making it active; afterwards the old key can be removed.
 */
try {
  const config = loadConfig();
  const keyring = new Keyring(config.ENCRYPTION_KEYS, config.ENCRYPTION_ACTIVE_KEY_ID, config.HASH_KEY);
  installKeyring(keyring);
  const orm = await openOrm(config);
  const report = await reencryptAll(orm, keyring, (line) => console.log(line));
  await orm.close(true);
  console.log(`re-encrypted ${report.values} value(s) in ${report.columns} column(s) with key ${keyring.activeKeyId}`);
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
