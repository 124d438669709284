import type { ApiErrorCode, KnownReason } from '../lib/graphql-errors';

/**
 * Japanese texts shared by the whole console (`t('common.…')`, `t('errors.…')`), the source:
 * `en.ts` is typed against them. Each feature keeps its own texts in `features/<feature>/i18n/`.
 */
export const ja = {
  app: {
    name: 'まちLINE 管理コンソール',
    shortName: 'まちLINE',
    skipToContent: 'メインコンテンツへ移動',
    mainNavigation: 'メインメニュー',
    language: '表示言語',
    languages: { ja: '日本語', en: 'English' },
    logout: 'ログアウト',
    account: 'アカウント設定',
    signedInAs: '{{name}}（{{department}}）',
    loading: '読み込み中…',
  },
  common: {
    save: '保存',
    create: '登録',
    cancel: 'キャンセル',
    close: '閉じる',
    edit: '編集',
    delete: '削除',
    retry: '再試行',
    search: '検索',
    clear: 'クリア',
    yes: 'はい',
    no: 'いいえ',
    back: '戻る',
    copy: 'コピー',
    copied: 'コピーしました。',
    copyFailed: 'コピーできませんでした。手動で選択してコピーしてください。',
    saved: '保存しました。',
    created: '登録しました。',
    deleted: '削除しました。',
    actions: '操作',
    none: 'なし',
    notSet: '未設定',
    never: '未使用',
    loadMore: 'さらに読み込む',
    shownOfTotal: '{{total}} 件中 {{shown}} 件を表示',
    total: '全 {{total}} 件',
    prevPage: '前のページ',
    nextPage: '次のページ',
    pageRange: '{{total}} 件中 {{from}}–{{to}} 件目',
    required: '{{field}}を入力してください。',
    requiredSelect: '{{field}}を選択してください。',
  },
  errors: {
    titles: {
      UNAUTHENTICATED: 'ログインが必要です',
      FORBIDDEN: '操作が許可されていません',
      NOT_FOUND: '見つかりません',
      BAD_USER_INPUT: '入力内容を確認してください',
      CONFLICT: '処理できませんでした',
      RATE_LIMITED: 'しばらく待ってから再度お試しください',
      PRECONDITION_FAILED: '処理できませんでした',
      INTERNAL_SERVER_ERROR: 'サーバーでエラーが発生しました',
      NETWORK: 'サーバーに接続できません',
      UNKNOWN: 'エラーが発生しました',
    },
    network: 'サーバーに接続できませんでした。ネットワークの状態を確認して、もう一度お試しください。',
    unknown: '予期しないエラーが発生しました。時間をおいて再度お試しください。',
    /**
     * The console's sentence for each error code, shown when the server's message is not in the
     * console's language (the server writes Japanese) and no reason below says more.
     */
    messages: {
      UNAUTHENTICATED: 'ログインが必要です。もう一度ログインしてください。',
      FORBIDDEN: 'この操作を行う権限がありません。',
      NOT_FOUND: 'データが見つかりません。',
      BAD_USER_INPUT: '入力内容を確認してください。',
      CONFLICT: '現在のデータと矛盾するため、処理できませんでした。画面を更新してから、もう一度お試しください。',
      RATE_LIMITED: 'リクエストが多すぎます。しばらく待ってから再度お試しください。',
      PRECONDITION_FAILED: '現在の状態では、この操作は行えません。',
      INTERNAL_SERVER_ERROR: 'サーバーでエラーが発生しました。時間をおいて再度お試しください。',
    } satisfies Record<ApiErrorCode, string>,
    retryAfter: '約{{seconds}}秒後に再度お試しいただけます。',
    /** The same for each reason (`extensions.reason`) the server gives. */
    reasons: {
      ACCOUNT_LOCKED: 'ログインの失敗が続いたため、このアカウントは一時的にロックされています。',
      IP_NOT_ALLOWED: 'この接続元のIPアドレスからのアクセスは許可されていません。',
      TOTP_ENROLMENT_REQUIRED: '二要素認証の設定が必要です。設定を完了してから操作してください。',
      PASSWORD_CHANGE_REQUIRED: 'パスワードの変更が必要です。変更してから操作してください。',
      WOULD_LOCK_OUT:
        'この設定にすると、現在お使いの端末から管理画面を利用できなくなります。先に現在のIPアドレスを含む範囲を登録してください。',
      LAST_SYSTEM_ADMIN: '有効なシステム管理者が1人もいなくなるため、この変更はできません。',
      SELF_DEACTIVATION: '自分自身のアカウントは無効にできません。',
      SYSTEM_ROLE: 'システム管理者ロールは変更・削除できません。',
      ROLE_IN_USE: 'このロールは職員に割り当てられているため削除できません。先に職員のロールを変更してください。',
      DEPARTMENT_IN_USE: 'この部署には職員・APIキー・ロールが所属しているため削除できません。先に所属を変更してください。',
      TARGET_IS_SYSTEM_ADMIN: 'システム管理者のアカウントと、システム管理者が持つロールは、システム管理者だけが変更できます。',
      TARGET_EXCEEDS_ACTOR: 'ご自身が持っていない権限を持つ職員・ロール・APIキーは操作できません。',
      SHARED_ROLE: '全部署共通のロールは、システム管理者だけが変更できます。',
      ROLE_EXCEEDS_ACTOR: 'ご自身が持っていない権限を含むロールは変更できません。',
      OUTSIDE_DEPARTMENT: '部署の追加・削除と他の部署の変更は、すべての部署を扱える管理者だけが行えます。',
      CROSS_SITE_REQUEST: 'ダウンロードは管理画面から行ってください。',
      QUERY_TOO_DEEP: 'クエリの階層が深すぎます。',
      QUERY_TOO_COMPLEX: 'クエリが複雑すぎます。取得件数や項目を減らしてください。',
      INVALID_VALUE: '入力値の形式が正しくありません（形式の違う値、範囲外の値、長すぎる値や使えない文字）。',
      DUPLICATE: '同じ内容のデータが既にあります。画面を更新してから、もう一度お試しください。',
      DUPLICATE_CIDR: 'このIPアドレス範囲は既に登録されています。',
      REFERENCE: '指定されたデータが見つからないか、他のデータから使われています。',
      MALFORMED_REQUEST: 'リクエストの形式が正しくありません。',
      PAYLOAD_TOO_LARGE: 'リクエストが大きすぎます。',
      UNSUPPORTED_MEDIA_TYPE: 'リクエストの形式（Content-Type）に対応していません。',
      NO_PENDING_ENROLMENT: '先に二要素認証の設定を開始してください。',
      TOTP_REQUIRED_BY_ROLE: 'あなたのロールでは二要素認証が必須のため、無効にできません。',
      LINE_LOGIN_NOT_CONFIGURED: 'LINEログインの設定が完了していません。',
    } satisfies Record<KnownReason, string>,
    /** What to do next, after the message; shown in every language. */
    hints: {
      IP_NOT_ALLOWED:
        'この接続元のIPアドレスからは管理コンソールを利用できません。庁内ネットワークから接続するか、システム管理者に連絡してください。',
      ACCOUNT_LOCKED:
        'アカウントが一時的にロックされています。時間をおいて再度お試しいただくか、システム管理者にロック解除を依頼してください。',
      TOTP_ENROLMENT_REQUIRED: '二要素認証の設定が必要です。',
      PASSWORD_CHANGE_REQUIRED: 'パスワードの変更が必要です。',
      TARGET_IS_SYSTEM_ADMIN: '必要な場合は、システム管理者に依頼してください。',
      TARGET_EXCEEDS_ACTOR: '必要な場合は、その権限を持つ管理者かシステム管理者に依頼してください。',
      SHARED_ROLE: '部署で使うロールが必要な場合は、「ロールを追加」から部署のロールを作成してください。',
      ROLE_EXCEEDS_ACTOR: '必要な場合は、その権限を持つ管理者かシステム管理者に依頼してください。',
      OUTSIDE_DEPARTMENT: '部署の追加・削除や他の部署の変更は、システム管理者に依頼してください。',
      CROSS_SITE_REQUEST: '管理コンソールの画面にあるダウンロードボタンから、もう一度お試しください。',
    } satisfies Partial<Record<KnownReason, string>>,
    forbiddenPage: {
      title: 'このページを表示する権限がありません',
      description: '必要な権限が付与されていません。権限が必要な場合はシステム管理者に連絡してください。',
      backHome: 'ホームへ戻る',
    },
    notFoundPage: {
      title: 'ページが見つかりません',
      description: 'URLが正しいか確認してください。',
    },
    accessDenied: 'アクセスが拒否されました',
  },
  permissionPicker: {
    selectAllIn: '{{feature}}をすべて選択',
    catalogueEmpty: '権限の一覧を取得できませんでした。',
  },
  /**
   * Form messages. The server words its generic per-field messages the same way, so a field
   * message that matches one of these is shown from the same key in the console's language.
   */
  validation: {
    maxLength: '{{max}}文字以内で入力してください。',
    nulCharacter: '使用できない文字（NUL文字）が含まれています。',
    cursor: 'ページの位置（カーソル）が正しくありません。一覧を最初から読み込み直してください。',
    pageSizeMin: '件数は{{min}}以上を指定してください。',
    pageSizeMax: '件数は{{max}}以下を指定してください。',
  },
};

export type SharedTranslation = typeof ja;
