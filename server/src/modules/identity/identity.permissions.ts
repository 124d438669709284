import { registerPermissions } from '../../platform/auth/permissions.js';

/** The identity feature's permissions. */
registerPermissions('職員アカウント', {
  'staff.read': '職員アカウントの閲覧',
  'staff.write': '職員アカウントの作成・編集',
  'staff.read_personal': '職員の個人情報（メールアドレス）の閲覧',
});
registerPermissions('部署', {
  'departments.read': '部署の閲覧',
  'departments.write': '部署の作成・編集・削除',
});
registerPermissions('ロールと権限', {
  'roles.read': 'ロールの閲覧',
  'roles.write': 'ロールの作成・編集・削除',
});
registerPermissions('APIキー', {
  'apikeys.read': 'APIキーの閲覧',
  'apikeys.write': 'APIキーの発行・失効',
});
registerPermissions('IPアドレス制限', {
  'ipallowlist.read': '許可IPアドレスの閲覧',
  'ipallowlist.write': '許可IPアドレスの追加・削除',
});
