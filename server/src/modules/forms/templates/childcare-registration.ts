import type { FormDefinition } from '../engine/index.js';

/**
 * 子育て情報の登録 (RES-05): a registration form whose answers update the resident's attributes
 * (the demo seed's keys `interests`, `children_birth_dates`, `residence_area`, `pregnant`,
 * `due_date`), so segment delivery can send 健診・予防接種 notices by the children's ages.
 * Choice options are the attributes' option keys.
 */
export const childcareRegistration: FormDefinition = {
  schemaVersion: 1,
  confirmation: true,
  pages: [
    {
      id: 'p_1',
      title: 'お子さまについて',
      fields: [
        {
          id: 'intro',
          type: 'paragraph',
          label: '登録について',
          text: '登録した内容に合わせて、乳幼児健診・予防接種・子育てイベントのお知らせをLINEでお届けします。内容はいつでも変更できます。',
        },
        {
          id: 'children',
          type: 'dateList',
          label: 'お子さまの生年月日',
          help: '小学生以下のお子さまを、お一人ずつ追加してください。',
          attributeKey: 'children_birth_dates',
          maxItems: 10,
          max: 'today',
        },
        { id: 'pregnant', type: 'yesNo', label: '現在、妊娠中ですか', attributeKey: 'pregnant' },
        {
          id: 'due_date',
          type: 'date',
          label: '出産予定日',
          attributeKey: 'due_date',
          visibleWhen: { field: 'pregnant', op: 'equals', value: true },
          required: true,
        },
      ],
    },
    {
      id: 'p_2',
      title: 'お住まいと関心',
      fields: [
        {
          id: 'area',
          type: 'singleChoice',
          display: 'dropdown',
          label: 'お住まいの地区',
          attributeKey: 'residence_area',
          options: [
            { id: 'a01', label: '中央地区' },
            { id: 'a02', label: '北地区' },
            { id: 'a03', label: '南地区' },
            { id: 'a04', label: '東地区' },
            { id: 'a05', label: '西地区' },
            { id: 'a06', label: '川辺地区' },
            { id: 'a07', label: '丘陵地区' },
            { id: 'a08', label: '田園地区' },
            { id: 'outside', label: '市外' },
          ],
        },
        {
          id: 'interests',
          type: 'multipleChoice',
          label: '受け取りたいお知らせ（いくつでも）',
          attributeKey: 'interests',
          options: [
            { id: 'o01', label: '子育て' },
            { id: 'o02', label: '検診・予防接種' },
            { id: 'o03', label: 'イベント' },
            { id: 'o04', label: '防災' },
            { id: 'o09', label: '教育・学校' },
          ],
        },
      ],
    },
  ],
};
