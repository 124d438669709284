import { randomBytes } from 'node:crypto';
import type { TxContext } from '../../platform/context/context.js';
import type { AuditService } from '../audit/index.js';
import { Department } from './department.entity.js';
import { hashPassword } from './password.js';
import { Role } from './role.entity.js';
import { StaffUser } from './staff-user.entity.js';

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
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(20);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return `${out.slice(0, 10)}-${out.slice(10)}`;
}

/**
 * The demo municipality's departments, its shared roles and a first administrator (who must
 * change the password at first sign-in), in the caller's transaction.
 */
export async function seedIdentity(tx: TxContext, audit: AuditService, admin: { loginId: string; password: string }): Promise<void> {
  const departments = DEPARTMENTS.map((d) => tx.em.create(Department, d));
  const roles = ROLES.map((r) => tx.em.create(Role, r));
  const staff = tx.em.create(StaffUser, {
    loginId: admin.loginId,
    displayName: 'システム管理者',
    passwordHash: await hashPassword(admin.password),
    department: departments[0]!,
    mustChangePassword: true,
  });
  staff.roles.set([roles[0]!]);
  tx.em.persist([...departments, ...roles, staff]);
  await tx.em.flush();
  await audit.record(tx, {
    action: 'system.seed',
    summary: { departments: DEPARTMENTS.map((d) => d.code), roles: ROLES.map((r) => r.name), admin: admin.loginId },
    departmentId: departments[0]!.id,
  });
}

/** Whether any staff account exists (the seed runs only on an empty installation). */
export async function hasStaff(em: TxContext['em']): Promise<boolean> {
  return (await em.count(StaffUser, {})) > 0;
}
