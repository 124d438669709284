import type { FormDefinition } from '@machi/form-engine';
import type {
  FormDetailFieldsFragment,
  FormListFieldsFragment,
  FormSubmissionDetailFragment,
  FormSubmissionRowFragment,
} from '../../../gql/graphql';

/** A small survey with branching, a personal field and a staff-only note, as a city would build one. */
export const surveyDefinition: FormDefinition = {
  schemaVersion: 1,
  confirmation: true,
  pages: [
    {
      id: 'p_1',
      title: '基本情報',
      fields: [
        { id: 'f_1', type: 'heading', label: '市民満足度アンケート' },
        {
          id: 'f_2',
          type: 'singleChoice',
          label: 'お住まいの地区',
          required: true,
          display: 'radio',
          options: [
            { id: 'o_1', label: '北地区' },
            { id: 'o_2', label: '南地区' },
          ],
        },
        { id: 'f_3', type: 'yesNo', label: '子育て中ですか' },
        { id: 'f_4', type: 'text', label: 'お子さんの年齢', visibleWhen: { field: 'f_3', op: 'equals', value: true } },
        { id: 'f_5', type: 'text', label: 'お名前', personal: true, charset: 'zenkaku', maxLength: 50 },
      ],
    },
    {
      id: 'p_2',
      title: 'ご意見',
      visibleWhen: { field: 'f_2', op: 'equals', value: 'o_1' },
      fields: [
        { id: 'f_6', type: 'number', label: '満足度', min: 1, max: 5, integer: true },
        { id: 'f_7', type: 'text', label: 'ご意見', multiline: true },
        { id: 'f_8', type: 'text', label: '受付メモ', adminOnly: true },
      ],
    },
  ],
};

export function formDetail(overrides: Partial<FormDetailFieldsFragment> = {}): FormDetailFieldsFragment & { __typename: 'Form' } {
  return {
    __typename: 'Form',
    id: 'form-1',
    title: '市民満足度アンケート',
    description: '市政へのご意見をお聞かせください。',
    kind: 'SURVEY',
    status: 'PUBLISHED',
    answerPolicy: 'ONCE',
    audience: 'EVERYONE',
    audienceCondition: null,
    access: 'BROWSER_ALLOWED',
    opensAt: '2026-12-01T00:00:00.000Z',
    closesAt: '2026-12-31T14:59:00.000Z',
    receiptFormat: 'R{YY}-{SEQ:5}',
    notificationEmails: ['kyodo@city.example.jp'],
    thankYouMessage: 'ご回答ありがとうございました。',
    askContactEmail: true,
    department: { __typename: 'Department', id: 'dep-1', name: '市民協働課' } as FormDetailFieldsFragment['department'],
    draftDefinition: surveyDefinition,
    publishedVersion: {
      __typename: 'FormVersion',
      id: 'v-2',
      number: 2,
      publishedAt: '2026-12-01T00:00:00.000Z',
      publishedByName: '山田 太郎',
    } as FormDetailFieldsFragment['publishedVersion'],
    versions: [
      { __typename: 'FormVersion', id: 'v-1', number: 1, publishedAt: '2026-11-20T00:00:00.000Z', publishedByName: '山田 太郎' },
      { __typename: 'FormVersion', id: 'v-2', number: 2, publishedAt: '2026-12-01T00:00:00.000Z', publishedByName: '山田 太郎' },
    ] as unknown as FormDetailFieldsFragment['versions'],
    hasUnpublishedChanges: true,
    submissionCount: 12,
    residentPath: '/liff/forms/form-1',
    talkEligibility: { __typename: 'FormTalkEligibility', eligible: false, reasons: [] } as FormDetailFieldsFragment['talkEligibility'],
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-12-02T00:00:00.000Z',
    ...overrides,
  };
}

export function formListItem(overrides: Partial<FormListFieldsFragment> = {}): FormListFieldsFragment & { __typename: 'Form' } {
  return {
    __typename: 'Form',
    id: 'form-1',
    title: '市民満足度アンケート',
    kind: 'SURVEY',
    status: 'PUBLISHED',
    submissionCount: 12,
    opensAt: '2026-12-01T00:00:00.000Z',
    closesAt: null,
    hasUnpublishedChanges: false,
    updatedAt: '2026-12-02T00:00:00.000Z',
    department: { __typename: 'Department', id: 'dep-1', name: '市民協働課' } as FormListFieldsFragment['department'],
    publishedVersion: { __typename: 'FormVersion', id: 'v-1', number: 1 } as FormListFieldsFragment['publishedVersion'],
    ...overrides,
  };
}

