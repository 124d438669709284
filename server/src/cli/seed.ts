import 'reflect-metadata';
import type { AppConfig } from '../config/config.js';
import { installKeyring, Keyring } from '../platform/crypto/keyring.js';
import { unscopedFork } from '../platform/db/department-scope.js';
import { inTransaction } from '../platform/db/transaction.js';
import { MemoryPubSub } from '../platform/pubsub/pubsub.js';
import { createLogger } from '../platform/logging/logger.js';
import { openOrm } from '../database.js';
import { AuditService } from '../modules/audit/index.js';
import { seedDemoAttributes } from '../modules/attributes/index.js';
import { generatePassword, hasStaff, seedIdentity } from '../modules/identity/index.js';
import { seedDemoChannel, type DemoLineChannelInput } from '../modules/channels/index.js';

export type { DemoLineChannelInput };

export interface SeedResult {
  created: boolean;
  adminLoginId: string;
  /** Only when this run created the administrator; printed once, never stored in plain text. */
  adminPassword?: string;
}

/**
 * Seeds the demo municipality once: departments, roles and a first administrator (nothing when
 * any staff account exists already), and the demo attributes that are missing.
 */
export async function seedDemoMunicipality(config: AppConfig): Promise<SeedResult> {
  const keyring = new Keyring(config.ENCRYPTION_KEYS, config.ENCRYPTION_ACTIVE_KEY_ID, config.HASH_KEY);
  installKeyring(keyring);
  const logger = createLogger({ ...config, LOG_LEVEL: 'warn' }, 'seed');
  const orm = await openOrm(config);
  const pubsub = new MemoryPubSub();
  try {
    const em = unscopedFork(orm.em);
    const adminLoginId = 'admin';
    // By key, so installations seeded before attributes existed get them too.
    await seedDemoAttributes(unscopedFork(orm.em));
    if (await hasStaff(em)) return { created: false, adminLoginId };
    const audit = new AuditService(orm, keyring, pubsub, logger, config.AUDIT_RETENTION_MONTHS);
    const password = generatePassword();
    const ctx = {
      em,
      actor: { kind: 'system', name: 'seed' } as const,
      meta: { requestId: 'seed', ip: null, userAgent: null, trace: { auditWrites: 0 } },
    };
    await inTransaction(ctx, (tx) => seedIdentity(tx, audit, { loginId: adminLoginId, password }));
    return { created: true, adminLoginId, adminPassword: password };
  } finally {
    await pubsub.close();
    await orm.close(true);
  }
}

/** For the embedded default: registers the LINE emulator's demo channel once. Returns its id. */
export async function seedDemoLineChannel(config: AppConfig, input: DemoLineChannelInput): Promise<{ id: string; created: boolean }> {
  installKeyring(new Keyring(config.ENCRYPTION_KEYS, config.ENCRYPTION_ACTIVE_KEY_ID, config.HASH_KEY));
  const orm = await openOrm(config);
  try {
    return await seedDemoChannel(orm.em.fork(), input);
  } finally {
    await orm.close(true);
  }
}
