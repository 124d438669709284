import { permissionGroup } from '../../platform/auth/permissions.js';

export const formPermissions = permissionGroup('フォーム', {
  'forms.read': 'フォーム（アンケート・申請・登録・パブリックコメント）の一覧と設定の閲覧',
  'forms.manage': 'フォームの作成・編集・公開・締切・複製・削除',
  'forms.submissions.read': '回答・申請の一覧、集計、CSV・Excel出力',
  'forms.submissions.write': '申請の状態変更、職員記入欄の入力、申請者へのお知らせ',
  'forms.personal.read': '回答のうち個人情報の項目（氏名・住所・電話番号など）の閲覧と出力',
});

declare module '../../platform/auth/permissions.js' {
  // Declaration merging: this module's keys join the catalogue's type.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionKeys extends Record<keyof typeof formPermissions.entries, true> {}
}
