/** Japanese texts of the home page (`t('home.…')`), the source: `en.ts` is typed against them. */
export const ja = {
  nav: {
    label: 'ホーム',
  },
  welcome: 'ようこそ、{{name}}さん',
  description: '利用できる機能の一覧です。左のメニューからも移動できます。',
  shortcuts: 'よく使う機能',
  noShortcuts: '利用できる管理機能がまだありません。必要な権限についてはシステム管理者に相談してください。',
  totpNotice: '二要素認証が設定されていません。アカウントの安全のため、設定をおすすめします。',
  totpNoticeAction: '設定する',
};

export type HomeTranslation = typeof ja;
