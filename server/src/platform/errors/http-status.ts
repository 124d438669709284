import type { Response } from 'express';
import type { AppError, ErrorCode } from './app-error.js';

/** The HTTP status of each error code, for routes outside GraphQL (downloads, uploads, module routes). */
const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PRECONDITION_FAILED: 412,
  INTERNAL_SERVER_ERROR: 500,
};

/**
 * Answers a refusal in the API's error shape (`{ errors: [{ message, extensions }] }`) with the
 * code's status and, when rate limited, Retry-After. `overrides` lets a route keep a status its
 * clients already rely on.
 */
export function sendAppError(res: Response, err: AppError, overrides: Partial<Record<ErrorCode, number>> = {}): void {
  const retry = err.options.retryAfterSeconds;
  if (retry) res.setHeader('Retry-After', String(retry));
  res.status(overrides[err.code] ?? HTTP_STATUS[err.code]).json({ errors: [{ message: err.message, extensions: err.extensions }] });
}
