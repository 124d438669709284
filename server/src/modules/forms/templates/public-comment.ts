import type { FormDefinition } from '../engine/index.js';

/** パブリックコメント (FORM-12): opinions on a draft plan, from LINE or any browser. */
export const publicComment: FormDefinition = {
  schemaVersion: 1,
  confirmation: true,
  pages: [
    {
      id: 'p_1',
      title: 'ご意見',
      fields: [
        {
          id: 'about',
          type: 'paragraph',
          label: '意見募集について',
          text: '案に対するご意見を募集しています。いただいたご意見は、個人が特定できる情報を除いて「意見の概要と市の考え方」として公表します。個別の回答はいたしません。',
        },
        { id: 'section', type: 'text', label: '意見の対象（ページ・項目）', maxLength: 200 },
        { id: 'opinion', type: 'text', multiline: true, label: 'ご意見', required: true, maxLength: 4000 },
        { id: 'name', type: 'text', label: 'お名前', required: true, personal: true, maxLength: 50 },
        { id: 'address', type: 'text', label: '住所（市外の方は通勤・通学先）', required: true, personal: true, maxLength: 200 },
        {
          id: 'relation',
          type: 'singleChoice',
          display: 'radio',
          label: '市との関わり',
          required: true,
          options: [
            { id: 'resident', label: '市内に住んでいる' },
            { id: 'commuter', label: '市内に通勤・通学している' },
            { id: 'business', label: '市内で事業を営んでいる' },
            { id: 'interested', label: '案件に利害関係がある' },
          ],
        },
      ],
    },
    {
      id: 'p_staff',
      title: '職員記入欄',
      fields: [
        { id: 'group', type: 'text', label: '意見の分類', adminOnly: true, maxLength: 100 },
        { id: 'city_view', type: 'text', multiline: true, label: '市の考え方', adminOnly: true, maxLength: 4000 },
      ],
    },
  ],
};
