import { describe, expect, it } from 'vitest';
import { checkDefinition } from './index.js';

const page = (fields: unknown[], extra: Record<string, unknown> = {}) => ({
  id: `p_${Math.random().toString(36).slice(2, 8)}`,
  fields,
  ...extra,
});
const form = (...pages: unknown[]) => ({ schemaVersion: 1, pages });
const problems = (definition: unknown) => {
  const result = checkDefinition(definition);
  return result.ok ? [] : result.problems;
};
const yesNo = (id: string, extra: Record<string, unknown> = {}) => ({ id, type: 'yesNo', label: `質問${id}`, ...extra });
const choice = (id: string, options: unknown[], extra: Record<string, unknown> = {}) => ({
  id,
  type: 'singleChoice',
  display: 'radio',
  label: `質問${id}`,
  options,
  ...extra,
});

describe('checkDefinition', () => {
  it('accepts a form using every field type', () => {
    const definition = form(
      page([
        { id: 'h', type: 'heading', label: '申込者' },
        { id: 'para', type: 'paragraph', label: '説明', text: '以下に入力してください。' },
        { id: 'name', type: 'text', label: 'お名前', charset: 'zenkaku', maxLength: 50, required: true, personal: true },
        { id: 'kana', type: 'text', label: 'フリガナ', charset: 'katakana', minLength: 1, maxLength: 50 },
        { id: 'age', type: 'number', label: '年齢', min: 0, max: 130, integer: true, unit: '歳', attributeKey: 'age' },
        { id: 'mail', type: 'email', label: 'メール' },
        { id: 'tel', type: 'phone', label: '電話' },
        { id: 'zip', type: 'postalCode', label: '郵便番号', addressField: 'addr' },
        { id: 'addr', type: 'text', label: '住所' },
        { id: 'day', type: 'date', label: '希望日', min: 'today+3', max: '2027-03-31' },
        { id: 'kids', type: 'dateList', label: 'お子さん', maxItems: 5, max: 'today', attributeKey: 'children_birthdates' },
        { id: 'at', type: 'time', label: '時刻', min: '09:00', max: '17:00' },
        choice(
          'area',
          [
            { id: 'north', label: '北' },
            { id: '20s', label: '20代' },
          ],
          { attributeKey: 'area' },
        ),
        {
          id: 'topics',
          type: 'multipleChoice',
          label: '関心',
          options: [
            { id: 'a', label: 'A' },
            { id: 'b', label: 'B' },
          ],
          minSelected: 1,
          maxSelected: 2,
        },
        { id: 'photo', type: 'file', label: '写真', accept: 'image', maxFiles: 3 },
        { id: 'agree', type: 'consent', label: '同意', text: '規約に同意します', required: true },
        yesNo('yn'),
      ]),
      page([{ id: 'more', type: 'text', label: '追加', multiline: true, maxLength: 2000 }], {
        title: '追加',
        visibleWhen: { field: 'yn', op: 'equals', value: true },
      }),
    );
    expect(problems(definition)).toEqual([]);
    expect(checkDefinition(definition)).toEqual({ ok: true, definition });
  });

  it('rejects what is not a definition', () => {
    expect(problems(null)).toEqual([{ path: '', message: 'フォームの定義が正しくありません' }]);
    expect(problems({ schemaVersion: 2, pages: [] })).toEqual([
      { path: 'schemaVersion', message: 'schemaVersion は 1 にしてください' },
      { path: 'pages', message: 'ページを1つ以上作ってください' },
    ]);
  });

  it('rejects unknown field types and unknown keys', () => {
    expect(problems(form(page([{ id: 'x', type: 'signature', label: '署名' }])))[0]).toMatchObject({
      path: 'pages[0].fields[0].type',
      message: '不明な項目の種類です: signature',
    });
    expect(problems(form(page([yesNo('x', { script: 'alert(1)' })])))).toEqual([
      { path: 'pages[0].fields[0].script', message: 'script はここでは使えません' },
    ]);
    expect(problems(form(page([{ id: 'h', type: 'heading', label: '見出し', required: true }])))).toEqual([
      { path: 'pages[0].fields[0].required', message: 'required はここでは使えません' },
    ]);
  });

  it('rejects duplicate and malformed ids', () => {
    expect(problems(form(page([yesNo('a'), yesNo('a')])))).toEqual([
      { path: 'pages[0].fields[1].id', message: '項目のID a が重複しています' },
    ]);
    expect(problems(form(page([yesNo('a')]), page([yesNo('a')])))).toEqual([
      { path: 'pages[1].fields[0].id', message: '項目のID a が重複しています' },
    ]);
    expect(problems(form({ id: 'p', fields: [yesNo('a')] }, { id: 'p', fields: [yesNo('b')] }))).toEqual([
      { path: 'pages[1].id', message: 'ページのID p が重複しています' },
    ]);
    expect(problems(form(page([yesNo('__proto__')])))[0]).toMatchObject({ path: 'pages[0].fields[0].id' });
    expect(
      problems(
        form(
          page([
            choice('c', [
              { id: 'x', label: 'X' },
              { id: 'x', label: 'Y' },
            ]),
          ]),
        ),
      ),
    ).toEqual([{ path: 'pages[0].fields[0].options[1].id', message: '選択肢のID x が重複しています' }]);
  });

  it('requires labels and non-empty, unique options within limits', () => {
    expect(problems(form(page([{ id: 'a', type: 'yesNo', label: '  ' }])))).toEqual([
      { path: 'pages[0].fields[0].label', message: '質問文を入力してください' },
    ]);
    expect(problems(form(page([yesNo('a', { label: 'あ'.repeat(201) })])))).toEqual([
      { path: 'pages[0].fields[0].label', message: '質問文は200文字以内にしてください' },
    ]);
    expect(problems(form(page([choice('c', [])])))).toEqual([
      { path: 'pages[0].fields[0].options', message: '選択肢を1つ以上作ってください' },
    ]);
    expect(
      problems(
        form(
          page([
            choice('c', [
              { id: 'x', label: '同じ' },
              { id: 'y', label: '同じ' },
            ]),
          ]),
        ),
      ),
    ).toEqual([{ path: 'pages[0].fields[0].options[1].label', message: '選択肢「同じ」が重複しています' }]);
    const many = Array.from({ length: 101 }, (_, i) => ({ id: `o${i}`, label: `選択肢${i}` }));
    expect(problems(form(page([choice('c', many)])))).toEqual([{ path: 'pages[0].fields[0].options', message: '選択肢は100個までです' }]);
    const fields = Array.from({ length: 201 }, (_, i) => yesNo(`f${i}`));
    expect(problems(form(page(fields)))).toEqual([{ path: 'pages', message: '項目は全部で200個までです（いま201個）' }]);
    expect(problems(form(page([])))).toEqual([{ path: 'pages[0].fields', message: '各ページに項目を1つ以上置いてください' }]);
  });

  it('rejects min greater than max and insane limits', () => {
    expect(problems(form(page([{ id: 'n', type: 'number', label: '数', min: 10, max: 1 }])))).toEqual([
      { path: 'pages[0].fields[0].min', message: '最小値は最大値以下にしてください' },
    ]);
    expect(problems(form(page([{ id: 't', type: 'text', label: '文', minLength: 10, maxLength: 5 }])))).toEqual([
      { path: 'pages[0].fields[0].minLength', message: '最小文字数は最大文字数以下にしてください' },
    ]);
    expect(problems(form(page([{ id: 't', type: 'text', label: '文', maxLength: 5000 }])))).toEqual([
      { path: 'pages[0].fields[0].maxLength', message: '1から1000までの整数にしてください' },
    ]);
    expect(problems(form(page([{ id: 'd', type: 'date', label: '日', min: '2027-01-01', max: '2026-01-01' }])))).toEqual([
      { path: 'pages[0].fields[0].min', message: '開始日は終了日以前にしてください' },
    ]);
    expect(problems(form(page([{ id: 'd', type: 'date', label: '日', min: '2026-02-30' }])))[0]).toMatchObject({
      path: 'pages[0].fields[0].min',
    });
    expect(problems(form(page([{ id: 'n', type: 'number', label: '数', min: '1' }])))).toEqual([
      { path: 'pages[0].fields[0].min', message: '数値で指定してください' },
    ]);
    expect(problems(form(page([{ id: 'f', type: 'file', label: 'ファイル', accept: 'exe', maxFiles: 50 }])))).toHaveLength(2);
    expect(
      problems(form(page([{ id: 'm', type: 'multipleChoice', label: '複', options: [{ id: 'a', label: 'A' }], maxSelected: 2 }]))),
    ).toEqual([{ path: 'pages[0].fields[0].maxSelected', message: '1から1までの整数にしてください' }]);
  });

  it('rejects conditions that refer forward, to the field itself or to nothing', () => {
    expect(problems(form(page([yesNo('a', { visibleWhen: { field: 'b', op: 'equals', value: true } }), yesNo('b')])))).toEqual([
      { path: 'pages[0].fields[0].visibleWhen.field', message: '条件には、この項目より前にある項目だけを使えます（b）' },
    ]);
    expect(problems(form(page([yesNo('a', { visibleWhen: { field: 'a', op: 'answered' } })])))[0]).toMatchObject({
      path: 'pages[0].fields[0].visibleWhen.field',
    });
    expect(problems(form(page([yesNo('a', { visibleWhen: { field: 'ghost', op: 'answered' } })])))[0]?.message).toBe(
      '条件に使う項目 ghost がありません（見出しと説明文は使えません）',
    );
    // A page's condition may use earlier pages only, not its own fields.
    expect(problems(form(page([yesNo('a')]), page([yesNo('b')], { visibleWhen: { field: 'b', op: 'answered' } })))[0]).toMatchObject({
      path: 'pages[1].visibleWhen.field',
    });
    // An option's condition may not use its own field or a later one.
    expect(problems(form(page([choice('c', [{ id: 'x', label: 'X', visibleWhen: { field: 'c', op: 'answered' } }])])))[0]).toMatchObject({
      path: 'pages[0].fields[0].options[0].visibleWhen.field',
    });
    expect(
      problems(form(page([{ id: 'h', type: 'heading', label: '見出し' }, yesNo('a', { visibleWhen: { field: 'h', op: 'answered' } })])))[0],
    ).toMatchObject({ path: 'pages[0].fields[1].visibleWhen.field' });
  });

  it('rejects conditions naming options that do not exist or operators that do not fit', () => {
    const c = choice('c', [{ id: 'x', label: 'X' }]);
    const m = { id: 'm', type: 'multipleChoice', label: '複', options: [{ id: 'tv', label: 'テレビ' }] };
    const after = (visibleWhen: unknown) => problems(form(page([c, m, yesNo('q', { visibleWhen })]))).map((p) => p.message);
    expect(after({ field: 'c', op: 'equals', value: 'x' })).toEqual([]);
    expect(after({ field: 'c', op: 'equals', value: 'nope' })).toEqual(['選択肢 nope がありません']);
    expect(after({ field: 'm', op: 'includes', value: 'radio' })).toEqual(['選択肢 radio がありません']);
    expect(after({ field: 'm', op: 'equals', value: 'tv' })).toEqual(['複数選択の項目には「等しい」「等しくない」は使えません']);
    expect(after({ field: 'c', op: 'includes', value: 'x' })).toEqual(['「含む」「含まない」は複数選択の項目にだけ使えます（単一選択）']);
    expect(after({ field: 'c', op: 'gt', value: 3 })).toEqual(['大小の比較は数値・日付・時刻の項目にだけ使えます（単一選択）']);
    expect(after({ field: 'c', op: 'matches', value: 'x' })).toEqual(['不明な条件です: matches']);
    expect(after({ field: 'c', op: 'answered', value: 'x' })).toEqual(['「回答あり」「回答なし」の条件に値は指定しません']);
    expect(after({ all: [] })).toEqual(['条件を1つ以上指定してください']);
    expect(after({ all: [{ field: 'c', op: 'answered' }], any: [] })).toEqual([
      '条件は all / any / not / field のどれか1つで書いてください',
    ]);
    expect(after({ not: { not: { not: { not: { not: { field: 'c', op: 'answered' } } } } } })).toEqual(['条件の入れ子は5段までです']);
  });

  it('keeps staff-only answers out of what residents see', () => {
    const memo = { id: 'memo', type: 'yesNo', label: '要確認', adminOnly: true };
    expect(problems(form(page([memo, yesNo('q', { visibleWhen: { field: 'memo', op: 'equals', value: true } })])))).toEqual([
      { path: 'pages[0].fields[1].visibleWhen.field', message: '職員だけが入力する項目は、住民が答える項目の表示条件に使えません' },
    ]);
    expect(
      problems(form(page([memo, yesNo('q', { adminOnly: true, visibleWhen: { field: 'memo', op: 'equals', value: true } })]))),
    ).toEqual([]);
  });

  it('rejects an address field that is not a text field, and two fields bound to one attribute', () => {
    expect(problems(form(page([{ id: 'zip', type: 'postalCode', label: '郵便番号', addressField: 'nope' }])))).toEqual([
      { path: 'pages[0].fields[0].addressField', message: '住所を入れる項目には、このフォームの文章の項目を指定してください' },
    ]);
    expect(problems(form(page([yesNo('a', { attributeKey: 'k' }), yesNo('b', { attributeKey: 'k' })])))).toEqual([
      { path: 'pages[0].fields[1].attributeKey', message: '属性 k に結び付けた項目が2つあります' },
    ]);
    expect(problems(form(page([{ id: 'f', type: 'file', label: '写真', accept: 'image', attributeKey: 'photo' }])))[0]?.message).toBe(
      'ファイルの項目は住民の属性に結び付けられません',
    );
  });
});
