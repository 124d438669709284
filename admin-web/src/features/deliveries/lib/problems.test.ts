import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { emptyMessage } from './messages';
import type { MessageDraft } from './messages';
import { checkVariant, csvRowProblems, fieldsWithPaths, placeServerFields, problemsAt, problemsBesides } from './problems';

describe('placeServerFields', () => {
  it('puts a message problem beside the message it was about, by the order the variants were sent in', () => {
    const placed = placeServerFields(
      {
        title: '配信の件名（管理用）を入力してください。',
        'variants.1.messages.0.text': 'English: 1通目のテキストを入力してください。',
        'variants.1.messages': 'English: セグメント配信では差し込み項目（表示名など）は使えません。',
        'variants.0.language': '対応していない言語です。',
        variants: '日本語の内容は必ず入力してください。',
        'recurrence.byNthWeekday.1.n': '第何週は1〜5か最終（-1）で指定してください。',
        'rule.byWeekday.0': '曜日が正しくありません。',
        recurrence: '繰り返しの設定を入力してください。',
      },
      [
        { language: 'ja', keys: ['m1'] },
        { language: 'en', keys: ['m2', 'm3'] },
      ],
    );
    expect(placed.fields).toEqual({
      title: ['配信の件名（管理用）を入力してください。'],
      variants: ['日本語の内容は必ず入力してください。'],
    });
    expect(placed.variants.en).toEqual({
      general: ['English: セグメント配信では差し込み項目（表示名など）は使えません。'],
      byMessage: { m2: [{ path: 'text', message: 'English: 1通目のテキストを入力してください。' }] },
    });
    expect(placed.variants.ja?.general).toEqual(['対応していない言語です。']);
    expect(placed.recurrence).toEqual({
      'byNthWeekday.1': ['第何週は1〜5か最終（-1）で指定してください。'],
      byWeekday: ['曜日が正しくありません。'],
      '': ['繰り返しの設定を入力してください。'],
    });
  });

  it('reads whole field keys out of an Apollo error (the shared reader keeps only their last part)', () => {
    const error = new CombinedGraphQLErrors({
      errors: [
        new GraphQLError('配信内容に誤りがあります（1件）。', {
          extensions: { code: 'BAD_USER_INPUT', fields: { 'variants.0.messages.2.text': 'x' } },
        }),
      ],
    });
    expect(fieldsWithPaths(error)).toEqual({ 'variants.0.messages.2.text': 'x' });
  });
});

describe('checkVariant', () => {
  const describe_ = (problem: { kind: string }, n: number) => `${n}:${problem.kind}`;

  it('finds what the server would refuse with the server’s own words, beside each message', () => {
    const text = emptyMessage('text');
    const card: MessageDraft = {
      ...emptyMessage('card'),
      type: 'card',
      title: 'あ'.repeat(41),
      text: '',
      imageUrl: '',
      buttonLabel: '申し込む',
      url: 'http://example.jp',
    };
    const found = checkVariant([text, card], describe_);
    expect(problemsAt(found.byMessage[text.key], 'text')).toEqual(['1通目のテキストを入力してください。']);
    expect(problemsAt(found.byMessage[card.key], 'title')).toEqual(['2通目のタイトルは40文字以内で入力してください。']);
    expect(problemsAt(found.byMessage[card.key], 'url')).toEqual(['2通目のリンク先URLはhttps://で始まるURLを入力してください。']);
  });

  it('reports broken JSON once, not the checks of what it could not read', () => {
    const flex = { ...emptyMessage('flex'), contents: '{ "type": ' } as MessageDraft;
    const found = checkVariant([flex], describe_);
    expect(found.byMessage[flex.key]).toEqual([{ path: '', message: '1:json' }]);
    expect(problemsBesides(found.byMessage[flex.key], ['altText'])).toEqual(['1:json']);
  });

  it('refuses a sixth message and an empty variant as the server does', () => {
    expect(checkVariant([], describe_).general).toEqual(['メッセージを1通以上作成してください。']);
    const six = Array.from({ length: 6 }, () => ({ ...emptyMessage('text'), text: 'a' }) as MessageDraft);
    expect(checkVariant(six, describe_).general).toEqual(['メッセージは5通以内にしてください。']);
  });
});

describe('csvRowProblems', () => {
  it('lists a refused list import by row, without repeating the row in the sentence', () => {
    expect(
      csvRowProblems({
        'csv.12.resident_id': '12行目: この配信のチャネルの住民が見つかりません。',
        'csv.3.resident_id': '3行目: 住民IDの形式が正しくありません（abc）。',
        title: 'ignored',
      }),
    ).toEqual([
      { row: 3, message: '住民IDの形式が正しくありません（abc）。' },
      { row: 12, message: 'この配信のチャネルの住民が見つかりません。' },
    ]);
  });
});
