import { skipToken, useQuery } from '@apollo/client/react';
import { useCan, useViewer } from '../../../app/auth/viewer-context';
import { DepartmentsDocument, RolesDocument } from '../../../gql/graphql';
import { MAX_PAGE_SIZE, nodesOf } from '../../../shared/lib/connection';
import { roleFieldsVariables } from '../../roles/lib/role-owner';

export interface Option {
  value: string;
  label: string;
}

/** Department and role choices for the staff forms; skipped when the viewer may not list them. */
export function useStaffOptions() {
  const can = useCan();
  const viewer = useViewer();
  const canReadDepartments = can('departments.read');
  const canReadRoles = can('roles.read');
  const departments = useQuery(DepartmentsDocument, canReadDepartments ? { variables: { first: MAX_PAGE_SIZE } } : skipToken);
  const roles = useQuery(RolesDocument, canReadRoles ? { variables: { first: MAX_PAGE_SIZE, ...roleFieldsVariables(can) } } : skipToken);
  const departmentOptions = nodesOf(departments.data?.departments).map<Option>((d) => ({ value: d.id, label: d.name }));
  const own = viewer.staff.department;
  return {
    canReadDepartments,
    canReadRoles,
    /** Every listed department, for filtering. */
    departmentOptions,
    /** Only the viewer's own department can take staff (the server refuses others), unless they are a system administrator. */
    onlyOwnDepartment: !viewer.isSystemAdmin,
    ownDepartment: own,
    /** The departments the viewer may put staff in. */
    assignableDepartmentOptions: viewer.isSystemAdmin ? departmentOptions : [{ value: own.id, label: own.name }],
    /** The listed roles with their owners, to offer those that fit a department. */
    roles: nodesOf(roles.data?.roles),
    loading: departments.loading || roles.loading,
    error: departments.error ?? roles.error,
  };
}

/** Adds the record's current choices, so a select never shows a bare id. */
export function withCurrent(options: Option[], current: ReadonlyArray<{ id: string; name: string }>): Option[] {
  const known = new Set(options.map((o) => o.value));
  return [...options, ...current.filter((c) => !known.has(c.id)).map((c) => ({ value: c.id, label: c.name }))];
}
