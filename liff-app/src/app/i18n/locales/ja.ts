import { formsJa } from '../../../features/forms/i18n/ja';
import { linksJa } from '../../../features/links/i18n/ja';
import { publicCommentJa } from '../../../features/public-comment/i18n/ja';
import { settingsJa } from '../../../features/settings/i18n/ja';
// Japanese is the source language: every other locale must have exactly these keys.
export const ja = {
  app: {
    serviceName: 'くらしのLINEサービス',
    serviceNameShort: 'くらしのLINE',
    documentTitle: '{{page}}｜くらしのLINEサービス',
  },
  language: {
    label: '表示言語',
    ja: '日本語',
    en: 'English',
  },
  footer: {
    privacyTitle: '個人情報の取り扱い',
    privacyNote:
      'この画面で入力された情報は、市の個人情報保護の規定に従って適切に管理し、手続き以外の目的には使いません。LINEのトーク画面には、氏名・住所・電話番号などの個人情報を送らないでください。',
  },
  session: {
    loading: {
      title: '読み込み中',
      config: '設定を読み込んでいます…',
      init: 'LINEと接続しています…',
      session: 'ログイン状態を確認しています…',
      signIn: 'ログインしています…',
    },
    signedOut: {
      title: 'LINEでログインしてください',
      description:
        'このサービスを利用するには、LINEアカウントでのログインが必要です。ログインすると、LINEの表示名とプロフィール画像が市のサービスに提供されます。',
      loginButton: 'LINEでログイン',
    },
    preview: {
      title: 'ブラウザプレビュー',
      description: 'LINEアカウントと連携していない確認用の表示です。表示内容はサンプルで、申し込みなどの操作は完了しません。',
    },
    error: {
      title: 'ページを表示できませんでした',
      retry: 'もう一度試す',
      relogin: 'もう一度ログインする',
      serverMessage: 'サーバーからのメッセージ：{{message}}',
      network: 'サーバーに接続できませんでした。電波の良い場所で、通信状況を確認してからもう一度お試しください。',
      configUnavailable: 'アプリの設定を読み込めませんでした。時間をおいてから、もう一度お試しください。',
      configMissingLiffId:
        'このページはまだ利用できません（LINEアプリの設定が完了していません）。お手数ですが、市の担当窓口へお問い合わせください。',
      liffInitFailed: 'LINEとの接続を開始できませんでした。LINEアプリを最新版に更新するか、時間をおいてからもう一度お試しください。',
      noIdToken: 'LINEのログイン情報を取得できませんでした。もう一度ログインしてください。',
      tokenRejected: 'ログインの有効期限が切れたか、確認できませんでした。もう一度お試しください。',
      rateLimited: 'アクセスが集中しています。しばらく待ってから、もう一度お試しください。',
      server: 'サーバーでエラーが発生しました。時間をおいてから、もう一度お試しください。',
    },
    signOut: {
      button: 'ログアウト',
      failed: 'ログアウトできませんでした。通信状況を確認して、もう一度お試しください。',
    },
  },
  home: {
    title: 'ホーム',
    greeting: '{{name}}さん、こんにちは',
    greetingAnonymous: 'こんにちは',
    lead: '利用したいサービスを選んでください。',
    actionsHeading: 'できること',
  },
  profile: {
    title: 'プロフィール',
    cardDescription: 'LINEの表示名・プロフィール画像と表示言語を確認できます。',
    displayName: '表示名',
    displayNameMissing: '（未設定）',
    language: '言語',
    languageName: {
      ja: '日本語',
      en: '英語',
      other: 'その他（{{code}}）',
    },
    pictureAlt: '{{name}}さんのプロフィール画像',
    source: '表示名とプロフィール画像は、LINEに登録されている内容です。変更はLINEアプリで行ってください。',
    backToHome: 'ホームに戻る',
  },
  forms: formsJa,
  links: linksJa,
  publicComment: publicCommentJa,
  settings: settingsJa,
  notFound: {
    title: 'ページが見つかりません',
    description: 'お探しのページは移動または削除された可能性があります。',
    backToHome: 'ホームに戻る',
  },
} as const;

// Widen the literal strings so that other locales are checked for their keys only.
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof ja>;
