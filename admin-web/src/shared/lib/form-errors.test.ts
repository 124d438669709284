import { describe, expect, it } from 'vitest';
import { formErrorOutcome, splitFieldErrors } from './form-errors';
import type { ApiErrorInfo } from './graphql-errors';

function info(partial: Partial<ApiErrorInfo>): ApiErrorInfo {
  return { kind: 'graphql', code: null, reason: null, message: null, fields: {}, retryAfterSeconds: null, ...partial };
}

describe('splitFieldErrors', () => {
  it('puts messages of known fields beside them and the rest aside', () => {
    expect(splitFieldErrors({ loginId: '使用済みです。', secret: '不正です。' }, ['loginId', 'displayName'])).toEqual({
      formErrors: [{ name: 'loginId', errors: ['使用済みです。'] }],
      unmatched: ['不正です。'],
    });
  });

  it('follows aliases from input names to form names', () => {
    expect(splitFieldErrors({ newPassword: '短すぎます。' }, ['initialPassword'], { newPassword: 'initialPassword' })).toEqual({
      formErrors: [{ name: 'initialPassword', errors: ['短すぎます。'] }],
      unmatched: [],
    });
  });
});

describe('formErrorOutcome', () => {
  it('needs no alert when every BAD_USER_INPUT message found its field', () => {
    const outcome = formErrorOutcome(info({ code: 'BAD_USER_INPUT', fields: { name: '必須です。' } }), ['name']);
    expect(outcome).toEqual({ formErrors: [{ name: 'name', errors: ['必須です。'] }], showAlert: false, extraMessages: [] });
  });

  it('keeps the alert for messages without a field', () => {
    const outcome = formErrorOutcome(info({ code: 'BAD_USER_INPUT', fields: { name: '必須です。', other: '違います。' } }), ['name']);
    expect(outcome.showAlert).toBe(true);
    expect(outcome.extraMessages).toEqual(['違います。']);
  });

  it('shows an alert for BAD_USER_INPUT without field messages', () => {
    expect(formErrorOutcome(info({ code: 'BAD_USER_INPUT' }), ['name']).showAlert).toBe(true);
  });

  it('shows every other error in the alert, never beside a field', () => {
    const outcome = formErrorOutcome(info({ code: 'CONFLICT', fields: { name: 'x' } }), ['name']);
    expect(outcome).toEqual({ formErrors: [], showAlert: true, extraMessages: [] });
  });
});
