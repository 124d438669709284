/**
 * The permission catalogue: every permission is `<feature>.<action>`. Later features add their
 * own entries with registerPermissions; roles may only hold keys that are in the catalogue.
 */
export interface PermissionDefinition {
  key: string;
  label: string;
  featureLabel: string;
}

const catalogue = new Map<string, PermissionDefinition>();

export function registerPermissions(featureLabel: string, entries: Record<string, string>): void {
  for (const [key, label] of Object.entries(entries)) {
    if (!/^[a-z][a-z_]*\.[a-z][a-z_]*$/.test(key)) throw new Error(`permission key ${key} is not <feature>.<action>`);
    catalogue.set(key, { key, label, featureLabel });
  }
}

export function permissionCatalogue(): PermissionDefinition[] {
  return [...catalogue.values()];
}

export function isKnownPermission(key: string): boolean {
  return catalogue.has(key);
}

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
registerPermissions('操作ログ', {
  'audit.read': '操作ログの閲覧',
  'audit.export': '操作ログのCSV出力',
  'audit.settings': '操作ログの保存期間の設定',
});
