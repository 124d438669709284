import type { FormDefinition } from '../engine/index.js';

const SATISFACTION = [
  { id: 's5', label: '満足' },
  { id: 's4', label: 'やや満足' },
  { id: 's3', label: 'どちらともいえない' },
  { id: 's2', label: 'やや不満' },
  { id: 's1', label: '不満' },
];

/** 住民満足度アンケート (FORM-20): how residents find the city's LINE account, asked periodically. */
export const satisfactionSurvey: FormDefinition = {
  schemaVersion: 1,
  confirmation: true,
  pages: [
    {
      id: 'p_1',
      title: '公式LINEについて',
      fields: [
        {
          id: 'intro',
          type: 'paragraph',
          label: 'はじめに',
          text: '市の公式LINEをより使いやすくするためのアンケートです。回答は統計的に扱い、個人が特定されることはありません。所要時間は3分ほどです。',
        },
        {
          id: 'overall',
          type: 'singleChoice',
          display: 'radio',
          label: '市の公式LINEの満足度を教えてください',
          required: true,
          options: SATISFACTION,
        },
        {
          id: 'useful',
          type: 'multipleChoice',
          label: '役に立っている機能を選んでください（いくつでも）',
          options: [
            { id: 'news', label: 'お知らせの配信' },
            { id: 'garbage', label: 'ごみの分別・収集日' },
            { id: 'disaster', label: '防災・緊急情報' },
            { id: 'forms', label: 'オンライン申請・アンケート' },
            { id: 'report', label: '道路や公園の不具合の通報' },
            { id: 'other', label: 'その他' },
          ],
        },
        {
          id: 'useful_other',
          type: 'text',
          label: '「その他」の内容',
          maxLength: 200,
          visibleWhen: { field: 'useful', op: 'includes', value: 'other' },
        },
        {
          id: 'frequency',
          type: 'singleChoice',
          display: 'dropdown',
          label: '配信の頻度はいかがですか',
          options: [
            { id: 'many', label: '多い' },
            { id: 'right', label: 'ちょうどよい' },
            { id: 'few', label: '少ない' },
          ],
        },
      ],
    },
    {
      id: 'p_2',
      title: 'ご意見',
      fields: [
        { id: 'recommend', type: 'number', label: '知人に勧める度合いを0〜10で教えてください', min: 0, max: 10, integer: true },
        { id: 'comment', type: 'text', multiline: true, label: '改善してほしい点やご意見があればお書きください', maxLength: 2000 },
      ],
    },
  ],
};
