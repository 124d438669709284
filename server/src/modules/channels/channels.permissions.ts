import { registerPermissions } from '../../platform/auth/permissions.js';

registerPermissions('LINEチャネル', {
  'channels.read': 'LINEチャネル設定の閲覧',
  'channels.write': 'LINEチャネルの登録・編集・接続確認',
});
