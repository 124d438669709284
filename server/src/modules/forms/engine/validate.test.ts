import { describe, expect, it } from 'vitest';
import type { AnswerValue, Answerer, FormField, TextCharset } from './index.js';
import { validateField } from './index.js';

const context = { answers: {}, answerer: 'resident' as Answerer, today: '2026-12-02' };

function check(field: FormField, value: AnswerValue | undefined, answerer: Answerer = 'resident'): string | null {
  return validateField(field, value, { ...context, answerer })?.message ?? null;
}
function code(field: FormField, value: AnswerValue | undefined): string | null {
  return validateField(field, value, context)?.code ?? null;
}

const text = (
  extra: Partial<{ charset: TextCharset; multiline: boolean; maxLength: number; minLength: number; required: boolean }> = {},
): FormField => ({
  id: 'f_text',
  type: 'text',
  label: 'お名前',
  ...extra,
});

describe('required answers', () => {
  it('asks for every kind of empty answer with the message of its field type', () => {
    const required = { id: 'f', label: '質問', required: true } as const;
    for (const empty of [undefined, null, '', '   ', '\u3000', []] as const)
      expect(check(text({ required: true }), empty)).toBe('入力してください');
    expect(check({ ...required, type: 'number' }, undefined)).toBe('入力してください');
    expect(check({ ...required, type: 'email' }, '')).toBe('入力してください');
    expect(check({ ...required, type: 'singleChoice', display: 'radio', options: [{ id: 'a', label: 'A' }] }, undefined)).toBe(
      '選択してください',
    );
    expect(check({ ...required, type: 'multipleChoice', options: [{ id: 'a', label: 'A' }] }, [])).toBe('選択してください');
    expect(check({ ...required, type: 'yesNo' }, null)).toBe('選択してください');
    expect(check({ ...required, type: 'file', accept: 'image' }, [])).toBe('ファイルを添付してください');
    expect(check({ ...required, type: 'consent', text: '規約に同意します' }, undefined)).toBe('同意が必要です');
    expect(check({ ...required, type: 'consent', text: '規約に同意します' }, false)).toBe('同意が必要です');
    expect(code({ ...required, type: 'consent', text: '規約に同意します' }, false)).toBe('notAgreed');
    expect(code(text({ required: true }), '')).toBe('required');
  });

  it('accepts an empty answer to an optional field', () => {
    expect(check(text(), undefined)).toBeNull();
    expect(check({ id: 'f', type: 'consent', label: '同意', text: '同意します' }, false)).toBeNull();
    expect(check({ id: 'f', type: 'number', label: '人数' }, null)).toBeNull();
  });

  it('refuses a resident answer to a staff-only field but lets staff fill it', () => {
    const memo: FormField = { id: 'memo', type: 'text', label: '受付メモ', adminOnly: true, required: true };
    expect(check(memo, '確認済み')).toBe('この項目には回答できません');
    expect(check(memo, undefined)).toBeNull();
    expect(check(memo, '確認済み', 'staff')).toBeNull();
    expect(check(memo, undefined, 'staff')).toBe('入力してください');
  });
});

