/** Japanese texts of the IP allowlist (`t('ipAllowlist.…')`), the source: `en.ts` is typed against them. */
export const ja = {
  nav: {
    label: 'IPアドレス制限',
    description: '管理コンソールに接続できるIPアドレスを制限します。',
  },
  title: 'IPアドレス制限',
  description: '管理コンソールとAPIに接続できる接続元IPアドレスを制限します。',
  currentIp: '現在の接続元IPアドレス',
  emptyWarning: '許可リストが空のため、IPアドレスによる制限は行われていません（すべての接続元から利用できます）。',
  notCoveredWarning: '現在の接続元IPアドレス（{{ip}}）は許可リストに含まれていません。設定によっては、この端末から利用できなくなります。',
  add: '追加',
  addTitle: '接続元を追加',
  useCurrentIp: '現在のIPアドレスを入力',
  empty: '許可リストは空です。制限する場合は、庁内ネットワークのIPアドレス範囲を追加してください。',
  columns: {
    cidr: 'IPアドレス範囲（CIDR）',
    description: '説明',
    createdAt: '登録日時',
  },
  fields: {
    cidr: 'IPアドレス範囲（CIDR）',
    cidrHint: '例：203.0.113.0/24、2001:db8::/32。単一のアドレスも指定できます。',
    description: '説明',
    descriptionPlaceholder: '例：本庁舎ネットワーク',
  },
  validation: {
    cidr: 'IPアドレス範囲の形式が正しくありません（例：203.0.113.0/24）。',
  },
  lockoutConfirmTitle: '現在の接続元が含まれていません',
  lockoutConfirm:
    '追加する範囲に現在の接続元IPアドレス（{{ip}}）が含まれていません。追加すると、この端末から管理コンソールを利用できなくなる可能性があります。追加しますか？',
  lockoutConfirmOk: '追加する',
  removeOf: '{{cidr}}を削除',
  removeConfirm: '{{cidr}} を許可リストから削除しますか？',
  removeLastWarning: '最後の1件を削除すると、IPアドレスによる制限がなくなります。',
};

export type IpAllowlistTranslation = typeof ja;
