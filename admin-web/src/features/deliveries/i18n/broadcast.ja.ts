/**
 * Japanese texts of 一斉配信 (`t('deliveries.broadcast.…')`, docs/adr/0014 "Broadcast"): a real
 * run to all friends with Japanese only is sent as one LINE broadcast. Part of the feature's texts
 * (ja.ts spreads them in); `broadcast.en.ts` is typed against them.
 */
export const broadcastJa = {
  broadcast: {
    tag: '一斉配信',
    label: '送信方法',
    multicast: '友だちごとに送信（言語別・500人ずつ）',
    runTitle: '一斉配信（LINEのブロードキャスト）で送りました',
    runSendingTitle: '一斉配信（LINEのブロードキャスト）で送ります',
    runBody:
      'LINEが把握しているすべての友だちに届きます。このシステムを使い始める前に友だちになった人など、住民の一覧にいない人にも届きます。送信数は、このシステムが把握している友だちの数です。',
    runWaiting: 'LINEの一斉配信は1時間に60回までです。上限に達しているときは、枠が空きしだい自動で送ります（二重には送りません）。',
    sendTitle: '本番の送信は一斉配信（LINEのブロードキャスト）になります',
    sendBody:
      '配信先が「すべての友だち」で内容が日本語だけのため、1回の一斉配信で送ります。LINEが把握しているすべての友だち（このシステムを使い始める前に友だちになった人も含む）に届き、その人数分の通数を使います。残り通数の確認は、このシステムが把握している友だちの数で行います。',
    testNote: 'テスト配信は、これまでどおりテスト受信者にだけ送ります。',
    confirmNote: '一斉配信（LINEのブロードキャスト）で送るため、住民の一覧にいない友だちにも届きます。',
  },
};

export type BroadcastTranslation = typeof broadcastJa;
