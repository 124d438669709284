/** The parts of the viewer that decide which departments they act on. */
export interface ScopedViewer {
  isSystemAdmin: boolean;
  staff: { department: { id: string } };
}

/**
 * Why the viewer may not do something to a department, known before asking the server (which
 * answers FORBIDDEN OUTSIDE_DEPARTMENT): staff other than system administrators act on their own
 * department only, so they neither create nor delete departments, and edit only their own.
 */
export type DepartmentLock = 'allDepartmentsOnly' | 'otherDepartment' | null;

export function departmentLock(viewer: ScopedViewer, action: 'create' | 'edit' | 'delete', departmentId?: string): DepartmentLock {
  if (viewer.isSystemAdmin) return null;
  if (action !== 'edit') return 'allDepartmentsOnly';
  return departmentId === viewer.staff.department.id ? null : 'otherDepartment';
}

/** Staff counts are known only for the viewer's own departments (null otherwise). */
export function formatStaffCount(count: number | null | undefined): string {
  return count === null || count === undefined ? '—' : String(count);
}
