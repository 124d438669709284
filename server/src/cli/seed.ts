import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/config.js';
import { installKeyring, Keyring } from '../platform/crypto/keyring.js';
import { createOrm } from '../platform/db/orm.js';
import { unscopedFork } from '../platform/db/department-scope.js';
import { inTransaction } from '../platform/db/transaction.js';
import { MemoryPubSub } from '../platform/pubsub/pubsub.js';
import { createLogger } from '../platform/logging/logger.js';
import { AuditService } from '../modules/audit/audit.service.js';
import { Department } from '../modules/identity/department.entity.js';
import { Role } from '../modules/identity/role.entity.js';
import { StaffUser } from '../modules/identity/staff-user.entity.js';
import { hashPassword } from '../modules/identity/password.js';
import { LineChannel, LineChannelPurpose } from '../modules/channels/line-channel.entity.js';

export interface SeedResult {
  created: boolean;
  adminLoginId: string;
  /** Only when this run created the administrator; printed once, never stored in plain text. */
  adminPassword?: string;
}

const DEPARTMENTS = [
  { code: 'digital', name: 'デジタル戦略課' },
  { code: 'shimin', name: '市民課' },
  { code: 'kosodate', name: 'こども未来課' },
  { code: 'bousai', name: '危機管理課' },
];

const ROLES = [
  {
    name: 'システム管理者',
    description: 'すべての機能とすべての部署のデータを扱えます。',
    permissions: [],
    isSystemAdmin: true,
    requireTotp: false,
  },
  {
    name: '部署管理者',
    description: '自部署の職員アカウントとAPIキーを管理し、自部署の操作ログを確認できます。',
    permissions: [
      'staff.read',
      'staff.write',
      'departments.read',
      'roles.read',
      'apikeys.read',
      'apikeys.write',
      'audit.read',
      'audit.export',
    ],
    isSystemAdmin: false,
    requireTotp: false,
  },
  {
    name: '一般職員',
    description: '担当業務の画面を利用します。',
    permissions: ['departments.read'],
    isSystemAdmin: false,
    requireTotp: false,
  },
];

/** A password that satisfies the policy: 20 characters of letters and digits plus a symbol. */
function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(20);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return `${out.slice(0, 10)}-${out.slice(10)}`;
}

/**
 * Seeds the demo municipality once: departments, roles and a first administrator. Does nothing
 * when any staff account exists already.
 */
export async function seedDemoMunicipality(config: AppConfig): Promise<SeedResult> {
  const keyring = new Keyring(config.ENCRYPTION_KEYS, config.ENCRYPTION_ACTIVE_KEY_ID, config.HASH_KEY);
  installKeyring(keyring);
  const logger = createLogger({ ...config, LOG_LEVEL: 'warn' }, 'seed');
  const orm = await createOrm(config);
  const pubsub = new MemoryPubSub();
  try {
    const em = unscopedFork(orm.em);
    const adminLoginId = 'admin';
    if ((await em.count(StaffUser, {})) > 0) return { created: false, adminLoginId };
    const audit = new AuditService(orm, keyring, pubsub, logger, config.AUDIT_RETENTION_MONTHS);
    const password = generatePassword();
    const ctx = {
      em,
      actor: { kind: 'system', name: 'seed' } as const,
      meta: { requestId: 'seed', ip: null, userAgent: null, trace: { auditWrites: 0 } },
    };
    await inTransaction(ctx, async (tx) => {
      const departments = DEPARTMENTS.map((d) => tx.em.create(Department, d));
      const roles = ROLES.map((r) => tx.em.create(Role, r));
      const admin = tx.em.create(StaffUser, {
        loginId: adminLoginId,
        displayName: 'システム管理者',
        passwordHash: await hashPassword(password),
        department: departments[0]!,
        mustChangePassword: true,
      });
      admin.roles.set([roles[0]!]);
      tx.em.persist([...departments, ...roles, admin]);
      await tx.em.flush();
      await audit.record(tx, {
        action: 'system.seed',
        summary: { departments: DEPARTMENTS.map((d) => d.code), roles: ROLES.map((r) => r.name), admin: adminLoginId },
        departmentId: departments[0]!.id,
      });
    });
    return { created: true, adminLoginId, adminPassword: password };
  } finally {
    await pubsub.close();
    await orm.close(true);
  }
}

export interface DemoLineChannelInput {
  messagingChannelId: string;
  channelSecret: string;
  channelAccessToken: string;
  loginChannelId: string;
}

/**
 * For the embedded default: registers the LINE emulator's demo channel once (as a training
 * channel), so the product works end to end without LINE credentials. Returns its id.
 */
export async function seedDemoLineChannel(config: AppConfig, input: DemoLineChannelInput): Promise<{ id: string; created: boolean }> {
  installKeyring(new Keyring(config.ENCRYPTION_KEYS, config.ENCRYPTION_ACTIVE_KEY_ID, config.HASH_KEY));
  const orm = await createOrm(config);
  try {
    const em = orm.em.fork();
    const existing = await em.findOne(LineChannel, { messagingChannelId: input.messagingChannelId });
    if (existing) return { id: existing.id, created: false };
    const channel = em.create(LineChannel, {
      name: 'デモ市 公式アカウント（LINEエミュレーター）',
      purpose: LineChannelPurpose.TRAINING,
      messagingChannelId: input.messagingChannelId,
      channelSecret: input.channelSecret,
      channelAccessToken: input.channelAccessToken,
      credentialsUpdatedAt: new Date(),
      loginChannelId: input.loginChannelId,
    });
    await em.persist(channel).flush();
    return { id: channel.id, created: true };
  } finally {
    await orm.close(true);
  }
}
