import { registerPermissions } from '../../platform/auth/permissions.js';

/** The operation log's permissions. */
registerPermissions('操作ログ', {
  'audit.read': '操作ログの閲覧',
  'audit.export': '操作ログのCSV出力',
  'audit.settings': '操作ログの保存期間の設定',
});
