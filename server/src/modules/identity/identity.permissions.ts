import { permissionGroup } from '../../platform/auth/permissions.js';

/** The identity feature's permissions. */
export const staffPermissions = permissionGroup('職員アカウント', {
  'staff.read': '職員アカウントの閲覧',
  'staff.write': '職員アカウントの作成・編集',
  'staff.read_personal': '職員の個人情報（メールアドレス）の閲覧',
});
export const departmentPermissions = permissionGroup('部署', {
  'departments.read': '部署の閲覧',
  'departments.write': '部署の作成・編集・削除',
});
export const rolePermissions = permissionGroup('ロールと権限', {
  'roles.read': 'ロールの閲覧',
  'roles.write': 'ロールの作成・編集・削除',
});
export const apiKeyPermissions = permissionGroup('APIキー', {
  'apikeys.read': 'APIキーの閲覧',
  'apikeys.write': 'APIキーの発行・失効',
});
export const ipAllowlistPermissions = permissionGroup('IPアドレス制限', {
  'ipallowlist.read': '許可IPアドレスの閲覧',
  'ipallowlist.write': '許可IPアドレスの追加・削除',
});

type Keys<G> = G extends { entries: Record<infer K, string> } ? K : never;

declare module '../../platform/auth/permissions.js' {
  // Declaration merging: this module's keys join the catalogue's type.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionKeys extends Record<
    Keys<
      | typeof staffPermissions
      | typeof departmentPermissions
      | typeof rolePermissions
      | typeof apiKeyPermissions
      | typeof ipAllowlistPermissions
    >,
    true
  > {}
}
