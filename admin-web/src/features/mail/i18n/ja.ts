/** Japanese texts of the outbound mail page (`t('mail.…')`), the source: `en.ts` is typed against them. */
export const ja = {
  nav: {
    label: '送信メール',
    description: 'システムが送るメールの送信状況と送信設定を確認し、テストメールを送ります。',
  },
  title: '送信メール',
  description:
    'システムが送信するメール（受付通知やテストメールなど）の一覧です。メールはいったん送信待ちとして保存され、順に送信されます。送信に失敗したメールは再送できます。',
  refresh: '最新の状態に更新',
  empty: '条件に合うメールはありません。',
  emptyAll: '送信メールはまだありません。「テストメールを送る」で送信設定を確認できます。',
  settings: {
    title: '送信設定',
    status: '状態',
    configured: '設定済み',
    notConfigured: '未設定',
    destination: '送信先（SMTPサーバー）',
    from: '差出人（From）',
    notConfiguredTitle: 'SMTPサーバーが設定されていません',
    notConfiguredDescription:
      'メールは送信されず、送信待ちのまま保存されます。環境変数 SMTP_URL を設定してサーバーを再起動すると、送信待ちのメールが順に送信されます。',
    localSinkTitle: '送信先はこのサーバー内です',
    localSinkDescription:
      '送信先が smtp://127.0.0.1:… のときは、npm start が起動した開発用のローカル受信サーバーの可能性があります。ローカル受信サーバーはメールを受け取って .data/mail-sink に保存するだけで、実際の宛先には配送しません。本番運用では SMTP_URL に実際のSMTPサーバーを設定してください。',
    credentialsNote: 'SMTPサーバーの認証情報は表示されません。',
  },
  filters: {
    status: '状態',
    allStatuses: 'すべての状態',
  },
  columns: {
    detail: '詳細',
    createdAt: '日時',
    toAddress: '宛先',
    subject: '件名',
    purpose: '用途',
    status: '状態',
    attempts: '試行回数',
  },
  status: {
    PENDING: '送信待ち',
    SENDING: '送信中',
    SENT: '送信済み',
    FAILED: '失敗',
  },
  purposes: {
    mail_test: 'テストメール',
  },
  detail: {
    body: '本文',
    replyTo: '返信先（Reply-To）',
    messageId: 'メッセージID',
    lastError: '最後のエラー',
    requestedBy: '依頼者',
    sentAt: '送信日時',
    createdAt: '登録日時',
    updatedAt: '更新日時',
    purposeCode: '用途コード',
    mailId: 'メールID',
  },
  test: {
    open: 'テストメールを送る',
    title: 'テストメールを送る',
    description:
      '送信設定を確認するためのテストメールを送ります。届いたかどうかは、宛先のメールボックスと下の一覧の状態で確認してください。',
    to: '宛先メールアドレス',
    toPlaceholder: '例：taro@example.jp',
    toHint: 'メールアドレスを1件だけ入力してください（名前付きや複数の宛先は使えません）。',
    invalidAddress: 'メールアドレスの形式が正しくありません（例：taro@example.jp）。',
    submit: '送信',
    queued: 'テストメールを送信待ちに登録しました。',
    notConfiguredNote: 'SMTPサーバーが未設定のため、テストメールは送信待ちのまま保存されます。',
  },
  retry: {
    action: '再送',
    actionOf: '{{subject}}（{{to}}）を再送',
    done: '再送を登録しました。',
    notFailed: 'このメールは送信失敗の状態ではないため、再送しませんでした（すでに再送された可能性があります）。一覧を更新しました。',
  },
};

export type MailTranslation = typeof ja;
