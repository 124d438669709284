import { permissionGroup } from '../../platform/auth/permissions.js';

export const residentPermissions = permissionGroup('住民（LINE友だち）', {
  'residents.read': '住民一覧・タイムラインの閲覧',
  'residents.read_personal': '住民の表示名・プロフィール画像の閲覧',
  'residents.write': '住民のタグ・テスト配信先の設定',
  'talklog.read': 'トークログの閲覧',
  'talklog.export': 'トークログのCSV出力',
});

declare module '../../platform/auth/permissions.js' {
  // Declaration merging: this module's keys join the catalogue's type.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionKeys extends Record<keyof typeof residentPermissions.entries, true> {}
}
