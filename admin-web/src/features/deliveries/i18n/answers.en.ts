import type { AnswersTranslation } from './answers.ja';

/** English texts of the answers a survey delivery's runs brought; `answers.ja.ts` is the source. */
export const answersEn: AnswersTranslation = {
  answers: {
    title: 'Answers',
    note: 'For each real send, the answers given through the form card of the delivery. The response rate is answers ÷ sent (test sends and answers that came another way are not counted).',
    startedAt: 'Sent at',
    sent: 'Sent',
    count: 'Answers',
    rate: 'Response rate',
    people: '{{n}}',
    none: 'No real send has carried the form yet.',
    summary: 'Summary',
    summaryLink: 'View summary',
    summaryOf: 'View the summary of the answers to the send of {{at}}',
  },
};
