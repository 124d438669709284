import type { ServiceContext, TxContext } from '../../platform/context/context.js';
import { departmentScope, hasPermission, type Actor } from '../../platform/context/actor.js';
import { scopedSql, unscopedSql } from '../../platform/db/scoped-sql.js';
import { requirePermission } from '../../platform/auth/require.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { DEPARTMENT_SCOPE } from '../../platform/db/department-scope.js';
import { badInput, conflict, notFound, preconditionFailed } from '../../platform/errors/app-error.js';
import { paginate, type ConnectionArgs, type Page } from '../../platform/graphql/connection.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditService } from '../audit/index.js';
import { isKnownPermission } from '../../platform/auth/permissions.js';
import { Department } from './department.entity.js';
import { isSystemAdministrator, requireMayActOnRole, type Powers } from './identity.policy.js';
import { Role } from './role.entity.js';
import type { StaffActorCache } from './staff-actor-cache.js';

export interface RoleInput {
  name?: string | null;
  description?: string | null;
  permissions?: string[] | null;
  requireTotp?: boolean | null;
}

/** Permissions an actor may hand to others: only what they hold themselves. */
export function checkGrantable(actor: Actor, permissions: readonly string[], field = 'permissions'): void {
  const unknown = permissions.filter((p) => !isKnownPermission(p));
  if (unknown.length) throw badInput({ [field]: `存在しない権限が含まれています: ${unknown.slice(0, 20).join(', ')}` });
  const beyond = permissions.filter((p) => !hasPermission(actor, p));
  if (beyond.length) throw badInput({ [field]: `ご自身が持っていない権限は付与できません: ${beyond.join(', ')}` });
}

/**
 * Roles: named permission sets that administrators define (ADM-10 to ADM-12). A role is shared by
 * every department (created and changed by system administrators only) or owned by one department
 * (its managers keep it, and it is given only to that department's staff); see docs/adr/0007.
 */
export class RoleService {
  constructor(
    private readonly audit: AuditService,
    private readonly actors: StaffActorCache,
    private readonly logger: Logger,
  ) {}

  /** Shared roles and those of the caller's departments (the ORM scope filter). */
  list(ctx: ServiceContext, args: ConnectionArgs): Promise<Page<Role>> {
    requirePermission(ctx.actor, 'roles.read');
    return paginate(ctx.em, Role, {}, args, { name: 'asc', id: 'asc' });
  }

  async get(ctx: ServiceContext, id: string): Promise<Role | null> {
    requirePermission(ctx.actor, 'roles.read');
    return ctx.em.findOne(Role, { id });
  }

  /** Active staff holding each role, counting only the caller's departments. */
  async memberCounts(ctx: ServiceContext, ids: readonly string[]): Promise<number[]> {
    const rows = await scopedSql<{ role_id: string; n: string }>(
      ctx,
      `select r.role_id, count(*)::text as n from staff_user_role r join staff_user s on s.id = r.staff_user_id
       where s.is_active and r.role_id in (?) and {{scope:s.department_id}} group by r.role_id`,
      [[...ids]],
    );
    const map = new Map(rows.map((r) => [r.role_id, Number(r.n)]));
    return ids.map((id) => map.get(id) ?? 0);
  }

  private validate(ctx: ServiceContext, input: RoleInput): void {
    if (input.name !== undefined && input.name !== null && (input.name.trim().length === 0 || input.name.length > 100)) {
      throw badInput({ name: 'ロール名は1〜100文字で入力してください。' });
    }
    if (input.description && input.description.length > 1000) throw badInput({ description: '説明は1000文字以内で入力してください。' });
    if (input.permissions) checkGrantable(ctx.actor, input.permissions);
  }

  /** The owner of a new role: the given department, the caller's own, or none (shared). */
  private async owner(tx: TxContext, departmentId: string | null | undefined): Promise<Department | null> {
    const scope = departmentScope(tx.actor);
    const id = departmentId ?? (scope === 'all' ? null : (scope[0] ?? null));
    if (!id) {
      if (!isSystemAdministrator(tx.actor)) {
        throw badInput({ departmentId: '全部署共通のロールはシステム管理者だけが作成できます。部署を指定してください。' });
      }
      return null;
    }
    const dept = scope === 'all' || scope.includes(id) ? await tx.em.findOne(Department, { id }) : null;
    if (!dept) throw badInput({ departmentId: 'ご自身の部署のロールのみ作成できます。' });
    return dept;
  }

  /** Names are unique among the shared roles and within a department (the shared ones included). */
  private async nameTaken(tx: TxContext, name: string, owner: Department | null, exceptId?: string): Promise<boolean> {
    const where = owner ? { name, $or: [{ department: null }, { department: owner.id }] } : { name };
    const found = await tx.em.findOne(Role, exceptId ? { ...where, id: { $ne: exceptId } } : where, {
      filters: { [DEPARTMENT_SCOPE]: false },
    });
    return Boolean(found);
  }

