import { permissionGroup } from '../../platform/auth/permissions.js';

export const attributePermissions = permissionGroup('住民属性', {
  'attributes.manage': '属性（項目と選択肢）の作成・変更・並べ替え・廃止',
  'attributes.read': '属性の一覧と住民ごとの属性値・変更履歴の閲覧',
  'attributes.write': '住民の属性値の変更（管理画面から）',
});

declare module '../../platform/auth/permissions.js' {
  // Declaration merging: this module's keys join the catalogue's type.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionKeys extends Record<keyof typeof attributePermissions.entries, true> {}
}
