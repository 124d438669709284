import type { FormDefinition } from '../engine/index.js';

/** 粗大ごみ収集の申込 (RSV-01): an e-application with the address completed from the postal code. */
export const bulkyWaste: FormDefinition = {
  schemaVersion: 1,
  confirmation: true,
  pages: [
    {
      id: 'p_1',
      title: '申込者',
      fields: [
        { id: 'name', type: 'text', label: 'お名前', required: true, personal: true, maxLength: 50 },
        { id: 'kana', type: 'text', label: 'フリガナ', required: true, personal: true, charset: 'katakana', maxLength: 50 },
        { id: 'postal', type: 'postalCode', label: '郵便番号', required: true, personal: true, addressField: 'address' },
        { id: 'address', type: 'text', label: '収集先の住所', required: true, personal: true, maxLength: 200 },
        { id: 'phone', type: 'phone', label: '日中つながる電話番号', required: true, personal: true },
      ],
    },
    {
      id: 'p_2',
      title: '出すもの',
      fields: [
        {
          id: 'items',
          type: 'multipleChoice',
          label: '出す品目（いくつでも）',
          required: true,
          options: [
            { id: 'sofa', label: 'ソファ' },
            { id: 'bed', label: 'ベッド・マットレス' },
            { id: 'desk', label: '机・テーブル' },
            { id: 'shelf', label: 'たんす・棚' },
            { id: 'bicycle', label: '自転車' },
            { id: 'futon', label: 'ふとん' },
            { id: 'other', label: 'その他' },
          ],
        },
        {
          id: 'items_other',
          type: 'text',
          label: '「その他」の品目と大きさ',
          required: true,
          maxLength: 200,
          visibleWhen: { field: 'items', op: 'includes', value: 'other' },
        },
        { id: 'count', type: 'number', label: '点数の合計', required: true, min: 1, max: 10, integer: true, unit: '点' },
        {
          id: 'date',
          type: 'date',
          label: '収集希望日',
          required: true,
          min: 'today+7',
          max: 'today+60',
          help: '申込日の7日後以降の日付を選んでください。',
        },
        { id: 'photo', type: 'file', label: '品物の写真（任意）', accept: 'image', maxFiles: 3 },
        {
          id: 'agree',
          type: 'consent',
          label: '注意事項',
          required: true,
          text: '収集日の朝8時までに、指定の場所へ出します。手数料は収集日までにお支払いします。',
        },
      ],
    },
    {
      id: 'p_staff',
      title: '職員記入欄',
      fields: [
        { id: 'fee', type: 'number', label: '手数料', adminOnly: true, min: 0, integer: true, unit: '円' },
        { id: 'memo', type: 'text', multiline: true, label: '受付メモ', adminOnly: true, maxLength: 2000 },
      ],
    },
  ],
};
