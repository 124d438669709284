import { AppError, ErrorCode, badInput, conflict } from './app-error.js';

/**
 * Errors that are the client's doing even though they surface deep down: PostgreSQL refusing a
 * value it was given (not a UUID, out of range, a NUL byte, too long), a duplicate that slipped
 * past a check, a reference to a row that does not exist, a malformed URL or cursor. They answer
 * BAD_USER_INPUT or CONFLICT (HTTP 400/409) and are logged as the client's mistake, not as ours.
 * Everything else stays an internal error.
 */
export function asClientError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (err instanceof URIError) return badInput({}, 'URLの形式が正しくありません。');
  const code = sqlState(err);
  if (!code) return null;
  // Class 22: data exception (invalid_text_representation, numeric_value_out_of_range,
  // string_data_right_truncation, character_not_in_repertoire, datetime_field_overflow, ...).
  if (code.startsWith('22')) {
    return new AppError(
      ErrorCode.BAD_USER_INPUT,
      '入力値の形式が正しくありません（形式の違う値、範囲外の値、長すぎる値や使えない文字）。',
      {
        reason: 'INVALID_VALUE',
      },
    );
  }
  if (code === '23505') return conflict('同じ内容のデータが既にあります。画面を更新してから、もう一度お試しください。', 'DUPLICATE');
  if (code === '23503') {
    return new AppError(ErrorCode.BAD_USER_INPUT, '指定されたデータが見つからないか、他のデータから使われています。', {
      reason: 'REFERENCE',
    });
  }
  return null;
}

/** The SQLSTATE of a PostgreSQL error (pg's DatabaseError, or MikroORM's exception wrapping it). */
export function sqlState(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/** What may be logged about an error without its message (SQL with personal data spliced in). */
export function errorSummary(err: unknown): Record<string, unknown> {
  const e = err as { name?: unknown; constraint?: unknown; table?: unknown; column?: unknown; routine?: unknown } | null;
  return {
    name: typeof e?.name === 'string' ? e.name : typeof err,
    sqlState: sqlState(err),
    ...(typeof e?.constraint === 'string' ? { constraint: e.constraint } : {}),
    ...(typeof e?.table === 'string' ? { table: e.table } : {}),
    ...(typeof e?.column === 'string' ? { column: e.column } : {}),
  };
}
