import type { FilterQuery } from '@mikro-orm/core';
import type { ServiceContext, TxContext } from '../../platform/context/context.js';
import { departmentScope } from '../../platform/context/actor.js';
import { requirePermission } from '../../platform/auth/require.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { unscopedSql } from '../../platform/db/scoped-sql.js';
import { DEPARTMENT_SCOPE } from '../../platform/db/department-scope.js';
import { badInput, notFound, preconditionFailed } from '../../platform/errors/app-error.js';
import { paginate, type ConnectionArgs, type Page } from '../../platform/graphql/connection.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditService } from '../audit/index.js';
import { checkGrantable } from './role.service.js';
import { isSystemAdministrator, requireMayActOnStaff } from './identity.policy.js';
import { checkPasswordPolicy, hashPassword, normaliseLoginId } from './password.js';
import { Department } from './department.entity.js';
import { Role } from './role.entity.js';
import { StaffSession } from './staff-session.entity.js';
import { StaffUser } from './staff-user.entity.js';
import type { StaffActorCache } from './staff-actor-cache.js';

const LOGIN_ID = /^[a-z0-9][a-z0-9._@-]{2,63}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface StaffFilter {
  search?: string | null;
  departmentId?: string | null;
  includeInactive?: boolean | null;
}

/** A department's own roles go only to its staff; shared roles (no department) to anyone's. */
function checkRolesFitDepartment(roles: readonly Role[], departmentId: string): void {
  if (roles.some((r) => r.department && r.department.id !== departmentId)) {
    throw badInput({ roleIds: '他の部署のロールは付与できません。' });
  }
}

/** Staff accounts that the municipality issues itself (ADM-07, ADM-08), any number of them. */
export class StaffService {
  constructor(
    private readonly audit: AuditService,
    private readonly actors: StaffActorCache,
    private readonly logger: Logger,
  ) {}

  list(ctx: ServiceContext, filter: StaffFilter, args: ConnectionArgs): Promise<Page<StaffUser>> {
    requirePermission(ctx.actor, 'staff.read');
    const where: Record<string, unknown> = {};
    if (!filter.includeInactive) where['isActive'] = true;
    if (filter.departmentId) where['department'] = filter.departmentId;
    const search = filter.search?.normalize('NFKC').trim();
    if (search) {
      const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where['$or'] = [{ loginId: { $ilike: like } }, { displayName: { $ilike: like } }];
    }
    return paginate(ctx.em, StaffUser, where as FilterQuery<StaffUser>, args, { loginId: 'asc', id: 'asc' }, ['roles']);
  }

  async get(ctx: ServiceContext, id: string): Promise<StaffUser | null> {
    requirePermission(ctx.actor, 'staff.read');
    return ctx.em.findOne(StaffUser, { id }, { populate: ['roles'] });
  }

  /** The signed-in staff member's own record (no staff.read needed). */
  async self(ctx: ServiceContext, staffId: string): Promise<StaffUser> {
    // Department and roles are loaded by their field resolvers, only when asked for.
    return ctx.em.findOneOrFail(StaffUser, { id: staffId }, { filters: { [DEPARTMENT_SCOPE]: false } });
  }

  private async resolveDepartment(tx: TxContext, departmentId: string): Promise<Department> {
    const scope = departmentScope(tx.actor);
    const dept = await tx.em.findOne(Department, { id: departmentId });
    if (!dept || (scope !== 'all' && !scope.includes(dept.id))) {
      throw badInput({ departmentId: '選択された部署には職員を所属させられません。' });
    }
    return dept;
  }

  /**
   * The roles to give a staff member of `departmentId`: they must exist in the actor's view, be
   * shared or that department's own, and hold nothing the actor lacks.
   */
  private async resolveRoles(tx: TxContext, roleIds: string[], departmentId: string): Promise<Role[]> {
    const roles = roleIds.length ? await tx.em.find(Role, { id: { $in: roleIds } }) : [];
    if (roles.length !== new Set(roleIds).size) throw badInput({ roleIds: '存在しないロールが含まれています。' });
    if (roles.some((r) => r.isSystemAdmin) && !isSystemAdministrator(tx.actor)) {
      throw badInput({ roleIds: 'システム管理者ロールはシステム管理者だけが付与できます。' });
    }
    checkRolesFitDepartment(roles, departmentId);
    checkGrantable(
      tx.actor,
      roles.flatMap((r) => r.permissions),
      'roleIds',
    );
    return roles;
  }

