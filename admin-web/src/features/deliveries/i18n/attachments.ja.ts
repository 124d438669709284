/**
 * Japanese texts of what a delivery carries besides its messages (`t('deliveries.attachments.…')`):
 * a form (FORM-08) and the mail to mail lists (SEG-05). Part of the feature's texts (ja.ts spreads
 * them in); `attachments.en.ts` is typed against them. The problems repeat the server's messages.
 */
export const attachmentsJa = {
  attachments: {
    form: {
      title: 'フォーム（アンケート・申請）',
      label: '載せるフォーム',
      hint: 'フォームを載せた配信は、セグメントか住民リストの人にだけ送れます（すべての友だちには送れません）。選ぶと、フォームへのリンクカードを各言語の最後に入れます。',
      placeholder: '載せない',
      option: '{{title}}（{{access}}）',
      lineOnly: 'LINEからのみ回答',
      browser: 'ブラウザからも回答可',
      noForms: '受付中のフォームがありません。',
      unavailable: 'フォームを見る権限がないため、フォームは選べません。保存済みの選択はそのまま使われます。',
      unknownForm: '（見られないフォーム）',
      cardInserted: 'フォームへのリンクカードを入れました。',
      removeHint: 'フォームを外しても、入れたカードは残ります。不要なら配信内容から削除してください。',
      notForAll: 'フォームを載せた配信は、すべての友だちには送れません。セグメントか住民リストを選んでください（FORM-08）。',
    },
    mail: {
      title: 'メールでも送る（LINEを使わない方へ）',
      lists: 'メール配信リスト',
      listsHint:
        '本番の送信を始めると、選んだリストの登録者（登録を確認済みの方）に、日本語の内容をメールで1回ずつ送ります（{{max}}個まで）。テスト配信ではメールを送りません。',
      listsPlaceholder: 'メールでは送らない',
      listOption: '{{name}}（{{n}}人）',
      unknownList: '（見られないリスト）',
      noLists: 'この部署の有効なメール配信リストがありません。',
      unavailable: 'メール配信リストを見る権限がないため、リストは選べません。保存済みの選択はそのまま使われます。',
      subject: 'メールの件名',
      subjectHint: '空欄なら、件名（管理用）と同じになります。',
      subjectTooLong: 'メールの件名は{{max}}文字以内で入力してください。',
      preview: 'メール本文のプレビュー',
      previewNote:
        '日本語の内容から作ります。画像やリンクカードはURLの行に、Flexメッセージは代替テキストになります。本文の後に配信停止のリンクが付きます。',
      previewInvalid: '内容に直すところがあるため、プレビューを表示できません。',
      stickersOnly: '日本語の内容がスタンプだけのため、メールでは送れません。テキストなどを入れてください。',
      lineOnlyForm:
        'このフォームはLINEからしか回答できないため、メールでは送れません。フォームを「ブラウザからも回答できる」（対象者はすべての人）にするか、メール配信のリストを外してください。',
    },
  },
};

export type AttachmentsTranslation = typeof attachmentsJa;
