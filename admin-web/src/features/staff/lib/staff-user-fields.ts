import type { Can } from '../../../shared/lib/permissions';

/**
 * The `@include` variables of StaffUserFields: the e-mail is personal, and the department and
 * roles are other features' objects, which the server answers with FORBIDDEN unless the viewer
 * may read that feature.
 */
export function staffUserFieldsVariables(can: Can): { withPersonal: boolean; withDepartment: boolean; withRoles: boolean } {
  return { withPersonal: can('staff.read_personal'), withDepartment: can('departments.read'), withRoles: can('roles.read') };
}