  async create(
    ctx: ServiceContext,
    input: {
      loginId: string;
      displayName: string;
      email?: string | null;
      departmentId: string;
      roleIds: string[];
      initialPassword: string;
    },
  ): Promise<StaffUser> {
    requirePermission(ctx.actor, 'staff.write');
    const loginId = normaliseLoginId(input.loginId);
    const fields: Record<string, string> = {};
    if (!LOGIN_ID.test(loginId)) fields['loginId'] = 'ログインIDは半角英数字と . _ @ - の3〜64文字で入力してください。';
    if (!input.displayName.trim() || input.displayName.length > 100) fields['displayName'] = '氏名は1〜100文字で入力してください。';
    if (input.email && !EMAIL.test(input.email)) fields['email'] = 'メールアドレスの形式が正しくありません。';
    const problem = checkPasswordPolicy(input.initialPassword, loginId);
    if (problem) fields['initialPassword'] = problem;
    if (Object.keys(fields).length) throw badInput(fields);

    return inTransaction(
      ctx,
      async (tx) => {
        if (await tx.em.findOne(StaffUser, { loginId }, { filters: { [DEPARTMENT_SCOPE]: false } })) {
          throw badInput({ loginId: 'このログインIDは既に使われています。' });
        }
        const department = await this.resolveDepartment(tx, input.departmentId);
        const roles = await this.resolveRoles(tx, input.roleIds, department.id);
        const staff = tx.em.create(StaffUser, {
          loginId,
          displayName: input.displayName.trim(),
          email: input.email?.trim() || null,
          passwordHash: await hashPassword(input.initialPassword),
          department,
          mustChangePassword: true,
        });
        staff.roles.set(roles);
        tx.em.persist(staff);
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'identity.staff.create',
          targetType: 'StaffUser',
          targetId: staff.id,
          summary: { loginId, departmentId: department.id, roles: roles.map((r) => r.name) },
          departmentId: department.id,
        });
        return staff;
      },
      this.logger,
    );
  }

  async update(
    ctx: ServiceContext,
    input: {
      id: string;
      displayName?: string | null;
      email?: string | null;
      departmentId?: string | null;
      roleIds?: string[] | null;
      isActive?: boolean | null;
    },
  ): Promise<StaffUser> {
    requirePermission(ctx.actor, 'staff.write');
    const fields: Record<string, string> = {};
    if (input.displayName !== undefined && input.displayName !== null && (!input.displayName.trim() || input.displayName.length > 100)) {
      fields['displayName'] = '氏名は1〜100文字で入力してください。';
    }
    if (input.email && !EMAIL.test(input.email)) fields['email'] = 'メールアドレスの形式が正しくありません。';
    if (Object.keys(fields).length) throw badInput(fields);

    return inTransaction(
      ctx,
      async (tx) => {
        const staff = await tx.em.findOne(StaffUser, { id: input.id }, { populate: ['roles', 'department'] });
        if (!staff) throw notFound('職員');
        requireMayActOnStaff(tx.actor, staff);
        const self = tx.actor.kind === 'staff' && tx.actor.staffId === staff.id;
        const changes: Record<string, unknown> = {};
        if (input.displayName && input.displayName.trim() !== staff.displayName) {
          changes['displayName'] = true;
          staff.displayName = input.displayName.trim();
        }
        if (input.email !== undefined && (input.email?.trim() || null) !== (staff.email ?? null)) {
          changes['email'] = 'changed';
          staff.email = input.email?.trim() || null;
        }
        if (input.departmentId && input.departmentId !== staff.department.id) {
          const dept = await this.resolveDepartment(tx, input.departmentId);
          changes['departmentId'] = { from: staff.department.id, to: dept.id };
          staff.department = dept;
          // The roles of the old department do not go along (unless new roles are given below).
          if (!input.roleIds) {
            try {
              checkRolesFitDepartment(staff.roles.getItems(), dept.id);
            } catch {
              throw badInput({ departmentId: '元の部署のロールが付与されています。部署と一緒にロールも変更してください。' });
            }
          }
        }
        if (input.roleIds) {
          const roles = await this.resolveRoles(tx, input.roleIds, staff.department.id);
          const removesAdmin = staff.roles.getItems().some((r) => r.isSystemAdmin) && !roles.some((r) => r.isSystemAdmin);
          if (removesAdmin) await this.ensureAnotherAdmin(tx, staff.id);
          changes['roles'] = { from: staff.roles.getItems().map((r) => r.name), to: roles.map((r) => r.name) };
          staff.roles.set(roles);
        }
        if (input.isActive !== undefined && input.isActive !== null && input.isActive !== staff.isActive) {
          if (!input.isActive && self) throw preconditionFailed('自分自身のアカウントは無効にできません。', 'SELF_DEACTIVATION');
          if (!input.isActive && staff.roles.getItems().some((r) => r.isSystemAdmin)) await this.ensureAnotherAdmin(tx, staff.id);
          changes['isActive'] = { from: staff.isActive, to: input.isActive };
          staff.isActive = input.isActive;
          if (!input.isActive) await this.revokeSessions(tx, staff.id);
        }
        tx.afterCommit(() => this.actors.changed({ staffIds: [staff.id] }));
        await this.audit.record(tx, {
          action: 'identity.staff.update',
          targetType: 'StaffUser',
          targetId: staff.id,
          summary: changes,
          departmentId: staff.department.id,
        });
        return staff;
      },
      this.logger,
    );
  }

  private async ensureAnotherAdmin(tx: TxContext, staffId: string): Promise<void> {
    const rows = await unscopedSql<{ n: string }>(
      tx.em,
      'whether another system administrator exists, in any department',
      `select count(distinct s.id)::text as n from staff_user s join staff_user_role sr on sr.staff_user_id = s.id
       join role r on r.id = sr.role_id where r.is_system_admin and s.is_active and s.id <> ?`,
      [staffId],
    );
    if (Number(rows[0]?.n ?? 0) === 0) {
      throw preconditionFailed('有効なシステム管理者が1人もいなくなるため、この変更はできません。', 'LAST_SYSTEM_ADMIN');
    }
  }

  private async revokeSessions(tx: TxContext, staffId: string): Promise<void> {
    await tx.em.nativeUpdate(StaffSession, { staff: staffId, revokedAt: null }, { revokedAt: new Date() });
  }

  async resetPassword(ctx: ServiceContext, id: string, newPassword: string): Promise<StaffUser> {
    requirePermission(ctx.actor, 'staff.write');
    return inTransaction(
      ctx,
      async (tx) => {
        const staff = await tx.em.findOne(StaffUser, { id }, { populate: ['roles', 'department'] });
        if (!staff) throw notFound('職員');
        requireMayActOnStaff(tx.actor, staff);
        const problem = checkPasswordPolicy(newPassword, staff.loginId);
        if (problem) throw badInput({ newPassword: problem });
        staff.passwordHash = await hashPassword(newPassword);
        staff.mustChangePassword = true;
        staff.passwordChangedAt = new Date();
        staff.failedLoginCount = 0;
        staff.lockedUntil = null;
        await this.revokeSessions(tx, staff.id);
        tx.afterCommit(() => this.actors.changed({ staffIds: [staff.id] }));
        await this.audit.record(tx, {
          action: 'identity.staff.password_reset',
          targetType: 'StaffUser',
          targetId: staff.id,
          departmentId: staff.department.id,
        });
        return staff;
      },
      this.logger,
    );
  }

  async unlock(ctx: ServiceContext, id: string): Promise<StaffUser> {
    requirePermission(ctx.actor, 'staff.write');
    return inTransaction(
      ctx,
      async (tx) => {
        const staff = await tx.em.findOne(StaffUser, { id }, { populate: ['roles', 'department'] });
        if (!staff) throw notFound('職員');
        requireMayActOnStaff(tx.actor, staff);
        staff.lockedUntil = null;
        staff.failedLoginCount = 0;
        await this.audit.record(tx, {
          action: 'identity.staff.unlock',
          targetType: 'StaffUser',
          targetId: staff.id,
          departmentId: staff.department.id,
        });
        return staff;
      },
      this.logger,
    );
  }

  async resetTotp(ctx: ServiceContext, id: string): Promise<StaffUser> {
    requirePermission(ctx.actor, 'staff.write');
    return inTransaction(
      ctx,
      async (tx) => {
        const staff = await tx.em.findOne(StaffUser, { id }, { populate: ['roles', 'department'] });
        if (!staff) throw notFound('職員');
        requireMayActOnStaff(tx.actor, staff);
        staff.totpEnabled = false;
        staff.totpSecret = null;
        staff.totpPendingSecret = null;
        staff.totpLastStep = null;
        await this.revokeSessions(tx, staff.id);
        tx.afterCommit(() => this.actors.changed({ staffIds: [staff.id] }));
        await this.audit.record(tx, {
          action: 'identity.staff.totp_reset',
          targetType: 'StaffUser',
          targetId: staff.id,
          departmentId: staff.department.id,
        });
        return staff;
      },
      this.logger,
    );
  }
}
