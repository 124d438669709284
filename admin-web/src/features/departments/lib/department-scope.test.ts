import { describe, expect, it } from 'vitest';
import { departmentLock, formatStaffCount } from './department-scope';

const admin = { isSystemAdmin: true, staff: { department: { id: 'd-it' } } };
const manager = { isSystemAdmin: false, staff: { department: { id: 'd-welfare' } } };

describe('departmentLock', () => {
  it('lets system administrators do everything', () => {
    expect(departmentLock(admin, 'create')).toBeNull();
    expect(departmentLock(admin, 'delete', 'd-welfare')).toBeNull();
    expect(departmentLock(admin, 'edit', 'd-welfare')).toBeNull();
  });

  it('keeps other staff to editing their own department', () => {
    expect(departmentLock(manager, 'create')).toBe('allDepartmentsOnly');
    expect(departmentLock(manager, 'delete', 'd-welfare')).toBe('allDepartmentsOnly');
    expect(departmentLock(manager, 'edit', 'd-welfare')).toBeNull();
    expect(departmentLock(manager, 'edit', 'd-it')).toBe('otherDepartment');
  });
});

describe('formatStaffCount', () => {
  it('shows a dash for a department outside the viewer’s scope', () => {
    expect(formatStaffCount(null)).toBe('—');
    expect(formatStaffCount(0)).toBe('0');
    expect(formatStaffCount(12)).toBe('12');
  });
});
