import { describe, expect, it } from 'vitest';
import type { FormDefinition } from './index.js';
import {
  answerableFields,
  checkDefinition,
  evaluateCondition,
  isFieldVisible,
  validateAnswers,
  validatePage,
  visibleOptions,
  residentPages,
  visiblePages,
} from './index.js';

/** 粗大ごみ収集の申込, cut down: branching on fields, options and a whole page. */
const form: FormDefinition = {
  schemaVersion: 1,
  pages: [
    {
      id: 'p_1',
      fields: [
        { id: 'intro', type: 'heading', label: '申込者' },
        { id: 'name', type: 'text', label: 'お名前', required: true, personal: true },
        { id: 'resident', type: 'yesNo', label: '市内にお住まいですか', required: true },
        {
          id: 'address',
          type: 'text',
          label: '市内のご住所',
          required: true,
          visibleWhen: { field: 'resident', op: 'equals', value: true },
        },
        {
          id: 'kind',
          type: 'singleChoice',
          display: 'radio',
          label: '出すもの',
          required: true,
          options: [
            { id: 'furniture', label: '家具' },
            { id: 'appliance', label: '家電' },
            { id: 'bulk', label: '大量のごみ', visibleWhen: { field: 'resident', op: 'equals', value: true } },
          ],
        },
        { id: 'memo', type: 'text', label: '受付メモ', adminOnly: true },
      ],
    },
    {
      id: 'p_2',
      visibleWhen: { field: 'kind', op: 'equals', value: 'appliance' },
      fields: [
        {
          id: 'recycle',
          type: 'multipleChoice',
          label: 'リサイクル家電',
          required: true,
          options: [
            { id: 'tv', label: 'テレビ' },
            { id: 'aircon', label: 'エアコン' },
          ],
        },
        {
          id: 'count',
          type: 'number',
          label: '台数',
          required: true,
          integer: true,
          min: 1,
          max: 5,
          visibleWhen: { field: 'recycle', op: 'includes', value: 'tv' },
        },
      ],
    },
    { id: 'p_3', fields: [{ id: 'agree', type: 'consent', label: '同意', text: '収集日に立ち会えない場合は…', required: true }] },
  ],
};

describe('conditions', () => {
  it('evaluates every operator, treating unanswered as not matching', () => {
    const answers = { a: 'x', n: 5, m: ['tv'], d: '2026-12-02', b: false, empty: '' };
    expect(evaluateCondition(undefined, {})).toBe(true);
    expect(evaluateCondition({ field: 'a', op: 'equals', value: 'x' }, answers)).toBe(true);
    expect(evaluateCondition({ field: 'a', op: 'notEquals', value: 'x' }, answers)).toBe(false);
    expect(evaluateCondition({ field: 'missing', op: 'notEquals', value: 'x' }, answers)).toBe(true);
    expect(evaluateCondition({ field: 'b', op: 'equals', value: false }, answers)).toBe(true);
    expect(evaluateCondition({ field: 'm', op: 'includes', value: 'tv' }, answers)).toBe(true);
    expect(evaluateCondition({ field: 'm', op: 'excludes', value: 'tv' }, answers)).toBe(false);
    expect(evaluateCondition({ field: 'n', op: 'gt', value: 4 }, answers)).toBe(true);
    expect(evaluateCondition({ field: 'n', op: 'lte', value: 4 }, answers)).toBe(false);
    expect(evaluateCondition({ field: 'd', op: 'gte', value: '2026-12-02' }, answers)).toBe(true);
    expect(evaluateCondition({ field: 'd', op: 'lt', value: '2026-12-02' }, answers)).toBe(false);
    expect(evaluateCondition({ field: 'missing', op: 'lt', value: 3 }, answers)).toBe(false);
    expect(evaluateCondition({ field: 'empty', op: 'answered' }, answers)).toBe(false);
    expect(evaluateCondition({ field: 'empty', op: 'notAnswered' }, answers)).toBe(true);
    expect(evaluateCondition({ all: [{ field: 'a', op: 'answered' }, { not: { field: 'b', op: 'equals', value: true } }] }, answers)).toBe(
      true,
    );
    expect(
      evaluateCondition(
        {
          any: [
            { field: 'a', op: 'notAnswered' },
            { field: 'n', op: 'lt', value: 5 },
          ],
        },
        answers,
      ),
    ).toBe(false);
  });

  it('never reads inherited properties as answers', () => {
    expect(evaluateCondition({ field: 'constructor', op: 'answered' }, {})).toBe(false);
    expect(evaluateCondition({ field: 'toString', op: 'notAnswered' }, {})).toBe(true);
  });
});

