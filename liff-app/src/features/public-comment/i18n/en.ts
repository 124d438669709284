import type { publicCommentJa } from './ja';

type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

export const publicCommentEn: Texts<typeof publicCommentJa> = {
  listTitle: 'Public comment',
  listIntro:
    'The city invites your comments on draft plans and ordinances. Read the documents and send your comments within the period. You can comment from any browser, without a LINE account.',
  loading: 'Loading…',
  loadFailed: 'Could not load',
  retry: 'Try again',
  notFound: 'This item is not public or could not be found.',
  resultNotFound: 'The summary of comments and the city’s views for this item have not been published yet.',
  empty: 'No item is inviting comments right now.',
  sections: {
    open: 'Inviting comments',
    scheduled: 'Not open yet',
    closed: 'Closed items',
  },
  status: {
    DRAFT: 'Draft',
    SCHEDULED: 'Not open yet',
    OPEN: 'Inviting comments',
    CLOSED: 'Closed',
    RESULT_PUBLISHED: 'Result published',
  },
  period: 'Period',
  periodValue: 'From {{from}} to {{to}}',
  department: 'Department',
  documents: 'Documents',
  noDocuments: 'There are no documents.',
  documentType: '{{type}}, {{size}}',
  opensNewTab: '(opens in a new tab)',
  submit: 'Send a comment',
  submitNote: 'You will go to the comment form. Your name and address are entered on the city’s page, not in the LINE chat.',
  notYetOpen: 'Comments are accepted from {{from}}.',
  closedNote: 'The period has ended. The comments received will be published as a summary with the city’s views.',
  formNotReady: 'The comment form is being prepared. Please come back a little later.',
  viewResult: 'See the summary of comments and the city’s views',
  backToList: 'Back to the public comment list',
  backToProcedure: 'Back to the item',
  result: {
    title: 'Summary of comments and the city’s views',
    publishedAt: 'Published',
    total: 'Comments received',
    totalValue: '{{count}}',
    groupCount: '{{count}} comments',
    summary: 'Summary of comments',
    response: 'The city’s view',
    noOpinions: 'No comments were received for this item.',
    download: 'Download as CSV',
    privacy: 'Names, addresses and anything else that identifies the people who commented are not published.',
  },
};
