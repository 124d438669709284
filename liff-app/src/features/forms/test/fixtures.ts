import type { FormDefinition } from '@machi/form-engine';

/**
 * A four-page application with branching: page 3 and two questions (and one option) exist only
 * for residents with children.
 */
export const childcareDefinition: FormDefinition = {
  schemaVersion: 1,
  confirmation: true,
  pages: [
    {
      id: 'p_1',
      title: '申込者の情報',
      fields: [
        { id: 'f_intro', type: 'paragraph', label: '', text: '詳しくは https://city.example.jp/kosodate をご覧ください。' },
        { id: 'f_name', type: 'text', label: '氏名', required: true, maxLength: 20, personal: true },
        { id: 'f_postal', type: 'postalCode', label: '郵便番号', addressField: 'f_address', personal: true },
        { id: 'f_address', type: 'text', label: '住所', required: true, personal: true },
        { id: 'f_phone', type: 'phone', label: '電話番号', help: 'ハイフンはあってもなくても構いません。', personal: true },
      ],
    },
    {
      id: 'p_2',
      title: 'ご家族について',
      fields: [
        { id: 'f_children', type: 'yesNo', label: 'お子さんはいますか', required: true },
        {
          id: 'f_birthdays',
          type: 'dateList',
          label: 'お子さんの生年月日',
          required: true,
          maxItems: 5,
          visibleWhen: { field: 'f_children', op: 'equals', value: true },
        },
        {
          id: 'f_topics',
          type: 'multipleChoice',
          label: '関心のある分野',
          options: [
            { id: 'o_event', label: 'イベント' },
            { id: 'o_bousai', label: '防災' },
            { id: 'o_kosodate', label: '子育て', visibleWhen: { field: 'f_children', op: 'equals', value: true } },
          ],
        },
      ],
    },
    {
      id: 'p_3',
      title: '子育て支援',
      visibleWhen: { field: 'f_children', op: 'equals', value: true },
      fields: [
        {
          id: 'f_support',
          type: 'singleChoice',
          display: 'dropdown',
          label: '希望する支援',
          required: true,
          options: [
            { id: 'o_nursery', label: '一時保育' },
            { id: 'o_consult', label: '子育て相談' },
          ],
        },
      ],
    },
    {
      id: 'p_4',
      title: '確認事項',
      fields: [
        { id: 'f_heading', type: 'heading', label: '個人情報の取り扱い' },
        {
          id: 'f_consent',
          type: 'consent',
          label: '個人情報の取り扱いへの同意',
          required: true,
          text: '入力内容は子育て支援の連絡にのみ使います。',
        },
        { id: 'f_comment', type: 'text', label: 'ご意見', multiline: true, maxLength: 200 },
      ],
    },
  ],
};

export function residentForm(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'ResidentForm',
    id: 'form-1',
    title: '子育て情報の登録',
    description: '子育てに関するお知らせを受け取るための登録です。',
    kind: 'APPLICATION',
    versionId: 'v1',
    definition: childcareDefinition,
    access: 'BROWSER_ALLOWED',
    answerPolicy: 'ONCE',
    opensAt: null,
    closesAt: null,
    availability: { __typename: 'FormAvailability', open: true, reason: null, code: null },
    prefill: {},
    draft: null,
    askContactEmail: true,
    thankYouMessage: 'ご登録ありがとうございました。',
    ...overrides,
  };
}

/** One page with every field type, for the rendering and accessibility check. */
export const everyTypeDefinition: FormDefinition = {
  schemaVersion: 1,
  pages: [
    {
      id: 'p_all',
      title: 'すべての項目',
      fields: [
        { id: 'h_1', type: 'heading', label: '見出し' },
        { id: 'x_1', type: 'paragraph', label: '説明', text: '一行目\n二行目 https://example.jp/' },
        { id: 't_kana', type: 'text', label: 'フリガナ', charset: 'katakana', required: true },
        { id: 't_long', type: 'text', label: 'ご意見', multiline: true, maxLength: 10 },
        { id: 'n_people', type: 'number', label: '人数', unit: '人', integer: true, min: 1, max: 10, required: true },
        { id: 'e_mail', type: 'email', label: 'メールアドレス', required: true },
        { id: 'ph', type: 'phone', label: '電話番号', required: true },
        { id: 'pc', type: 'postalCode', label: '郵便番号' },
        { id: 'd_1', type: 'date', label: '希望日', min: '2026-01-01' },
        { id: 'dl_1', type: 'dateList', label: '生年月日（複数）' },
        { id: 'tm', type: 'time', label: '希望時刻' },
        {
          id: 'sc_r',
          type: 'singleChoice',
          display: 'radio',
          label: '年代',
          options: [
            { id: 'o_20', label: '20代' },
            { id: 'o_30', label: '30代' },
          ],
        },
        {
          id: 'sc_d',
          type: 'singleChoice',
          display: 'dropdown',
          label: '地区',
          options: [
            { id: 'o_n', label: '北地区' },
            { id: 'o_s', label: '南地区' },
          ],
        },
        {
          id: 'mc',
          type: 'multipleChoice',
          label: '関心',
          maxSelected: 1,
          options: [
            { id: 'o_a', label: 'イベント' },
            { id: 'o_b', label: '防災' },
          ],
        },
        { id: 'fl', type: 'file', label: '写真', accept: 'image', maxFiles: 2 },
        { id: 'yn', type: 'yesNo', label: '市内在住ですか', required: true },
        { id: 'cs', type: 'consent', label: '同意', text: '規約に同意します。', required: true },
      ],
    },
  ],
};