describe('branching', () => {
  it('is a valid definition', () => {
    expect(checkDefinition(form)).toMatchObject({ ok: true });
  });

  it('shows a field only while its condition holds', () => {
    expect(isFieldVisible(form, 'address', { resident: true })).toBe(true);
    expect(isFieldVisible(form, 'address', { resident: false })).toBe(false);
    expect(isFieldVisible(form, 'nope', {})).toBe(false);
  });

  it('never walks a resident through a page of staff-only fields (職員記入欄)', () => {
    const withStaffPage: FormDefinition = {
      ...form,
      pages: [
        ...form.pages,
        { id: 'p_staff', title: '職員記入欄', fields: [{ id: 'memo', type: 'text', label: '受付メモ', adminOnly: true }] },
      ],
    };
    expect(visiblePages(withStaffPage, { kind: 'furniture' }).map((p) => p.id)).toEqual(['p_1', 'p_3', 'p_staff']);
    expect(residentPages(withStaffPage, { kind: 'furniture' }).map((p) => p.id)).toEqual(['p_1', 'p_3']);
  });

  it('shows options only while their condition holds', () => {
    const kind = form.pages[0]!.fields[4]!;
    expect(visibleOptions(kind, { resident: true }).map((o) => o.id)).toEqual(['furniture', 'appliance', 'bulk']);
    expect(visibleOptions(kind, { resident: false }).map((o) => o.id)).toEqual(['furniture', 'appliance']);
    expect(visibleOptions(form.pages[0]!.fields[1]!, {})).toEqual([]);
  });

  it('shows a page only while its condition holds, and hides every field on a hidden page', () => {
    expect(visiblePages(form, { kind: 'furniture' }).map((p) => p.id)).toEqual(['p_1', 'p_3']);
    expect(visiblePages(form, { kind: 'appliance' }).map((p) => p.id)).toEqual(['p_1', 'p_2', 'p_3']);
    expect(isFieldVisible(form, 'recycle', { kind: 'furniture', recycle: ['tv'] })).toBe(false);
    expect(isFieldVisible(form, 'count', { kind: 'furniture', recycle: ['tv'] })).toBe(false);
    expect(isFieldVisible(form, 'count', { kind: 'appliance', recycle: ['tv'] })).toBe(true);
  });

  it('forgets an answer left behind on a branch the resident backed out of', () => {
    const chain: FormDefinition = {
      schemaVersion: 1,
      pages: [
        {
          id: 'p',
          fields: [
            { id: 'child', type: 'yesNo', label: 'お子さんはいますか' },
            {
              id: 'age',
              type: 'singleChoice',
              display: 'radio',
              label: '年齢',
              visibleWhen: { field: 'child', op: 'equals', value: true },
              options: [{ id: 'baby', label: '0歳' }],
            },
            { id: 'nursery', type: 'yesNo', label: '保育園の案内', visibleWhen: { field: 'age', op: 'equals', value: 'baby' } },
            {
              id: 'topic',
              type: 'singleChoice',
              display: 'radio',
              label: '関心',
              options: [
                { id: 'general', label: '一般' },
                { id: 'kids', label: '子育て', visibleWhen: { field: 'child', op: 'equals', value: true } },
              ],
            },
            { id: 'kidsNews', type: 'yesNo', label: '子育て通信', visibleWhen: { field: 'topic', op: 'equals', value: 'kids' } },
          ],
        },
      ],
    };
    const stale = { child: false, age: 'baby', nursery: true, topic: 'kids', kidsNews: true };
    expect(isFieldVisible(chain, 'nursery', { ...stale, child: true })).toBe(true);
    expect(isFieldVisible(chain, 'nursery', stale)).toBe(false);
    expect(isFieldVisible(chain, 'kidsNews', { ...stale, child: true })).toBe(true);
    expect(isFieldVisible(chain, 'kidsNews', stale)).toBe(false);
    expect(validateAnswers(chain, { ...stale, topic: 'general' }, { answerer: 'resident' }).values).toEqual({
      child: false,
      topic: 'general',
    });
  });

  it('lists what each answerer fills in', () => {
    const ids = (answerer: 'resident' | 'staff') =>
      answerableFields(form, { resident: true, kind: 'furniture' }, answerer).map((f) => f.id);
    expect(ids('resident')).toEqual(['name', 'resident', 'address', 'kind', 'agree']);
    expect(ids('staff')).toEqual(['name', 'resident', 'address', 'kind', 'memo', 'agree']);
  });
});