describe('text', () => {
  it('restricts to 全角 but allows a 全角 space and line breaks in multi-line text', () => {
    expect(check(text({ charset: 'zenkaku' }), '山田　太郎')).toBeNull();
    expect(check(text({ charset: 'zenkaku' }), 'ＡＢＣ１２３')).toBeNull();
    expect(check(text({ charset: 'zenkaku', multiline: true }), '一行目\r\n二行目')).toBeNull();
    for (const v of ['山田 太郎', 'ﾔﾏﾀﾞ', '山田1', 'abc', '山田-太郎'])
      expect(check(text({ charset: 'zenkaku' }), v)).toBe('全角で入力してください');
  });

  it('restricts to 半角', () => {
    expect(check(text({ charset: 'hankaku' }), 'Yamada Taro 123-!')).toBeNull();
    expect(check(text({ charset: 'hankaku' }), 'ﾔﾏﾀﾞ ﾀﾛｳ')).toBeNull();
    for (const v of ['山田', 'ＡＢＣ', 'abc１', 'a\u3000b']) expect(check(text({ charset: 'hankaku' }), v)).toBe('半角で入力してください');
  });

  it('restricts to 半角英数字', () => {
    expect(check(text({ charset: 'alphanumeric' }), 'ABC123xyz')).toBeNull();
    for (const v of ['ABC 123', 'abc-1', 'ａｂｃ'])
      expect(check(text({ charset: 'alphanumeric' }), v)).toBe('半角英数字で入力してください');
  });

  it('restricts to カタカナ with ー and a 全角 space', () => {
    expect(check(text({ charset: 'katakana' }), 'ヤマダ　タロウ')).toBeNull();
    expect(check(text({ charset: 'katakana' }), 'ヴィーナス')).toBeNull();
    // Decomposed ガ (カ + combining dakuten), as macOS pastes it.
    expect(check(text({ charset: 'katakana' }), 'カ\u3099ス')).toBeNull();
    for (const v of ['やまだ', 'ヤマダ タロウ', 'ﾔﾏﾀﾞ', '山田', 'ヤマダ1'])
      expect(check(text({ charset: 'katakana' }), v)).toBe('カタカナで入力してください');
  });

  it('restricts to ひらがな with ー', () => {
    expect(check(text({ charset: 'hiragana' }), 'やまだ　たろう')).toBeNull();
    expect(check(text({ charset: 'hiragana' }), 'すーぱー')).toBeNull();
    for (const v of ['ヤマダ', '山田', 'やまだ taro', 'やまだ1'])
      expect(check(text({ charset: 'hiragana' }), v)).toBe('ひらがなで入力してください');
  });

  it('counts characters as residents do, after trimming', () => {
    expect(check(text({ maxLength: 5 }), '  山田太郎𠮷  ')).toBeNull();
    expect(check(text({ maxLength: 5 }), '山田太郎𠮷さ')).toBe('5文字以内で入力してください');
    expect(code(text({ maxLength: 5 }), '山田太郎𠮷さ')).toBe('tooLong');
    expect(check(text({ minLength: 2 }), '山')).toBe('2文字以上で入力してください');
    expect(check(text(), 'あ'.repeat(1001))).toBe('1000文字以内で入力してください');
    expect(check(text({ multiline: true }), 'あ'.repeat(1001))).toBeNull();
  });

  it('refuses line breaks in single-line text and control characters anywhere', () => {
    expect(check(text(), '一行目\n二行目')).toBe('改行は入力できません');
    expect(check(text({ multiline: true }), 'ベル\u0007')).toBe('使用できない文字が含まれています');
    expect(check(text(), 'abc\u202Edef')).toBe('使用できない文字が含まれています');
    expect(check(text(), '\uD800')).toBe('使用できない文字が含まれています');
  });

  it('refuses a value that is not a string', () => {
    expect(code(text(), 12)).toBe('type');
    expect(check(text(), ['a'])).toBe('回答の形式が正しくありません');
  });
});

describe('number', () => {
  const number = (extra: Partial<{ min: number; max: number; integer: boolean }> = {}): FormField => ({
    id: 'n',
    type: 'number',
    label: '人数',
    ...extra,
  });

  it('accepts finite JSON numbers only', () => {
    expect(check(number(), 3.5)).toBeNull();
    expect(check(number(), 0)).toBeNull();
    expect(check(number(), '3')).toBe('数値で入力してください');
    expect(check(number(), Number.NaN)).toBe('数値で入力してください');
    expect(check(number(), Number.POSITIVE_INFINITY)).toBe('数値で入力してください');
    expect(check(number(), true)).toBe('数値で入力してください');
  });

  it('honours integer and range', () => {
    expect(check(number({ integer: true }), 2.5)).toBe('整数で入力してください');
    expect(code(number({ integer: true }), 2.5)).toBe('integer');
    expect(check(number({ min: 1, max: 10 }), 11)).toBe('1以上10以下の数値を入力してください');
    expect(check(number({ min: 1, max: 10 }), 0)).toBe('1以上10以下の数値を入力してください');
    expect(check(number({ min: 1, max: 10 }), 10)).toBeNull();
    expect(check(number({ min: 0 }), -1)).toBe('0以上の数値を入力してください');
    expect(check(number({ max: 120 }), 121)).toBe('120以下の数値を入力してください');
    expect(code(number({ max: 120 }), 121)).toBe('range');
  });
});