type Answer = FormSubmissionDetailFragment['answers'][number];

export function answer(
  fieldId: string,
  label: string,
  text: string,
  extra: Partial<Answer> = {},
): Answer & { __typename: 'SubmissionAnswer' } {
  return {
    __typename: 'SubmissionAnswer',
    fieldId,
    label,
    type: 'text',
    value: { value: text },
    text,
    personal: false,
    masked: false,
    ...extra,
  };
}

export function submissionRow(
  overrides: Partial<FormSubmissionRowFragment> = {},
): FormSubmissionRowFragment & { __typename: 'FormSubmission' } {
  return {
    __typename: 'FormSubmission',
    id: 'sub-1',
    receiptNumber: 'R26-00001',
    status: 'RECEIVED',
    submittedAt: '2026-12-02T01:00:00.000Z',
    updatedAt: '2026-12-02T01:00:00.000Z',
    viaBrowser: false,
    resident: { __typename: 'Resident', id: 'res-1', displayName: 'まちの太郎' } as FormSubmissionRowFragment['resident'],
    version: { __typename: 'FormVersion', id: 'v-2', number: 2 } as FormSubmissionRowFragment['version'],
    answers: [
      answer('f_2', 'お住まいの地区', '北地区', { type: 'singleChoice', value: { value: 'o_1' } }),
      answer('f_3', '子育て中ですか', 'はい', { type: 'yesNo', value: { value: true } }),
      answer('f_5', 'お名前', '', { personal: true, masked: true, value: null }),
    ],
    ...overrides,
  };
}

export function submissionDetail(
  overrides: Partial<FormSubmissionDetailFragment> = {},
): FormSubmissionDetailFragment & { __typename: 'FormSubmission' } {
  return {
    __typename: 'FormSubmission',
    id: 'sub-1',
    receiptNumber: 'R26-00001',
    status: 'REVIEWING',
    submittedAt: '2026-12-02T01:00:00.000Z',
    updatedAt: '2026-12-02T02:00:00.000Z',
    viaBrowser: false,
    hasContactEmail: false,
    resident: { __typename: 'Resident', id: 'res-1', displayName: 'まちの太郎' } as FormSubmissionDetailFragment['resident'],
    form: { __typename: 'Form', id: 'form-1', title: '市民満足度アンケート', kind: 'SURVEY' } as FormSubmissionDetailFragment['form'],
    version: {
      __typename: 'FormVersion',
      id: 'v-2',
      number: 2,
      definition: surveyDefinition,
    } as FormSubmissionDetailFragment['version'],
    answers: [
      answer('f_2', 'お住まいの地区', '北地区', { type: 'singleChoice', value: { value: 'o_1' } }),
      answer('f_5', 'お名前', '', { personal: true, masked: true, value: null }),
      answer('f_7', 'ご意見', '公園を増やしてほしい'),
    ],
    adminAnswers: [answer('f_8', '受付メモ', '電話で確認済み')],
    statusHistory: [
      { __typename: 'SubmissionStatusChange', from: null, to: 'RECEIVED', comment: null, at: '2026-12-02T01:00:00.000Z', byName: null },
      {
        __typename: 'SubmissionStatusChange',
        from: 'RECEIVED',
        to: 'REVIEWING',
        comment: '内容を確認します',
        at: '2026-12-02T02:00:00.000Z',
        byName: '山田 太郎',
      },
    ] as unknown as FormSubmissionDetailFragment['statusHistory'],
    messages: [
      {
        __typename: 'SubmitterMessage',
        id: 'msg-1',
        body: '書類を確認しています。',
        sentAt: '2026-12-02T02:05:00.000Z',
        byName: '山田 太郎',
        readAt: null,
      },
    ] as unknown as FormSubmissionDetailFragment['messages'],
    ...overrides,
  };
}
