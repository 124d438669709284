import { AppError, ErrorCode } from '../../platform/errors/app-error.js';

/** Why an upload was refused (`extensions.reason`), so clients can explain it in their own words. */
export const MediaRefusal = {
  FILE_EMPTY: 'FILE_EMPTY',
  FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  FILE_TYPE_NOT_ALLOWED: 'FILE_TYPE_NOT_ALLOWED',
  IMAGE_TOO_MANY_PIXELS: 'IMAGE_TOO_MANY_PIXELS',
  IMAGE_UNREADABLE: 'IMAGE_UNREADABLE',
  PUBLIC_URL_NOT_HTTPS: 'PUBLIC_URL_NOT_HTTPS',
  UNKNOWN_UPLOAD_POLICY: 'UNKNOWN_UPLOAD_POLICY',
  UPLOAD_NOT_ALLOWED: 'UPLOAD_NOT_ALLOWED',
} as const;
export type MediaRefusal = (typeof MediaRefusal)[keyof typeof MediaRefusal];

/** BAD_USER_INPUT about the file, in Japanese, on the `file` field, with its reason. */
export function fileRefused(reason: MediaRefusal, message: string): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, message, { reason, fields: { file: message } });
}
