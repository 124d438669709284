import type { EngagementTranslation } from './engagement.ja';

/** English texts of recording engagement and of a delivery's mail on its page; `engagement.ja.ts` is the source. */
export const engagementEn: EngagementTranslation = {
  engagement: {
    title: 'Engagement',
    label: 'Record engagement (links open inside the LINE app, and who opened them is recorded)',
    help: "In real sends, the delivery's links open through this system's LIFF app, which records who opened them in LINE. A delivery that records engagement can be used by the segment condition “Reaction to a delivery” to choose those who reacted or did not.",
    personal:
      'Who opened which notice is personal data. Choose this only when you mean to use it, for example to remind those who did not react.',
    cost: 'Links arrive as liff.line.me addresses and take a second or two to open; someone who never used the LIFF app first sees LINE’s consent screen. Test sends use plain links and record no tester.',
    checking: 'Checking whether engagement can be recorded…',
    unavailable: 'This system has no LIFF app (LIFF_ID is not set), so engagement cannot be recorded.',
    unavailableSaved: 'This delivery was saved to record engagement, but there is no LIFF app now, so it cannot. Untick it and save.',
    refused: 'This system has no LIFF app, so engagement cannot be recorded (LIFF_ID must be set). Untick it and save.',
    noLinks: 'The messages have no link: without one, there is no engagement to record.',
    summaryOn: 'Recorded (real sends record who opens a link in LINE)',
    summaryOff: 'Not recorded',
    runLabel: 'Engagement',
    runOn: 'Recorded (who opens a link in LINE)',
    runTest: 'Not recorded (test sends use plain links)',
    runOff: 'Not recorded',
  },
  mailSummary: {
    lists: 'Also by mail',
    listsCount: '{{n}} mail lists',
    unknownList: '(a list you cannot see)',
    subject: 'Mail subject',
    runLabel: 'Mail',
    runNone: 'Not sent by mail',
    runTest: 'Test sends are never mailed',
    runQueuing: "Preparing the mail to the lists' subscribers…",
    runQueued: 'Mailed to {{n}} (queued at {{at}})',
  },
};
