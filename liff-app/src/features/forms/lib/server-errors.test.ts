import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from './server-errors';

describe('fieldErrorsOf', () => {
  it('maps BAD_USER_INPUT field messages onto field ids', () => {
    const error = new CombinedGraphQLErrors({
      errors: [
        {
          message: '入力内容を確認してください。',
          extensions: {
            code: 'BAD_USER_INPUT',
            fields: {
              f_name: '入力してください',
              'answers.f_tel': '正しい電話番号を入力してください',
              contactEmail: '正しいメールアドレスを入力してください',
            },
          },
        },
      ],
    });
    expect(fieldErrorsOf(error)).toEqual({
      f_name: '入力してください',
      f_tel: '正しい電話番号を入力してください',
      contactEmail: '正しいメールアドレスを入力してください',
    });
  });

  it('is null for other errors', () => {
    expect(
      fieldErrorsOf(
        new CombinedGraphQLErrors({ errors: [{ message: '受付は終了しました', extensions: { code: 'PRECONDITION_FAILED' } }] }),
      ),
    ).toBeNull();
    expect(fieldErrorsOf(new TypeError('offline'))).toBeNull();
  });
});
