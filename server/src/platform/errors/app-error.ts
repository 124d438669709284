import { GraphQLError } from 'graphql';

/** The error catalogue (DESIGN §4). API clients branch on these codes; they never change. */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface AppErrorOptions {
  /** A finer, stable reason such as ACCOUNT_LOCKED or IP_NOT_ALLOWED. */
  reason?: string;
  /** Japanese messages per input field, for BAD_USER_INPUT. */
  fields?: Record<string, string>;
  /** Seconds until a retry may succeed, for RATE_LIMITED. */
  retryAfterSeconds?: number;
}

/**
 * A domain error with a catalogue code and a Japanese message meant for the person using the
 * product. Services throw it; one place (formatError) turns it into the API's shape.
 */
export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: AppErrorOptions = {},
  ) {
    super(message, {
      extensions: {
        code,
        ...(options.reason ? { reason: options.reason } : {}),
        ...(options.fields ? { fields: options.fields } : {}),
        ...(options.retryAfterSeconds !== undefined ? { retryAfterSeconds: options.retryAfterSeconds } : {}),
      },
    });
    this.name = 'AppError';
  }
}

export const unauthenticated = (message = 'ログインが必要です。もう一度ログインしてください。') =>
  new AppError(ErrorCode.UNAUTHENTICATED, message);

export const forbidden = (message = 'この操作を行う権限がありません。', reason?: string) =>
  new AppError(ErrorCode.FORBIDDEN, message, reason ? { reason } : {});

/** Also what an out-of-scope record answers, so callers learn nothing about it. */
export const notFound = (what = 'データ') => new AppError(ErrorCode.NOT_FOUND, `${what}が見つかりません。`);

export const badInput = (fields: Record<string, string>, message = '入力内容を確認してください。') =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, { fields });

export const conflict = (message: string, reason?: string) => new AppError(ErrorCode.CONFLICT, message, reason ? { reason } : {});

export const preconditionFailed = (message: string, reason?: string) =>
  new AppError(ErrorCode.PRECONDITION_FAILED, message, reason ? { reason } : {});

export const rateLimited = (retryAfterSeconds: number) =>
  new AppError(ErrorCode.RATE_LIMITED, `リクエストが多すぎます。${retryAfterSeconds}秒ほど待ってから再度お試しください。`, {
    retryAfterSeconds,
  });
