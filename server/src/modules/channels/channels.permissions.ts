import { permissionGroup } from '../../platform/auth/permissions.js';

export const channelPermissions = permissionGroup('LINEチャネル', {
  'channels.read': 'LINEチャネル設定の閲覧',
  'channels.write': 'LINEチャネルの登録・編集・接続確認',
});

declare module '../../platform/auth/permissions.js' {
  // Declaration merging: this module's keys join the catalogue's type.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionKeys extends Record<keyof typeof channelPermissions.entries, true> {}
}
