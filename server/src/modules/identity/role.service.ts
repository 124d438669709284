import type { ServiceContext } from '../../platform/context/context.js';
import { hasPermission, type Actor } from '../../platform/context/actor.js';
import { requirePermission } from '../../platform/auth/require.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { badInput, conflict, notFound, preconditionFailed } from '../../platform/errors/app-error.js';
import { paginate, type ConnectionArgs, type Page } from '../../platform/graphql/connection.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditService } from '../audit/audit.service.js';
import { isKnownPermission } from '../../platform/auth/permissions.js';
import { Role } from './role.entity.js';

export interface RoleInput {
  name?: string | null;
  description?: string | null;
  permissions?: string[] | null;
  requireTotp?: boolean | null;
}

/** Permissions an actor may hand to others: only what they hold themselves. */
export function checkGrantable(actor: Actor, permissions: readonly string[], field = 'permissions'): void {
  const unknown = permissions.filter((p) => !isKnownPermission(p));
  if (unknown.length) throw badInput({ [field]: `存在しない権限が含まれています: ${unknown.join(', ')}` });
  const beyond = permissions.filter((p) => !hasPermission(actor, p));
  if (beyond.length) throw badInput({ [field]: `ご自身が持っていない権限は付与できません: ${beyond.join(', ')}` });
}

/** Roles: named permission sets that administrators define (ADM-10 to ADM-12). */
export class RoleService {
  constructor(
    private readonly audit: AuditService,
    private readonly logger: Logger,
  ) {}

  list(ctx: ServiceContext, args: ConnectionArgs): Promise<Page<Role>> {
    requirePermission(ctx.actor, 'roles.read');
    return paginate(ctx.em, Role, {}, args, { name: 'asc', id: 'asc' });
  }

  async get(ctx: ServiceContext, id: string): Promise<Role | null> {
    requirePermission(ctx.actor, 'roles.read');
    return ctx.em.findOne(Role, { id });
  }

  async memberCounts(ctx: ServiceContext, ids: readonly string[]): Promise<number[]> {
    const rows = await ctx.em.execute<Array<{ role_id: string; n: string }>>(
      `select r.role_id, count(*)::text as n from staff_user_role r join staff_user s on s.id = r.staff_user_id
       where s.is_active and r.role_id in (?) group by r.role_id`,
      [[...ids]],
    );
    const map = new Map(rows.map((r) => [r.role_id, Number(r.n)]));
    return ids.map((id) => map.get(id) ?? 0);
  }

  private validate(ctx: ServiceContext, input: RoleInput): void {
    if (input.name !== undefined && input.name !== null && (input.name.trim().length === 0 || input.name.length > 100)) {
      throw badInput({ name: 'ロール名は1〜100文字で入力してください。' });
    }
    if (input.permissions) checkGrantable(ctx.actor, input.permissions);
  }

  async create(ctx: ServiceContext, input: RoleInput & { name: string; permissions: string[] }): Promise<Role> {
    requirePermission(ctx.actor, 'roles.write');
    this.validate(ctx, input);
    return inTransaction(
      ctx,
      async (tx) => {
        if (await tx.em.findOne(Role, { name: input.name.trim() })) throw badInput({ name: 'このロール名は既に使われています。' });
        const role = tx.em.create(Role, {
          name: input.name.trim(),
          description: input.description?.trim() || null,
          permissions: [...new Set(input.permissions)].sort(),
          requireTotp: input.requireTotp ?? false,
        });
        tx.em.persist(role);
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'identity.role.create',
          targetType: 'Role',
          targetId: role.id,
          summary: { name: role.name, permissions: role.permissions, requireTotp: role.requireTotp },
        });
        return role;
      },
      this.logger,
    );
  }

  async update(ctx: ServiceContext, input: RoleInput & { id: string }): Promise<Role> {
    requirePermission(ctx.actor, 'roles.write');
    this.validate(ctx, input);
    return inTransaction(
      ctx,
      async (tx) => {
        const role = await tx.em.findOne(Role, { id: input.id });
        if (!role) throw notFound('ロール');
        if (role.isSystemAdmin) throw preconditionFailed('システム管理者ロールは変更できません。', 'SYSTEM_ROLE');
        const changes: Record<string, unknown> = {};
        if (input.name && input.name.trim() !== role.name) {
          if (await tx.em.findOne(Role, { name: input.name.trim() })) throw badInput({ name: 'このロール名は既に使われています。' });
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
        await this.audit.record(tx, { action: 'identity.role.update', targetType: 'Role', targetId: role.id, summary: changes });
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
        const role = await tx.em.findOne(Role, { id });
        if (!role) throw notFound('ロール');
        if (role.isSystemAdmin) throw preconditionFailed('システム管理者ロールは削除できません。', 'SYSTEM_ROLE');
        const em = tx.em;
        const rows = await em.execute<Array<{ n: string }>>('select count(*)::text as n from staff_user_role where role_id = ?', [id]);
        const members = Number(rows[0]?.n ?? 0);
        if (members > 0) throw conflict(`このロールは${members}名の職員に割り当てられているため削除できません。`, 'ROLE_IN_USE');
        em.remove(role);
        await this.audit.record(tx, { action: 'identity.role.delete', targetType: 'Role', targetId: id, summary: { name: role.name } });
        return id;
      },
      this.logger,
    );
  }
}
