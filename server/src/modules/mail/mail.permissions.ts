import { permissionGroup } from '../../platform/auth/permissions.js';

export const mailPermissions = permissionGroup('送信メール', {
  'mail.read': '送信メール（送信済み・送信待ち・失敗）の閲覧',
  'mail.send': 'テストメールの送信と失敗したメールの再送',
});

declare module '../../platform/auth/permissions.js' {
  // Declaration merging: this module's keys join the catalogue's type.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionKeys extends Record<keyof typeof mailPermissions.entries, true> {}
}
