import { permissionGroup } from '../../platform/auth/permissions.js';

export const segmentPermissions = permissionGroup('セグメント', {
  'segments.read': 'セグメント（配信対象の条件）の一覧・条件・対象人数の閲覧',
  'segments.manage': 'セグメントの作成・変更・複製・削除',
});

declare module '../../platform/auth/permissions.js' {
  // Declaration merging: this module's keys join the catalogue's type.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionKeys extends Record<keyof typeof segmentPermissions.entries, true> {}
}
