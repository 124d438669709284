import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { ValidationError } from 'class-validator';
import type { Logger } from '../logging/logger.js';
import { AppError, ErrorCode } from './app-error.js';
import { asClientError, errorSummary, sqlState } from './client-errors.js';

/** Codes Apollo itself produces for malformed requests; stable, so they pass through. */
const PROTOCOL_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** Flattens class-validator errors into { loginId: 'message' }, keyed by the innermost field name. */
export function validationFields(errors: ValidationError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const first = e.constraints ? Object.values(e.constraints)[0] : undefined;
    if (first) out[e.property] = first;
    if (e.children?.length) Object.assign(out, validationFields(e.children));
  }
  return out;
}

/**
 * The one place errors become API output, for both transports (HTTP and WebSocket): catalogue
 * errors pass through, validation errors get per-field Japanese messages, the client's mistakes
 * that surface in the database answer BAD_USER_INPUT or CONFLICT, and anything unexpected is
 * logged and answered with a generic message, so no SQL, stack or internal detail ever leaks.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const clientError = asClientError(original);
    if (clientError) {
      if (!(original instanceof AppError)) logger.info({ err: errorSummary(original), path: formatted.path }, 'client error in GraphQL');
      return { message: clientError.message, path: formatted.path, locations: formatted.locations, extensions: clientError.extensions };
    }
    if (original instanceof GraphQLError) {
      const ext = original.extensions;
      if (Array.isArray(ext['validationErrors'])) {
        const fields = validationFields(ext['validationErrors'] as ValidationError[]);
        return {
          message: '入力内容を確認してください。',
          path: formatted.path,
          locations: formatted.locations,
          extensions: { code: ErrorCode.BAD_USER_INPUT, fields },
        };
      }
      const code = typeof ext['code'] === 'string' ? ext['code'] : undefined;
      if (code && (PROTOCOL_CODES.has(code) || code in ErrorCode)) return formatted;
      if (!code && !original.originalError) {
        // graphql-js validation/execution errors without a code (e.g. unknown field): a client mistake.
        return { ...formatted, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
      }
    }
    // A database error's message holds the statement with its values spliced in: log its shape only.
    logger.error(
      { err: sqlState(original) ? errorSummary(original) : original, path: formatted.path },
      'unexpected error while executing GraphQL',
    );
    return {
      message: 'サーバーでエラーが発生しました。時間をおいて再度お試しください。',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
