import type { Can } from '../../../shared/lib/permissions';

/** The `@include` variables of RoleFields: the owning department needs departments.read. */
export function roleFieldsVariables(can: Can): { withDepartment: boolean } {
  return { withDepartment: can('departments.read') };
}

/**
 * What the console knows of a role's owner: shared by every department, or one department
 * (`department` absent when the viewer may not read departments).
 */
export interface OwnedRole {
  id: string;
  isShared: boolean;
  department?: { id: string } | null;
}

/**
 * Whether a role may be given to the staff of a department: a shared role to anyone, a
 * department's role only to its own staff. A department role whose department the viewer may not
 * read counts as fitting: staff limited to their department are listed only the shared roles and
 * their own department's, and the server has the last word.
 */
export function roleFitsDepartment(role: OwnedRole, departmentId: string | null | undefined): boolean {
  if (role.isShared || role.department === undefined) return true;
  return role.department !== null && role.department.id === departmentId;
}

/** The roles a staff member of the department may be given, in the given order. */
export function rolesForDepartment<R extends OwnedRole>(roles: readonly R[], departmentId: string | null | undefined): R[] {
  return roles.filter((role) => roleFitsDepartment(role, departmentId));
}

/**
 * Splits the selected role ids after the department changed: those that still fit, and those that
 * no longer do. Ids of roles not in the list are kept: nothing is known of them here.
 */
export function splitRoleIdsByFit(
  selected: readonly string[],
  roles: readonly OwnedRole[],
  departmentId: string | null | undefined,
): { kept: string[]; dropped: string[] } {
  const byId = new Map(roles.map((role) => [role.id, role]));
  const kept: string[] = [];
  const dropped: string[] = [];
  for (const id of selected) {
    const role = byId.get(id);
    if (!role || roleFitsDepartment(role, departmentId)) kept.push(id);
    else dropped.push(id);
  }
  return { kept, dropped };
}

/**
 * Why the viewer may not edit or delete a role, known before asking the server: the system
 * administrator role is fixed, and shared roles are changed only by system administrators (the
 * server answers FORBIDDEN SHARED_ROLE). null: the server decides.
 */
export type RoleLock = 'systemAdminRole' | 'sharedRole' | null;

export function roleLock(role: { isSystemAdmin: boolean; isShared: boolean }, viewerIsSystemAdmin: boolean): RoleLock {
  if (role.isSystemAdmin) return 'systemAdminRole';
  if (role.isShared && !viewerIsSystemAdmin) return 'sharedRole';
  return null;
}

/** The owner picked in the role form: every department, or a department's id. */
export const SHARED_OWNER = 'shared';

/** CreateRoleInput.departmentId for the owner picked in the form (omitted: shared, or the caller's own). */
export function ownerDepartmentId(owner: string | undefined): string | undefined {
  return owner === undefined || owner === SHARED_OWNER ? undefined : owner;
}
