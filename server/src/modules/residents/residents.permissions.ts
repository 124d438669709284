import { registerPermissions } from '../../platform/auth/permissions.js';

registerPermissions('住民（LINE友だち）', {
  'residents.read': '住民一覧・タイムラインの閲覧',
  'residents.read_personal': '住民の表示名・プロフィール画像の閲覧',
  'residents.write': '住民のタグ・テスト配信先の設定',
  'talklog.read': 'トークログの閲覧',
  'talklog.export': 'トークログのCSV出力',
});
