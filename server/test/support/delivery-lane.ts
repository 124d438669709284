/**
 * A delivery sender lane in a process of its own, for the test that kills a worker mid-run with
 * SIGKILL: `node --import tsx test/support/delivery-lane.ts` with the test server's environment
 * and RUN_ID. Prints `lane ready` once it is about to send.
 */
import 'reflect-metadata';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { installKeyring, Keyring } from '../../src/platform/crypto/keyring.js';
import { createLogger } from '../../src/platform/logging/logger.js';

const config = loadConfig(process.env);
installKeyring(new Keyring(config.ENCRYPTION_KEYS, config.ENCRYPTION_ACTIVE_KEY_ID, config.HASH_KEY));
const app = await createApp(config, { logger: createLogger(config), role: 'cli' });
process.stdout.write('lane ready\n');
await app.modules.deliveries.runner.sendLane(String(process.env['RUN_ID']));
await app.close();
