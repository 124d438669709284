import { permissionGroup } from '../../platform/auth/permissions.js';

export const publicCommentPermissions = permissionGroup('パブリックコメント', {
  'public_comment.read': 'パブリックコメントの案件・寄せられた意見・意見の区分の閲覧と、意見のCSV出力',
  'public_comment.manage': '案件の作成・変更・公示・削除、資料の登録、意見の区分分けと「意見の概要と市の考え方」の公表',
});

declare module '../../platform/auth/permissions.js' {
  // Declaration merging: this module's keys join the catalogue's type.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionKeys extends Record<keyof typeof publicCommentPermissions.entries, true> {}
}
