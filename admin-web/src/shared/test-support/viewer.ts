import type { ViewerFieldsFragment } from '../../gql/graphql';

/** The signed-in staff member of a page test: 山田 太郎 of `department`, holding `permissions`. */
export function staffViewer(permissions: string[], department = '子育て支援課'): ViewerFieldsFragment {
  return {
    permissions,
    isSystemAdmin: false,
    totpEnrolmentRequired: false,
    mustChangePassword: false,
    ip: '127.0.0.1',
    staff: {
      id: 'staff-1',
      loginId: 'yamada',
      displayName: '山田 太郎',
      totpEnabled: true,
      department: { id: 'dep-1', name: department },
    },
  };
}