describe('validateAnswers', () => {
  const today = '2026-12-02';

  it('does not require a hidden conditional required field, and drops answers to hidden fields', () => {
    const result = validateAnswers(
      form,
      { name: ' 山田 太郎 ', resident: false, address: '市内のどこか', kind: 'furniture', recycle: ['tv'], count: 2, agree: true },
      { answerer: 'resident', today },
    );
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.values).toEqual({ name: '山田 太郎', resident: false, kind: 'furniture', agree: true });
  });

  it('requires the conditional field once it is shown', () => {
    const result = validateAnswers(
      form,
      { name: '山田', resident: true, kind: 'appliance', recycle: ['tv'], agree: true },
      { answerer: 'resident', today },
    );
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      { field: 'address', code: 'required', message: '入力してください' },
      { field: 'count', code: 'required', message: '入力してください' },
    ]);
  });

  it('refuses an option hidden by its condition', () => {
    const result = validateAnswers(form, { name: '山田', resident: false, kind: 'bulk', agree: true }, { answerer: 'resident', today });
    expect(result.errors).toEqual([{ field: 'kind', code: 'option', message: '選択肢から選んでください' }]);
  });

  it('refuses unknown keys, answers to display fields and residents writing staff-only fields', () => {
    const result = validateAnswers(
      form,
      { name: '山田', resident: false, kind: 'furniture', agree: true, memo: '至急', intro: 'x', hacker: 1 },
      { answerer: 'resident', today },
    );
    expect(result.errors).toEqual([
      { field: 'memo', code: 'unknownField', message: 'この項目には回答できません' },
      { field: 'intro', code: 'unknownField', message: 'この項目はフォームにありません' },
      { field: 'hacker', code: 'unknownField', message: 'この項目はフォームにありません' },
    ]);
    const staff = validateAnswers(
      form,
      { name: '山田', resident: false, kind: 'furniture', agree: true, memo: '至急' },
      { answerer: 'staff', today },
    );
    expect(staff).toMatchObject({ ok: true, values: { memo: '至急' } });
  });

  it('keeps a __proto__ key from reaching the stored values', () => {
    const answers = JSON.parse('{"name":"山田","resident":false,"kind":"furniture","agree":true,"__proto__":{"polluted":true}}');
    const result = validateAnswers(form, answers, { answerer: 'resident', today });
    expect(result.errors.map((e) => e.field)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('normalises what it stores', () => {
    const definition: FormDefinition = {
      schemaVersion: 1,
      pages: [
        {
          id: 'p',
          fields: [
            { id: 'tel', type: 'phone', label: '電話' },
            { id: 'zip', type: 'postalCode', label: '郵便番号' },
            { id: 'note', type: 'text', label: 'ご意見', multiline: true },
            {
              id: 'topics',
              type: 'multipleChoice',
              label: '分野',
              options: [
                { id: 'a', label: 'A' },
                { id: 'b', label: 'B' },
                { id: 'c', label: 'C' },
              ],
            },
          ],
        },
      ],
    };
    const result = validateAnswers(
      definition,
      { tel: '０９０－１２３４－５６７８', zip: '１０００００１', note: '  一行目\r\n二行目\r  ', topics: ['c', 'a'] },
      { answerer: 'resident', today },
    );
    expect(result.values).toEqual({ tel: '090-1234-5678', zip: '100-0001', note: '一行目\n二行目', topics: ['a', 'c'] });
  });
});

describe('validatePage', () => {
  it('checks only what the resident can see on that page', () => {
    expect(validatePage(form, 'p_1', { resident: false }, 'resident')).toEqual([
      { field: 'name', code: 'required', message: '入力してください' },
      { field: 'kind', code: 'required', message: '選択してください' },
    ]);
    expect(validatePage(form, 'p_2', { kind: 'furniture' }, 'resident')).toEqual([]);
    expect(validatePage(form, 'p_2', { kind: 'appliance', recycle: ['tv'], count: 9 }, 'resident')).toEqual([
      { field: 'count', code: 'range', message: '1以上5以下の数値を入力してください' },
    ]);
    expect(validatePage(form, 'p_3', {}, 'resident')).toEqual([{ field: 'agree', code: 'notAgreed', message: '同意が必要です' }]);
    expect(validatePage(form, 'nope', {}, 'resident')).toEqual([]);
  });
});
