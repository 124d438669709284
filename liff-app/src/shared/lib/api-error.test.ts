import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { toApiError } from './api-error';

describe('toApiError', () => {
  it('reads extensions.code and the Japanese message of the first GraphQL error', () => {
    const error = new CombinedGraphQLErrors({
      data: null,
      errors: [{ message: '入力内容を確認してください', extensions: { code: 'BAD_USER_INPUT' } }],
    });
    expect(toApiError(error)).toEqual({
      kind: 'badUserInput',
      message: '入力内容を確認してください',
      code: 'BAD_USER_INPUT',
    });
  });

  it('treats unknown codes as server errors', () => {
    const error = new CombinedGraphQLErrors({
      data: null,
      errors: [{ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
    expect(toApiError(error)).toMatchObject({ kind: 'server', code: 'INTERNAL_SERVER_ERROR' });
  });

  it('reads a JSON error body of a non-2xx answer, and 429 without one', () => {
    const body = JSON.stringify({
      errors: [{ message: '混雑しています', extensions: { code: 'RATE_LIMITED' } }],
    });
    const withBody = new ServerError('429', {
      response: new Response(body, { status: 429 }),
      bodyText: body,
    });
    expect(toApiError(withBody)).toEqual({
      kind: 'rateLimited',
      message: '混雑しています',
      code: 'RATE_LIMITED',
    });

    const bare = new ServerError('429', {
      response: new Response('', { status: 429 }),
      bodyText: '',
    });
    expect(toApiError(bare)).toMatchObject({ kind: 'rateLimited', message: null });
  });

  it('classifies a failed fetch as a network error', () => {
    expect(toApiError(new TypeError('Failed to fetch')).kind).toBe('network');
    expect(toApiError(new Error('other')).kind).toBe('server');
  });
});