  /** What the accounts holding a role can do, all their roles together (editing it acts on them). */
  private async memberPowers(tx: TxContext, roleId: string): Promise<Powers & { count: number }> {
    const rows = await unscopedSql<{ permissions: string[] | null; admin: boolean; members: string }>(
      tx.em,
      'the escalation rule weighs every account holding the role, in any department',
      `select array_agg(distinct p) filter (where p is not null) as permissions, bool_or(r2.is_system_admin) as admin,
              count(distinct sr.staff_user_id)::text as members
         from staff_user_role sr
         join staff_user_role sr2 on sr2.staff_user_id = sr.staff_user_id
         join role r2 on r2.id = sr2.role_id
         left join lateral unnest(r2.permissions) as p on true
        where sr.role_id = ?`,
      [roleId],
    );
    const row = rows[0];
    return { all: Boolean(row?.admin), permissions: new Set(row?.permissions ?? []), count: Number(row?.members ?? 0) };
  }

  async create(
    ctx: ServiceContext,
    input: RoleInput & { name: string; permissions: string[]; departmentId?: string | null },
  ): Promise<Role> {
    requirePermission(ctx.actor, 'roles.write');
    this.validate(ctx, input);
    return inTransaction(
      ctx,
      async (tx) => {
        const department = await this.owner(tx, input.departmentId);
        if (await this.nameTaken(tx, input.name.trim(), department)) throw badInput({ name: 'このロール名は既に使われています。' });
        const role = tx.em.create(Role, {
          name: input.name.trim(),
          description: input.description?.trim() || null,
          permissions: [...new Set(input.permissions)].sort(),
          requireTotp: input.requireTotp ?? false,
          department,
        });
        tx.em.persist(role);
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'identity.role.create',
          targetType: 'Role',
          targetId: role.id,
          summary: { name: role.name, permissions: role.permissions, requireTotp: role.requireTotp, departmentId: department?.id ?? null },
          departmentId: department?.id ?? null,
        });
        return role;
      },
      this.logger,
    );
  }

  /** A role the caller sees and may change (NOT_FOUND, SYSTEM_ROLE or the escalation rule otherwise). */
  private async changeable(tx: TxContext, id: string, verb: '変更' | '削除'): Promise<Role> {
    const role = await tx.em.findOne(Role, { id });
    if (!role) throw notFound('ロール');
    if (role.isSystemAdmin) throw preconditionFailed(`システム管理者ロールは${verb}できません。`, 'SYSTEM_ROLE');
    requireMayActOnRole(tx.actor, role, await this.memberPowers(tx, role.id));
    return role;
  }

  async update(ctx: ServiceContext, input: RoleInput & { id: string }): Promise<Role> {
    requirePermission(ctx.actor, 'roles.write');
    this.validate(ctx, input);
    return inTransaction(
      ctx,
      async (tx) => {
        const role = await this.changeable(tx, input.id, '変更');
        const changes: Record<string, unknown> = {};
        if (input.name && input.name.trim() !== role.name) {
          if (await this.nameTaken(tx, input.name.trim(), role.department ?? null, role.id)) {
            throw badInput({ name: 'このロール名は既に使われています。' });
          }
          changes['name'] = { from: role.name, to: input.name.trim() };
          role.name = input.name.trim();
        }
        if (input.description !== undefined) {
          role.description = input.description?.trim() || null;
          changes['description'] = true;
        }
        if (input.permissions) {
          const next = [...new Set(input.permissions)].sort();
          changes['permissions'] = {
            added: next.filter((p) => !role.permissions.includes(p)),
            removed: role.permissions.filter((p) => !next.includes(p)),
          };
          role.permissions = next;
        }
        if (input.requireTotp !== undefined && input.requireTotp !== null && input.requireTotp !== role.requireTotp) {
          changes['requireTotp'] = { from: role.requireTotp, to: input.requireTotp };
          role.requireTotp = input.requireTotp;
        }
        // Every holder's permissions (or TOTP duty) may have changed.
        tx.afterCommit(() => this.actors.changed({ all: true }));
        await this.audit.record(tx, {
          action: 'identity.role.update',
          targetType: 'Role',
          targetId: role.id,
          summary: changes,
          departmentId: role.department?.id ?? null,
        });
        return role;
      },
      this.logger,
    );
  }

  async delete(ctx: ServiceContext, id: string): Promise<string> {
    requirePermission(ctx.actor, 'roles.write');
    return inTransaction(
      ctx,
      async (tx) => {
        const role = await this.changeable(tx, id, '削除');
        const members = (await this.memberPowers(tx, role.id)).count;
        if (members > 0) throw conflict(`このロールは${members}名の職員に割り当てられているため削除できません。`, 'ROLE_IN_USE');
        tx.em.remove(role);
        // Every holder's permissions (or TOTP duty) may have changed.
        tx.afterCommit(() => this.actors.changed({ all: true }));
        await this.audit.record(tx, {
          action: 'identity.role.delete',
          targetType: 'Role',
          targetId: id,
          summary: { name: role.name },
          departmentId: role.department?.id ?? null,
        });
        return id;
      },
      this.logger,
    );
  }
}
