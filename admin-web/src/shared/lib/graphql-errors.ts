import { CombinedGraphQLErrors, CombinedProtocolErrors, ServerError, ServerParseError } from '@apollo/client/errors';
import type { GraphQLFormattedError } from 'graphql';

/** The server's error catalogue (DESIGN §4). */
export const API_ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'RATE_LIMITED',
  'PRECONDITION_FAILED',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/**
 * The finer reasons (`extensions.reason`) the server gives, which the console explains in its own
 * words (`errors.reasons.*`, and `errors.hints.*` for what to do next). Found in the server as the
 * second argument of forbidden() / conflict() / preconditionFailed() and as `reason:` in
 * extensions.
 */
export const KNOWN_REASONS = [
  // Signing in and the session.
  'ACCOUNT_LOCKED',
  'IP_NOT_ALLOWED',
  'TOTP_ENROLMENT_REQUIRED',
  'PASSWORD_CHANGE_REQUIRED',
  'NO_PENDING_ENROLMENT',
  'TOTP_REQUIRED_BY_ROLE',
  'LINE_LOGIN_NOT_CONFIGURED',
  // Changes the server refuses to make.
  'WOULD_LOCK_OUT',
  'LAST_SYSTEM_ADMIN',
  'SELF_DEACTIVATION',
  'SYSTEM_ROLE',
  'ROLE_IN_USE',
  'DEPARTMENT_IN_USE',
  'DUPLICATE_CIDR',
  // Acting on more than one holds oneself, or outside one's department.
  'TARGET_IS_SYSTEM_ADMIN',
  'TARGET_EXCEEDS_ACTOR',
  'SHARED_ROLE',
  'ROLE_EXCEEDS_ACTOR',
  'OUTSIDE_DEPARTMENT',
  // The request itself.
  'CROSS_SITE_REQUEST',
  'QUERY_TOO_DEEP',
  'QUERY_TOO_COMPLEX',
  'INVALID_VALUE',
  'DUPLICATE',
  'REFERENCE',
  'MALFORMED_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
] as const;
export type KnownReason = (typeof KNOWN_REASONS)[number];

/** The language the server writes its messages in (`message`, `extensions.fields`). */
export const SERVER_LANGUAGE = 'ja';

export type ApiErrorKind = 'graphql' | 'network' | 'unknown';

export interface ApiErrorInfo {
  kind: ApiErrorKind;
  /** A catalogue code; codes outside the catalogue (protocol errors) count as INTERNAL_SERVER_ERROR. */
  code: ApiErrorCode | null;
  reason: string | null;
  /** The server's message, in Japanese (SERVER_LANGUAGE) and meant for display. */
  message: string | null;
  /** Per-input-field messages of BAD_USER_INPUT, keyed by the input field name. */
  fields: Record<string, string>;
  retryAfterSeconds: number | null;
}

export function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && (API_ERROR_CODES as readonly string[]).includes(value);
}

export function isKnownReason(value: unknown): value is KnownReason {
  return typeof value === 'string' && (KNOWN_REASONS as readonly string[]).includes(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function formattedErrorsFromBody(bodyText: string): GraphQLFormattedError[] {
  try {
    const body: unknown = JSON.parse(bodyText);
    if (isRecord(body) && Array.isArray(body['errors'])) {
      return body['errors'].filter((e): e is GraphQLFormattedError => isRecord(e) && typeof e['message'] === 'string');
    }
  } catch {
    // Not JSON (a proxy's HTML error page, for example): there are no GraphQL errors to read.
  }
  return [];
}

/** The GraphQL errors inside whatever Apollo Client rejected with, including non-2xx JSON bodies. */
export function graphQLErrorsOf(error: unknown): readonly GraphQLFormattedError[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors;
  if (CombinedProtocolErrors.is(error)) return error.errors;
  if (ServerError.is(error)) return formattedErrorsFromBody(error.bodyText);
  if (isRecord(error) && Array.isArray(error['errors'])) {
    // graphql-ws hands subscription errors over as a plain array of formatted errors.
    return (error['errors'] as unknown[]).filter((e): e is GraphQLFormattedError => isRecord(e) && typeof e['message'] === 'string');
  }
  return [];
}

/** `input.loginId` and `loginId` both name the form field `loginId`. */
export function normaliseFieldName(name: string): string {
  const parts = name.split('.');
  return parts[parts.length - 1] ?? name;
}

function readFields(extensions: Record<string, unknown>): Record<string, string> {
  const raw = extensions['fields'];
  const out: Record<string, string> = {};
  if (!isRecord(raw)) return out;
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string' && value !== '') out[normaliseFieldName(key)] = value;
  }
  return out;
}

function isNetworkFailure(error: unknown): boolean {
  if (ServerError.is(error) || ServerParseError.is(error)) return true;
  if (error instanceof TypeError) return true; // fetch() rejects with TypeError when offline
  if (typeof CloseEvent !== 'undefined' && error instanceof CloseEvent) return true;
  return false;
}

/** Reduces anything a query or mutation may throw to what the UI needs to explain it. */
export function describeApiError(error: unknown): ApiErrorInfo {
  const errors = graphQLErrorsOf(error);
  const first = errors[0];
  if (first) {
    const extensions = isRecord(first.extensions) ? first.extensions : {};
    const rawCode = extensions['code'];
    const reason = typeof extensions['reason'] === 'string' ? extensions['reason'] : null;
    const retry = extensions['retryAfterSeconds'];
    const fields: Record<string, string> = {};
    for (const e of errors) {
      if (isRecord(e.extensions)) Object.assign(fields, readFields(e.extensions));
    }
    return {
      kind: 'graphql',
      code: isApiErrorCode(rawCode) ? rawCode : 'INTERNAL_SERVER_ERROR',
      reason,
      message: first.message || null,
      fields,
      retryAfterSeconds: typeof retry === 'number' ? retry : null,
    };
  }
  return {
    kind: isNetworkFailure(error) ? 'network' : 'unknown',
    code: null,
    reason: null,
    message: null,
    fields: {},
    retryAfterSeconds: null,
  };
}

export function hasErrorCode(error: unknown, code: ApiErrorCode): boolean {
  return graphQLErrorsOf(error).some((e) => isRecord(e.extensions) && e.extensions['code'] === code);
}
