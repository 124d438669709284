import { describe, expect, it } from 'vitest';
import { hasPermission } from '../../../shared/lib/permissions';
import type { PermissionRequirement } from '../../../shared/lib/permissions';
import { staffUserFieldsVariables } from './staff-user-fields';

const holding =
  (...granted: string[]) =>
  (required: PermissionRequirement) =>
    hasPermission(granted, required);

describe('staffUserFieldsVariables', () => {
  it('asks for the department and roles only with their features’ read permissions', () => {
    expect(staffUserFieldsVariables(holding('staff.read'))).toEqual({ withPersonal: false, withDepartment: false, withRoles: false });
    expect(staffUserFieldsVariables(holding('staff.read', 'departments.read'))).toEqual({
      withPersonal: false,
      withDepartment: true,
      withRoles: false,
    });
    expect(staffUserFieldsVariables(holding('staff.read_personal', 'roles.read'))).toEqual({
      withPersonal: true,
      withDepartment: false,
      withRoles: true,
    });
  });
});
