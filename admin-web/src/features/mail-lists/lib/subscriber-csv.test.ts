import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { countLines, csvLineProblems, looksGarbled } from './subscriber-csv';

describe('the subscriber CSV', () => {
  it('lists the server’s problems by line, the file’s first, without the line the table already shows', () => {
    const error = new CombinedGraphQLErrors({
      data: null,
      errors: [
        {
          message: 'CSVに誤りがあります（2行）。何も取り込んでいません。',
          extensions: {
            code: 'BAD_USER_INPUT',
            fields: {
              'input.csv.7': '7行目: メールアドレスがありません。',
              'input.csv.3': '3行目: メールアドレスの形式が正しくありません（例: taro@example.jp）。',
              'input.listId': 'リストが見つかりません。',
            },
          },
        },
      ],
    });
    expect(csvLineProblems(error)).toEqual([
      { line: 3, message: 'メールアドレスの形式が正しくありません（例: taro@example.jp）。' },
      { line: 7, message: 'メールアドレスがありません。' },
    ]);
    const whole = new CombinedGraphQLErrors({
      data: null,
      errors: [{ message: 'x', extensions: { code: 'BAD_USER_INPUT', fields: { 'input.csv': '一度に取り込めるのは10,000件までです。' } } }],
    });
    expect(csvLineProblems(whole)).toEqual([{ line: null, message: '一度に取り込めるのは10,000件までです。' }]);
  });

  it('counts the lines with content and notices a CSV that was not UTF-8', () => {
    expect(countLines('メールアドレス\r\ntaro@example.jp\r\n\r\n,,\nhanako@example.jp\n')).toBe(3);
    expect(looksGarbled('taro@example.jp')).toBe(false);
    expect(looksGarbled('\uFFFD\uFFFD')).toBe(true);
  });
});
