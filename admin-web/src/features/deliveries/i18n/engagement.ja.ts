/**
 * Japanese texts of recording engagement (`t('deliveries.engagement.…')`, docs/adr/0016) and of a
 * delivery's mail as the delivery page shows it (`t('deliveries.mailSummary.…')`). Part of the
 * feature's texts (ja.ts spreads them in); `engagement.en.ts` is typed against them.
 */
export const engagementJa = {
  engagement: {
    title: '反応の記録',
    label: '反応を記録する（リンクをLINEアプリ内で開き、誰が開いたかを記録します）',
    help: '本番の送信で、配信内のリンクをこのシステムのLIFFアプリ経由で開くようにし、LINEで開いた人を記録します。記録した配信は、セグメントの条件「配信への反応」で、反応した人・しなかった人を選ぶのに使えます。',
    personal:
      '誰がどのお知らせを開いたかは個人に関する情報です。反応に応じてもう一度お知らせするなど、使う目的があるときだけ選んでください。',
    cost: 'リンクは liff.line.me のアドレスで届き、開くまでに1〜2秒かかります。LIFFアプリを初めて使う人には、LINEの同意画面が出ます。テスト配信は通常のリンクで送り、テスト受信者が開いても記録しません。',
    checking: '反応を記録できるか確かめています…',
    unavailable: 'このシステムにはLIFFアプリが設定されていない（LIFF_IDが未設定の）ため、反応は記録できません。',
    unavailableSaved:
      'この配信は「反応を記録する」で保存されていますが、いまはLIFFアプリが設定されていないため記録できません。チェックを外して保存してください。',
    // The server's refusal, word for word.
    refused:
      'このシステムにはLIFFアプリが設定されていないため、反応を記録できません（LIFF_IDの設定が必要です）。チェックを外して保存してください。',
    noLinks: '配信内容にリンクがありません。リンクがないと、記録する反応がありません。',
    summaryOn: '記録する（本番の送信で、LINEでリンクを開いた人を記録します）',
    summaryOff: '記録しない',
    runLabel: '反応の記録',
    runOn: '記録しています（LINEでリンクを開いた人を記録）',
    runTest: '記録しません（テスト配信は通常のリンクで送ります）',
    runOff: '記録していません',
  },
  mailSummary: {
    lists: 'メールでも送る',
    listsCount: 'メール配信リスト {{n}}件',
    unknownList: '（見られないリスト）',
    subject: 'メールの件名',
    runLabel: 'メール',
    runNone: 'メールでは送っていません',
    runTest: 'テスト配信ではメールを送りません',
    runQueuing: 'メール配信リストの登録者へのメールを準備しています…',
    runQueued: '{{n}}人にメールを送ります（{{at}}に送信待ちに登録）',
  },
};

export type EngagementTranslation = typeof engagementJa;
