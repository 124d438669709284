import type { DepartmentsTranslation } from './ja';

/** English. Typed against the Japanese texts, so a missing or extra key fails the build. */
export const en: DepartmentsTranslation = {
  nav: {
    label: 'Departments',
    description: 'Manage departments and sections.',
  },
  title: 'Departments',
  description: 'Manage departments and sections. Data visibility is separated by department.',
  add: 'Add department',
  empty: 'No departments yet. Add one with "Add department".',
  columns: {
    code: 'Code',
    name: 'Name',
    staffCount: 'Staff',
    updatedAt: 'Updated',
  },
  fields: {
    code: 'Department code',
    codeHint: 'A unique value such as the internal organisation code.',
    name: 'Department name',
  },
  createTitle: 'Add department',
  editTitle: 'Edit department: {{name}}',
  editOf: 'Edit {{name}}',
  deleteOf: 'Delete {{name}}',
  deleteConfirm: 'Delete the department "{{name}}"?',
  deleteHint: 'A department that still has staff, API keys or roles cannot be deleted.',
  scopeNote:
    'Staff counts are shown for your own department only ("—" for the others). System administrators add and delete departments and change the others.',
  lockedAllDepartmentsOnly: 'Only system administrators can add or delete departments.',
  lockedOtherDepartment: 'You cannot change the settings of another department.',
};
