import 'reflect-metadata';
import type { AppConfig } from '../config/config.js';
import { installKeyring, Keyring } from '../platform/crypto/keyring.js';
import { unscopedFork } from '../platform/db/department-scope.js';
import { inTransaction } from '../platform/db/transaction.js';
import { MemoryPubSub } from '../platform/pubsub/pubsub.js';
import { createLogger, type Logger } from '../platform/logging/logger.js';
import type { ServiceContext } from '../platform/context/context.js';
import { createApp, type App } from '../app.js';
import { openOrm } from '../database.js';
import { AuditService } from '../modules/audit/index.js';
import { seedDemoAttributes } from '../modules/attributes/index.js';
import { generatePassword, hasStaff, seedIdentity } from '../modules/identity/index.js';
import { seedDemoChannel, type DemoLineChannelInput } from '../modules/channels/index.js';
import { seedDemoForms } from '../modules/forms/index.js';
import { DEMO_SURVEY_SEGMENT, seedDemoSegments } from '../modules/segments/index.js';
import { seedDemoDeliveries } from '../modules/deliveries/index.js';

export type { DemoLineChannelInput };

export interface SeedResult {
  created: boolean;
  adminLoginId: string;
  /** Only when this run created the administrator; printed once, never stored in plain text. */
  adminPassword?: string;
}

/**
 * Seeds the demo municipality once: departments, roles and a first administrator (nothing when
 * any staff account exists already), and the demo attributes and forms that are missing.
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
    let result: SeedResult = { created: false, adminLoginId };
    if (!(await hasStaff(em))) {
      const audit = new AuditService(orm, keyring, pubsub, logger, config.AUDIT_RETENTION_MONTHS);
      const password = generatePassword();
      const ctx = {
        em,
        actor: { kind: 'system', name: 'seed' } as const,
        meta: { requestId: 'seed', ip: null, userAgent: null, trace: { auditWrites: 0 } },
      };
      await inTransaction(ctx, (tx) => seedIdentity(tx, audit, { loginId: adminLoginId, password }));
      result = { created: true, adminLoginId, adminPassword: password };
    }
    // By key, after identity: the forms belong to its departments.
    await seedDemoForms(unscopedFork(orm.em));
    return result;
  } finally {
    await pubsub.close();
    await orm.close(true);
  }
}

/**
 * For the embedded default: registers the LINE emulator's demo channel once, then the demo
 * examples that send through it (seedDemoExamples). Returns the channel's id.
 */
export async function seedDemoLineChannel(config: AppConfig, input: DemoLineChannelInput): Promise<{ id: string; created: boolean }> {
  const logger = createLogger({ ...config, LOG_LEVEL: 'warn' }, 'seed');
  const app = await createApp(config, { logger, role: 'cli' });
  try {
    const channel = await seedDemoChannel(app.orm.em.fork(), input);
    await seedDemoExamples(app, channel.id, logger);
    return channel;
  } finally {
    await app.close();
  }
}

/**
 * The demo city's quarterly 住民満足度アンケート (FORM-20, FORM-08): the segment of residents who
 * agreed to surveys and the recurring delivery to it on the demo channel, made through the
 * services by the system (every check and audit event runs), each once. After seedDemoMunicipality:
 * the department, the attribute and the form must exist.
 */
async function seedDemoExamples(app: App, channelId: string, logger: Logger): Promise<void> {
  const ctx: ServiceContext = {
    em: unscopedFork(app.orm.em),
    actor: { kind: 'system', name: 'seed' },
    meta: { requestId: 'seed', ip: null, userAgent: null, trace: { auditWrites: 0 } },
  };
  const segments = await seedDemoSegments(ctx, app.modules.segments.segments, logger);
  const surveySegmentId = segments.find((s) => s.name === DEMO_SURVEY_SEGMENT)?.id ?? null;
  await seedDemoDeliveries(ctx, app.modules.deliveries.deliveries, { channelId, surveySegmentId }, logger);
}
