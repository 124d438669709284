import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config/config.js';
import { createApp } from '../app.js';
import { createLogger } from '../platform/logging/logger.js';

/** Verifies the operation log's hash chain; exits 1 and names the first broken link if any. */
try {
  const config = loadConfig();
  const app = await createApp(config, { logger: createLogger({ ...config, LOG_LEVEL: 'warn' }, 'cli'), role: 'cli' });
  const result = await app.modules.audit.audit.verifyChain();
  await app.close();
  console.log(result.message);
  if (!result.ok) {
    console.error(`first broken link: seq ${result.firstBrokenSeq}`);
    process.exit(1);
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
