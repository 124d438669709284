import { skipToken, useQuery } from '@apollo/client/react';
import { useCan } from '../../../app/auth/viewer-context';
import { DepartmentsDocument, RolesDocument } from '../../../gql/graphql';
import { MAX_PAGE_SIZE, nodesOf } from '../../../shared/lib/connection';

export interface Option {
  value: string;
  label: string;
}

/** Department and role choices for the staff forms; skipped when the viewer may not list them. */
export function useStaffOptions() {
  const can = useCan();
  const canReadDepartments = can('departments.read');
  const canReadRoles = can('roles.read');
  const departments = useQuery(DepartmentsDocument, canReadDepartments ? { variables: { first: MAX_PAGE_SIZE } } : skipToken);
  const roles = useQuery(RolesDocument, canReadRoles ? { variables: { first: MAX_PAGE_SIZE } } : skipToken);
  return {
    canReadDepartments,
    canReadRoles,
    departmentOptions: nodesOf(departments.data?.departments).map<Option>((d) => ({ value: d.id, label: d.name })),
    roleOptions: nodesOf(roles.data?.roles).map<Option>((r) => ({ value: r.id, label: r.name })),
    loading: departments.loading || roles.loading,
    error: departments.error ?? roles.error,
  };
}

/** Adds the record's current choices, so a select never shows a bare id. */
export function withCurrent(options: Option[], current: ReadonlyArray<{ id: string; name: string }>): Option[] {
  const known = new Set(options.map((o) => o.value));
  return [...options, ...current.filter((c) => !known.has(c.id)).map((c) => ({ value: c.id, label: c.name }))];
}
