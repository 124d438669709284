import { permissionGroup } from '../../platform/auth/permissions.js';

export const mailListPermissions = permissionGroup('メール配信リスト', {
  'mail_lists.read': 'メール配信リスト（LINEを使わない方へのメール配信）と登録者数・登録者の一覧の閲覧（メールアドレスは伏せ字）',
  'mail_lists.manage': 'メール配信リストの作成・変更・削除、登録者の取り込み（CSV）と削除',
  'mail_lists.read_personal': 'メール配信リストの登録者のメールアドレスの閲覧',
});

declare module '../../platform/auth/permissions.js' {
  // Declaration merging: this module's keys join the catalogue's type.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionKeys extends Record<keyof typeof mailListPermissions.entries, true> {}
}
