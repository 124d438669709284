import { describe, expect, it } from 'vitest';
import { hasPermission } from '../../../shared/lib/permissions';
import {
  SHARED_OWNER,
  ownerDepartmentId,
  roleFieldsVariables,
  roleFitsDepartment,
  roleLock,
  rolesForDepartment,
  splitRoleIdsByFit,
} from './role-owner';

const shared = { id: 'r-shared', isShared: true, department: null };
const welfare = { id: 'r-welfare', isShared: false, department: { id: 'd-welfare' } };
const citizens = { id: 'r-citizens', isShared: false, department: { id: 'd-citizens' } };
/** A department role listed to a viewer without departments.read. */
const ownerHidden = { id: 'r-hidden', isShared: false };

describe('roleFieldsVariables', () => {
  it('asks for the owning department only with departments.read', () => {
    expect(roleFieldsVariables((p) => hasPermission(['roles.read'], p))).toEqual({ withDepartment: false });
    expect(roleFieldsVariables((p) => hasPermission(['roles.read', 'departments.read'], p))).toEqual({ withDepartment: true });
  });
});

describe('roleFitsDepartment', () => {
  it('gives shared roles to any department and a department’s roles only to its own staff', () => {
    expect(roleFitsDepartment(shared, 'd-welfare')).toBe(true);
    expect(roleFitsDepartment(welfare, 'd-welfare')).toBe(true);
    expect(roleFitsDepartment(citizens, 'd-welfare')).toBe(false);
  });

  it('offers only shared roles before a department is chosen', () => {
    expect(roleFitsDepartment(shared, undefined)).toBe(true);
    expect(roleFitsDepartment(welfare, undefined)).toBe(false);
  });

  it('leaves a role whose department the viewer may not read to the server', () => {
    expect(roleFitsDepartment(ownerHidden, 'd-welfare')).toBe(true);
  });
});

describe('rolesForDepartment', () => {
  it('keeps the list order', () => {
    expect(rolesForDepartment([citizens, shared, welfare], 'd-citizens').map((r) => r.id)).toEqual(['r-citizens', 'r-shared']);
  });
});

describe('splitRoleIdsByFit', () => {
  it('drops the selected roles of the department left behind', () => {
    expect(splitRoleIdsByFit(['r-welfare', 'r-shared'], [shared, welfare, citizens], 'd-citizens')).toEqual({
      kept: ['r-shared'],
      dropped: ['r-welfare'],
    });
  });

  it('keeps ids it knows nothing about', () => {
    expect(splitRoleIdsByFit(['r-unknown'], [shared], 'd-citizens')).toEqual({ kept: ['r-unknown'], dropped: [] });
  });
});

describe('roleLock', () => {
  it('locks the system administrator role for everyone', () => {
    expect(roleLock({ isSystemAdmin: true, isShared: true }, true)).toBe('systemAdminRole');
  });

  it('locks shared roles for everyone but system administrators', () => {
    expect(roleLock({ isSystemAdmin: false, isShared: true }, false)).toBe('sharedRole');
    expect(roleLock({ isSystemAdmin: false, isShared: true }, true)).toBeNull();
    expect(roleLock({ isSystemAdmin: false, isShared: false }, false)).toBeNull();
  });
});

describe('ownerDepartmentId', () => {
  it('omits the department for a shared role', () => {
    expect(ownerDepartmentId(SHARED_OWNER)).toBeUndefined();
    expect(ownerDepartmentId(undefined)).toBeUndefined();
    expect(ownerDepartmentId('d-welfare')).toBe('d-welfare');
  });
});
