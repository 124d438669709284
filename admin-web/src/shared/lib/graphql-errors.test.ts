import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { describeApiError, graphQLErrorsOf, hasErrorCode, isKnownReason } from './graphql-errors';

function graphQLError(errors: Array<{ message: string; extensions?: Record<string, unknown> }>) {
  return new CombinedGraphQLErrors({ data: null, errors });
}

describe('describeApiError', () => {
  it('reads code, message and per-field messages of BAD_USER_INPUT', () => {
    const info = describeApiError(
      graphQLError([
        {
          message: '入力内容を確認してください。',
          extensions: {
            code: 'BAD_USER_INPUT',
            fields: { loginId: 'ログインIDは既に使われています。', 'input.email': '形式が違います。' },
          },
        },
      ]),
    );
    expect(info).toEqual({
      kind: 'graphql',
      code: 'BAD_USER_INPUT',
      reason: null,
      message: '入力内容を確認してください。',
      fields: { loginId: 'ログインIDは既に使われています。', email: '形式が違います。' },
      retryAfterSeconds: null,
    });
  });

  it('keeps the reason of FORBIDDEN and the wait of RATE_LIMITED', () => {
    expect(
      describeApiError(graphQLError([{ message: '拒否', extensions: { code: 'FORBIDDEN', reason: 'IP_NOT_ALLOWED' } }])),
    ).toMatchObject({ code: 'FORBIDDEN', reason: 'IP_NOT_ALLOWED' });
    expect(
      describeApiError(graphQLError([{ message: '多すぎます', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 30 } }])),
    ).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 30 });
  });

  it('treats codes outside the catalogue as an internal error', () => {
    expect(describeApiError(graphQLError([{ message: 'x', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }])).code).toBe(
      'INTERNAL_SERVER_ERROR',
    );
  });

  it('reads GraphQL errors from the JSON body of a non-2xx response', () => {
    const body = JSON.stringify({ errors: [{ message: 'ログインが必要です。', extensions: { code: 'UNAUTHENTICATED' } }] });
    const error = new ServerError('Response not successful', { response: new Response(body, { status: 401 }), bodyText: body });
    expect(describeApiError(error)).toMatchObject({ kind: 'graphql', code: 'UNAUTHENTICATED', message: 'ログインが必要です。' });
  });

  it('calls a failed fetch or an HTML error page a network problem', () => {
    expect(describeApiError(new TypeError('Failed to fetch')).kind).toBe('network');
    const html = '<html>502 Bad Gateway</html>';
    expect(describeApiError(new ServerError('bad gateway', { response: new Response(html, { status: 502 }), bodyText: html })).kind).toBe(
      'network',
    );
  });

  it('knows nothing about arbitrary values', () => {
    expect(describeApiError('boom')).toMatchObject({ kind: 'unknown', code: null, fields: {} });
    expect(graphQLErrorsOf(undefined)).toEqual([]);
  });
});

describe('hasErrorCode', () => {
  it('finds a code in any of the errors', () => {
    const error = graphQLError([
      { message: 'a', extensions: { code: 'NOT_FOUND' } },
      { message: 'b', extensions: { code: 'UNAUTHENTICATED' } },
    ]);
    expect(hasErrorCode(error, 'UNAUTHENTICATED')).toBe(true);
    expect(hasErrorCode(error, 'CONFLICT')).toBe(false);
  });
});

describe('isKnownReason', () => {
  it('knows the refusals of acting beyond oneself or one’s department', () => {
    for (const reason of ['TARGET_IS_SYSTEM_ADMIN', 'TARGET_EXCEEDS_ACTOR', 'SHARED_ROLE', 'ROLE_EXCEEDS_ACTOR', 'OUTSIDE_DEPARTMENT']) {
      expect(isKnownReason(reason), reason).toBe(true);
    }
    expect(isKnownReason('CROSS_SITE_REQUEST')).toBe(true);
    expect(isKnownReason('SOMETHING_ELSE')).toBe(false);
  });

  it('keeps the server’s Japanese message of a SHARED_ROLE refusal for display', () => {
    const info = describeApiError(
      graphQLError([
        { message: '全部署共通のロールは、システム管理者だけが変更できます。', extensions: { code: 'FORBIDDEN', reason: 'SHARED_ROLE' } },
      ]),
    );
    expect(info).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'SHARED_ROLE',
      message: '全部署共通のロールは、システム管理者だけが変更できます。',
    });
  });
});
