import { permissionGroup } from '../../platform/auth/permissions.js';

/** The operation log's permissions. */
export const auditPermissions = permissionGroup('操作ログ', {
  'audit.read': '操作ログの閲覧',
  'audit.export': '操作ログのCSV出力',
  'audit.settings': '操作ログの保存期間の設定',
});

declare module '../../platform/auth/permissions.js' {
  // Declaration merging: this module's keys join the catalogue's type.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionKeys extends Record<keyof typeof auditPermissions.entries, true> {}
}
