import { hasPermission, type Actor } from '../../platform/context/actor.js';
import { forbidden } from '../../platform/errors/app-error.js';
import type { Role } from './role.entity.js';
import type { StaffUser } from './staff-user.entity.js';

/**
 * Who may act on accounts, roles and keys (the escalation rule): only on what holds no more than
 * they do themselves, and on a system administrator's account only as a system administrator.
 * Otherwise a department manager could take over a more powerful account by resetting its
 * password or TOTP, changing its e-mail, or editing a role it holds.
 */

/** What an account, role or key can do: everything, or these permissions. */
export interface Powers {
  readonly all: boolean;
  readonly permissions: ReadonlySet<string>;
}

export function isSystemAdministrator(actor: Actor): boolean {
  return actor.kind === 'system' || (actor.kind === 'staff' && actor.isSystemAdmin);
}

export function powersOfRoles(roles: readonly Pick<Role, 'isSystemAdmin' | 'permissions'>[]): Powers {
  return { all: roles.some((r) => r.isSystemAdmin), permissions: new Set(roles.flatMap((r) => r.permissions)) };
}

/** The permissions in `target` that the actor does not hold (empty when the actor may act). */
export function exceeding(actor: Actor, target: Powers): string[] {
  if (isSystemAdministrator(actor)) return [];
  if (target.all) return ['*'];
  return [...target.permissions].filter((p) => !hasPermission(actor, p)).sort();
}

/** Before changing another staff member's account (roles, e-mail, password, TOTP, lock, status). */
export function requireMayActOnStaff(actor: Actor, target: StaffUser): void {
  if (actor.kind === 'staff' && actor.staffId === target.id) return;
  const powers = powersOfRoles(target.roles.getItems());
  if (powers.all && !isSystemAdministrator(actor)) {
    throw forbidden('システム管理者のアカウントは、システム管理者だけが変更できます。', 'TARGET_IS_SYSTEM_ADMIN');
  }
  if (exceeding(actor, powers).length) {
    throw forbidden('ご自身が持っていない権限を持つ職員のアカウントは変更できません。', 'TARGET_EXCEEDS_ACTOR');
  }
}

/**
 * Before editing or deleting a role: a shared role belongs to the system administrators; a
 * department's role may be changed by that department's managers if it, and every account
 * holding it, holds no more than they do (editing a role acts on all of its members).
 */
export function requireMayActOnRole(actor: Actor, role: Role, members: Powers): void {
  if (!role.department && !isSystemAdministrator(actor)) {
    throw forbidden('全部署共通のロールは、システム管理者だけが変更できます。', 'SHARED_ROLE');
  }
  if (exceeding(actor, powersOfRoles([role])).length) {
    throw forbidden('ご自身が持っていない権限を含むロールは変更できません。', 'ROLE_EXCEEDS_ACTOR');
  }
  if (members.all && !isSystemAdministrator(actor)) {
    throw forbidden('システム管理者が持つロールは、システム管理者だけが変更できます。', 'TARGET_IS_SYSTEM_ADMIN');
  }
  if (exceeding(actor, members).length) {
    throw forbidden('ご自身が持っていない権限を持つ職員に付与されているロールは変更できません。', 'TARGET_EXCEEDS_ACTOR');
  }
}

/** Before revoking an API key: it may hold no more than the actor. */
export function requireMayActOnApiKey(actor: Actor, key: { permissions: readonly string[] }): void {
  if (exceeding(actor, { all: false, permissions: new Set(key.permissions) }).length) {
    throw forbidden('ご自身が持っていない権限を持つAPIキーは操作できません。', 'TARGET_EXCEEDS_ACTOR');
  }
}