describe('email', () => {
  const email: FormField = { id: 'e', type: 'email', label: 'メールアドレス' };

  it('accepts practical addresses, including old Japanese carrier ones', () => {
    for (const v of [
      'taro@example.jp',
      'taro.yamada+forms@city.example.lg.jp',
      'taro..yamada.@docomo.ne.jp',
      "o'brien@example.com",
      'a@xn--eckwd4c7c.xn--zckzah',
      ' taro@example.jp ',
    ]) {
      expect(check(email, v)).toBeNull();
    }
  });

  it('refuses malformed addresses, spaces, line breaks and overlong ones', () => {
    const bad = [
      'taro',
      'taro@',
      '@example.jp',
      'taro@example',
      'taro@@example.jp',
      'ta ro@example.jp',
      'taro@exa mple.jp',
      'taro@example.jp\r\nBcc: x@y.jp',
      '.taro@example.jp',
      'taro@-example.jp',
      'taro@example.j',
      'たろう@example.jp',
      'taro＠example.jp',
      `${'a'.repeat(65)}@example.jp`,
      `a@${'b'.repeat(250)}.jp`,
      '"taro"@example.jp',
    ];
    for (const v of bad) expect(check(email, v)).toBe('正しいメールアドレスを入力してください');
  });
});

describe('phone', () => {
  const phone: FormField = { id: 'p', type: 'phone', label: '電話番号' };
  const result = (v: string) => validateField(phone, v, context);

  it('accepts Japanese fixed, mobile, IP-phone and free-dial numbers with or without hyphens', () => {
    for (const v of [
      '03-1234-5678',
      '0312345678',
      '06-6123-4567',
      '0166-12-3456',
      '01564-2-1234',
      '090-1234-5678',
      '080 1234 5678',
      '070-1234-5678',
      '050-1234-5678',
      '0120-123-456',
      '0800-123-4567',
      '0570-123-456',
      '03(1234)5678',
      '+81 90-1234-5678',
      '+81-3-1234-5678',
    ]) {
      expect(result(v)).toBeNull();
    }
  });

  it('accepts 全角 digits and hyphens', () => {
    expect(result('０９０－１２３４－５６７８')).toBeNull();
    expect(result('０３ー１２３４ー５６７８')).toBeNull();
  });

  it('refuses numbers that are not real Japanese numbers', () => {
    for (const v of [
      '03-1234-567',
      '090-1234-567',
      '0120-12-345',
      '00-1234-5678',
      '011-123-4567',
      '1234',
      '12-3456-7890',
      '+1 212 555 0100',
      '020-1234-5678',
      '0990-123-456',
      '03--1234-5678',
      '03-1234-5678-',
      'tel:0312345678',
      '0312345678x',
      '',
    ]) {
      if (v === '') continue;
      expect(result(v)?.message).toBe('正しい電話番号を入力してください（例: 03-1234-5678）');
    }
  });
});

describe('postal code', () => {
  const postal: FormField = { id: 'z', type: 'postalCode', label: '郵便番号' };
  it('accepts seven digits in 半角 or 全角, with or without a hyphen', () => {
    for (const v of ['100-0001', '1000001', '１００－０００１', '１０００００１', '〒100-0001']) expect(check(postal, v)).toBeNull();
  });
  it('refuses anything else', () => {
    for (const v of ['100-001', '10000011', '100 0001', 'abc-defg', '1000-001'])
      expect(check(postal, v)).toBe('郵便番号は7桁で入力してください');
  });
});

describe('date and date list', () => {
  const date = (extra: Partial<{ min: string; max: string }> = {}): FormField => ({ id: 'd', type: 'date', label: '生年月日', ...extra });

  it('accepts real calendar dates only', () => {
    expect(check(date(), '2024-02-29')).toBeNull();
    for (const v of ['2023-02-29', '2026-13-01', '2026-04-31', '2026-1-2', '2026/01/02', '令和8年1月2日', '2026-00-10'])
      expect(check(date(), v)).toBe('正しい日付を入力してください');
  });

  it('honours absolute bounds', () => {
    expect(check(date({ min: '2026-01-01', max: '2026-12-31' }), '2025-12-31')).toBe(
      '2026年1月1日から2026年12月31日までの日付を入力してください',
    );
    expect(check(date({ min: '2026-01-01' }), '2025-12-31')).toBe('2026年1月1日以降の日付を入力してください');
    expect(check(date({ max: '2026-12-31' }), '2027-01-01')).toBe('2026年12月31日以前の日付を入力してください');
    expect(check(date({ min: '2026-01-01', max: '2026-12-31' }), '2026-12-31')).toBeNull();
  });

  it('honours bounds relative to today', () => {
    expect(check(date({ max: 'today' }), '2026-12-02')).toBeNull();
    expect(check(date({ max: 'today' }), '2026-12-03')).toBe('2026年12月2日以前の日付を入力してください');
    expect(check(date({ min: 'today+7' }), '2026-12-08')).toBe('2026年12月9日以降の日付を入力してください');
    expect(check(date({ min: 'today-30' }), '2026-11-02')).toBeNull();
  });

  it('checks every date in a list and the number of dates', () => {
    const list: FormField = { id: 'kids', type: 'dateList', label: 'お子さんの生年月日', maxItems: 3, max: 'today' };
    expect(check(list, ['2020-04-01', '2022-08-15'])).toBeNull();
    expect(check(list, ['2020-04-01', '2020-04-01'])).toBeNull();
    expect(check(list, ['2020-04-01', '2020-02-30'])).toBe('正しい日付を入力してください');
    expect(check(list, ['2027-01-01'])).toBe('2026年12月2日以前の日付を入力してください');
    expect(check(list, ['2020-01-01', '2021-01-01', '2022-01-01', '2023-01-01'])).toBe('3件以内で入力してください');
    expect(check(list, '2020-04-01')).toBe('回答の形式が正しくありません');
  });
});

