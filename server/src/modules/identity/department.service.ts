import type { ServiceContext } from '../../platform/context/context.js';
import { requirePermission } from '../../platform/auth/require.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { badInput, conflict, forbidden, notFound } from '../../platform/errors/app-error.js';
import { departmentScope } from '../../platform/context/actor.js';
import { scopedSql } from '../../platform/db/scoped-sql.js';
import { paginate, type ConnectionArgs, type Page } from '../../platform/graphql/connection.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditService } from '../audit/index.js';
import { Department } from './department.entity.js';
import { StaffUser } from './staff-user.entity.js';
import { ApiKey } from './api-key.entity.js';
import { Role } from './role.entity.js';
import { DEPARTMENT_SCOPE } from '../../platform/db/department-scope.js';

const CODE = /^[a-z0-9][a-z0-9_-]{0,31}$/;

function validate(input: { code?: string | null; name?: string | null }): void {
  const fields: Record<string, string> = {};
  if (input.code !== undefined && input.code !== null && !CODE.test(input.code)) {
    fields['code'] = '部署コードは半角英小文字・数字・-・_ で32文字以内にしてください（例: digital）。';
  }
  if (input.name !== undefined && input.name !== null && (input.name.trim().length === 0 || input.name.length > 100)) {
    fields['name'] = '部署名は1〜100文字で入力してください。';
  }
  if (Object.keys(fields).length) throw badInput(fields);
}

/** Departments (課): the unit of data ownership (ADM-13). */
export class DepartmentService {
  constructor(
    private readonly audit: AuditService,
    private readonly logger: Logger,
  ) {}

  list(ctx: ServiceContext, args: ConnectionArgs): Promise<Page<Department>> {
    requirePermission(ctx.actor, 'departments.read');
    return paginate(ctx.em, Department, {}, args, { code: 'asc', id: 'asc' });
  }

  async get(ctx: ServiceContext, id: string): Promise<Department | null> {
    requirePermission(ctx.actor, 'departments.read');
    return ctx.em.findOne(Department, { id });
  }

  /**
   * Active staff per department, batched for lists; null for a department outside the caller's
   * scope (every department is listed, but only one's own is counted).
   */
  async staffCounts(ctx: ServiceContext, ids: readonly string[]): Promise<Array<number | null>> {
    const scope = departmentScope(ctx.actor);
    const visible = scope === 'all' ? [...ids] : ids.filter((id) => scope.includes(id));
    const rows = visible.length
      ? await scopedSql<{ department_id: string; n: string }>(
          ctx,
          `select department_id, count(*)::text as n from staff_user
            where is_active and department_id in (?) and {{scope:department_id}} group by department_id`,
          [visible],
        )
      : [];
    const map = new Map(rows.map((r) => [r.department_id, Number(r.n)]));
    return ids.map((id) => (visible.includes(id) ? (map.get(id) ?? 0) : null));
  }

  /** Creating and deleting departments is for actors that see every department. */
  private requireAllDepartments(ctx: ServiceContext, verb: string): void {
    if (departmentScope(ctx.actor) !== 'all')
      throw forbidden(`部署の${verb}は、すべての部署を扱える管理者だけが行えます。`, 'OUTSIDE_DEPARTMENT');
  }

  async create(ctx: ServiceContext, input: { code: string; name: string }): Promise<Department> {
    requirePermission(ctx.actor, 'departments.write');
    this.requireAllDepartments(ctx, '作成');
    validate(input);
    return inTransaction(
      ctx,
      async (tx) => {
        if (await tx.em.findOne(Department, { code: input.code })) throw badInput({ code: 'この部署コードは既に使われています。' });
        const dept = tx.em.create(Department, { code: input.code, name: input.name.trim() });
        tx.em.persist(dept);
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'identity.department.create',
          targetType: 'Department',
          targetId: dept.id,
          summary: { code: dept.code, name: dept.name },
          departmentId: dept.id,
        });
        return dept;
      },
      this.logger,
    );
  }

  async update(ctx: ServiceContext, input: { id: string; code?: string | null; name?: string | null }): Promise<Department> {
    requirePermission(ctx.actor, 'departments.write');
    validate(input);
    return inTransaction(
      ctx,
      async (tx) => {
        const dept = await tx.em.findOne(Department, { id: input.id });
        if (!dept) throw notFound('部署');
        const scope = departmentScope(tx.actor);
        if (scope !== 'all' && !scope.includes(dept.id)) throw forbidden('他の部署の設定は変更できません。', 'OUTSIDE_DEPARTMENT');
        const changes: Record<string, unknown> = {};
        if (input.code && input.code !== dept.code) {
          if (await tx.em.findOne(Department, { code: input.code })) throw badInput({ code: 'この部署コードは既に使われています。' });
          changes['code'] = { from: dept.code, to: input.code };
          dept.code = input.code;
        }
        if (input.name && input.name.trim() !== dept.name) {
          changes['name'] = { from: dept.name, to: input.name.trim() };
          dept.name = input.name.trim();
        }
        await this.audit.record(tx, {
          action: 'identity.department.update',
          targetType: 'Department',
          targetId: dept.id,
          summary: changes,
          departmentId: dept.id,
        });
        return dept;
      },
      this.logger,
    );
  }

  async delete(ctx: ServiceContext, id: string): Promise<string> {
    requirePermission(ctx.actor, 'departments.write');
    this.requireAllDepartments(ctx, '削除');
    return inTransaction(
      ctx,
      async (tx) => {
        const dept = await tx.em.findOne(Department, { id });
        if (!dept) throw notFound('部署');
        const unscoped = { filters: { [DEPARTMENT_SCOPE]: false } };
        const staff = await tx.em.count(StaffUser, { department: id }, unscoped);
        const keys = await tx.em.count(ApiKey, { department: id }, unscoped);
        const roles = await tx.em.count(Role, { department: id }, unscoped);
        if (staff > 0 || keys > 0 || roles > 0) {
          throw conflict(
            `この部署には職員${staff}名・APIキー${keys}件・ロール${roles}件が所属しているため削除できません。先に所属を変更してください。`,
            'DEPARTMENT_IN_USE',
          );
        }
        tx.em.remove(dept);
        await this.audit.record(tx, {
          action: 'identity.department.delete',
          targetType: 'Department',
          targetId: id,
          summary: { code: dept.code, name: dept.name },
          departmentId: id,
        });
        return id;
      },
      this.logger,
    );
  }
}
