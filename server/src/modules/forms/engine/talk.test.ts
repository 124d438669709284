import { describe, expect, it } from 'vitest';
import type { FormDefinition, FormField } from './index.js';
import { talkEligibility } from './index.js';

const survey = (...fields: FormField[]): FormDefinition => ({ schemaVersion: 1, pages: [{ id: 'p', fields }] });
const options = (n: number, label = (i: number) => `選択肢${i}`) => Array.from({ length: n }, (_, i) => ({ id: `o${i}`, label: label(i) }));

describe('talkEligibility', () => {
  it('allows a survey of non-personal questions answerable with buttons or a line of text', () => {
    const result = talkEligibility(
      survey(
        { id: 'h', type: 'heading', label: '満足度アンケート' },
        { id: 's', type: 'singleChoice', display: 'radio', label: '満足度', options: options(13) },
        { id: 'm', type: 'multipleChoice', label: '利用した窓口', options: options(5) },
        { id: 'y', type: 'yesNo', label: 'また利用しますか' },
        { id: 'n', type: 'number', label: '来庁回数' },
        { id: 'd', type: 'date', label: '来庁日' },
        { id: 't', type: 'text', label: '一言' },
        { id: 'memo', type: 'text', label: '職員メモ', multiline: true, adminOnly: true },
      ),
    );
    expect(result).toEqual({ eligible: true, reasons: [] });
  });

  it('refuses personal fields and fields that need our page, naming each', () => {
    const result = talkEligibility(
      survey(
        { id: 'name', type: 'text', label: 'お名前', personal: true },
        { id: 'mail', type: 'email', label: 'メール' },
        { id: 'tel', type: 'phone', label: '電話' },
        { id: 'zip', type: 'postalCode', label: '郵便番号' },
        { id: 'photo', type: 'file', label: '写真', accept: 'image' },
        { id: 'opinion', type: 'text', label: 'ご意見', multiline: true },
        { id: 'kids', type: 'dateList', label: '生年月日' },
      ),
    );
    expect(result.eligible).toBe(false);
    expect(result.reasons).toEqual([
      '「お名前」は個人情報の項目のため、トーク画面では聞けません',
      '「メール」はメールアドレスのため、トーク画面では答えられません',
      '「電話」は電話番号のため、トーク画面では答えられません',
      '「郵便番号」は郵便番号のため、トーク画面では答えられません',
      '「写真」はファイルの添付のため、トーク画面では答えられません',
      '「ご意見」は複数行の文章のため、トーク画面では答えられません',
      '「生年月日」は複数の日付の入力のため、トーク画面では答えられません',
    ]);
  });

  it('refuses choices that do not fit LINE quick replies', () => {
    const result = talkEligibility(
      survey(
        { id: 'many', type: 'singleChoice', display: 'dropdown', label: '町名', options: options(14) },
        {
          id: 'long',
          type: 'multipleChoice',
          label: '理由',
          options: [
            { id: 'a', label: 'あ'.repeat(20) },
            { id: 'b', label: 'い'.repeat(21) },
          ],
        },
      ),
    );
    expect(result.reasons).toEqual([
      '「町名」の選択肢が13個を超えています',
      `「理由」の選択肢「${'い'.repeat(21)}」が20文字を超えています`,
    ]);
  });
});
