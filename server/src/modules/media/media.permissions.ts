import { permissionGroup } from '../../platform/auth/permissions.js';

export const mediaPermissions = permissionGroup('メディア', {
  'media.read': 'アップロードされたファイルの閲覧（閲覧できる記録に添付されたもの）',
  'media.upload': 'ファイル・画像のアップロード',
});

declare module '../../platform/auth/permissions.js' {
  // Declaration merging: this module's keys join the catalogue's type.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionKeys extends Record<keyof typeof mediaPermissions.entries, true> {}
}