describe('time', () => {
  const time: FormField = { id: 't', type: 'time', label: '希望時刻', min: '09:00', max: '17:00' };
  it('accepts HH:MM within the bounds', () => {
    expect(check(time, '09:00')).toBeNull();
    expect(check(time, '17:00')).toBeNull();
    for (const v of ['9:00', '24:00', '12:60', '12:00:00']) expect(check(time, v)).toBe('正しい時刻を入力してください');
    expect(check(time, '08:59')).toBe('09:00から17:00までの時刻を入力してください');
  });
});

describe('choices', () => {
  const single: FormField = {
    id: 's',
    type: 'singleChoice',
    display: 'dropdown',
    label: '地区',
    options: [
      { id: 'north', label: '北地区' },
      { id: 'south', label: '南地区' },
    ],
  };
  const multiple: FormField = {
    id: 'm',
    type: 'multipleChoice',
    label: '関心のある分野',
    minSelected: 2,
    maxSelected: 3,
    options: ['kosodate', 'kenshin', 'event', 'bousai'].map((id) => ({ id, label: id })),
  };

  it('accepts an offered option and refuses anything else', () => {
    expect(check(single, 'north')).toBeNull();
    expect(check(single, 'west')).toBe('選択肢から選んでください');
    expect(code(single, 'west')).toBe('option');
    expect(check(single, ['north'])).toBe('回答の形式が正しくありません');
  });

  it('checks the options and how many are chosen', () => {
    expect(check(multiple, ['event', 'kosodate'])).toBeNull();
    expect(check(multiple, ['event', 'nope'])).toBe('選択肢から選んでください');
    expect(check(multiple, ['event'])).toBe('2個以上選んでください');
    expect(check(multiple, ['event', 'kosodate', 'kenshin', 'bousai'])).toBe('3個まで選んでください');
    expect(code(multiple, ['event', 'event'])).toBe('type');
  });
});

describe('file, consent and yes/no', () => {
  const file: FormField = { id: 'photo', type: 'file', accept: 'image', label: '写真', maxFiles: 2 };
  const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

  it('accepts media ids up to the limit', () => {
    expect(check(file, [id(1), id(2)])).toBeNull();
    expect(check(file, [id(1), id(2), id(3)])).toBe('ファイルは2件まで添付できます');
    expect(check({ id: 'photo', type: 'file', accept: 'image', label: '写真' }, [id(1), id(2)])).toBe('ファイルは1件まで添付できます');
    expect(check(file, ['../../etc/passwd'])).toBe('ファイルを添付し直してください');
    expect(check(file, [id(1), id(1)])).toBe('ファイルを添付し直してください');
  });

  it('takes booleans for consent and yes/no', () => {
    expect(check({ id: 'c', type: 'consent', label: '同意', text: '規約', required: true }, true)).toBeNull();
    expect(check({ id: 'c', type: 'consent', label: '同意', text: '規約' }, 'yes')).toBe('回答の形式が正しくありません');
    expect(check({ id: 'y', type: 'yesNo', label: '持ち込み' }, false)).toBeNull();
    expect(check({ id: 'y', type: 'yesNo', label: '持ち込み' }, 'はい')).toBe('回答の形式が正しくありません');
  });

  it('never complains about display fields', () => {
    expect(check({ id: 'h', type: 'heading', label: '見出し' }, undefined)).toBeNull();
  });
});
