import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client/errors';

/** How the UI should react to a failed request, independent of Apollo's error classes. */
export type ApiErrorKind = 'network' | 'unauthenticated' | 'forbidden' | 'badUserInput' | 'rateLimited' | 'server';

export interface ApiError {
  kind: ApiErrorKind;
  /** The server's message (Japanese, written for residents), when the server sent one. */
  message: string | null;
  /** `extensions.code` of the first GraphQL error, when there was one. */
  code: string | null;
}

function kindOfCode(code: string | null): ApiErrorKind {
  if (code === null) return 'server';
  switch (code) {
    case 'UNAUTHENTICATED':
      return 'unauthenticated';
    case 'FORBIDDEN':
      return 'forbidden';
    case 'BAD_USER_INPUT':
      return 'badUserInput';
    case 'RATE_LIMITED':
      return 'rateLimited';
    default:
      return 'server';
  }
}

function fromGraphQLErrors(errors: readonly unknown[]): ApiError | null {
  const first: unknown = errors[0];
  if (typeof first !== 'object' || first === null) return null;
  const { message, extensions } = first as { message?: unknown; extensions?: unknown };
  const rawCode = typeof extensions === 'object' && extensions !== null ? (extensions as Record<string, unknown>)['code'] : undefined;
  const code = typeof rawCode === 'string' ? rawCode : null;
  return { kind: kindOfCode(code), message: typeof message === 'string' ? message : null, code };
}

/** A non-2xx answer sent as plain JSON (e.g. by a rate limiter in front of GraphQL). */
function fromErrorBody(bodyText: string): ApiError | null {
  try {
    const body: unknown = JSON.parse(bodyText);
    if (typeof body !== 'object' || body === null) return null;
    const { errors } = body as { errors?: unknown };
    return Array.isArray(errors) ? fromGraphQLErrors(errors) : null;
  } catch {
    return null;
  }
}

export function toApiError(error: unknown): ApiError {
  if (CombinedGraphQLErrors.is(error)) {
    return fromGraphQLErrors(error.errors) ?? { kind: 'server', message: null, code: null };
  }
  if (ServerError.is(error)) {
    return (
      fromErrorBody(error.bodyText) ?? {
        kind: error.statusCode === 429 ? 'rateLimited' : 'server',
        message: null,
        code: null,
      }
    );
  }
  if (ServerParseError.is(error)) {
    return { kind: 'server', message: null, code: null };
  }
  // fetch rejects with a TypeError when the request never reached a server (offline, DNS, CORS).
  return { kind: error instanceof TypeError ? 'network' : 'server', message: null, code: null };
}
