/**
 * Japanese texts of the answers a survey delivery's runs brought (`t('deliveries.answers.…')`,
 * FORM-08). Part of the feature's texts (ja.ts spreads them in); `answers.en.ts` is typed against them.
 */
export const answersJa = {
  answers: {
    title: '回答の状況',
    note: '本番の送信ごとに、配信のフォームのカードから回答された数です。回答率は回答数 ÷ 送信数です（テスト配信や、ほかの経路からの回答は含みません）。',
    startedAt: '送信日時',
    sent: '送信数',
    count: '回答数',
    rate: '回答率',
    people: '{{n}}人',
    none: 'フォームを載せた本番の送信はまだありません。',
    summary: '回答の集計',
    summaryLink: '集計を見る',
    summaryOf: '{{at}}の送信で届いた回答の集計を見る',
  },
};

export type AnswersTranslation = typeof answersJa;
