import { permissionGroup } from '../../platform/auth/permissions.js';

export const deliveryPermissions = permissionGroup('セグメント配信', {
  'deliveries.read': '配信の一覧・内容・送信状況・効果（開封・クリック）の閲覧',
  'deliveries.manage': '配信の作成・変更・複製・削除、テスト配信、承認の依頼',
  'deliveries.send': '配信の送信・予約と、送信中の一時停止・再開・中止（これがない役割は承認を依頼します）',
  'deliveries.approve': 'ほかの職員が依頼した配信の承認',
});

declare module '../../platform/auth/permissions.js' {
  // Declaration merging: this module's keys join the catalogue's type.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionKeys extends Record<keyof typeof deliveryPermissions.entries, true> {}
}
