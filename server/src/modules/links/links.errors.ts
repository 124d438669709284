import { AppError, ErrorCode } from '../../platform/errors/app-error.js';

/** Why a link was refused (`extensions.reason`), so the console can point at the URL in the message. */
export const LinkRefusal = {
  LINK_URL_INVALID: 'LINK_URL_INVALID',
  LINK_URL_SCHEME_NOT_ALLOWED: 'LINK_URL_SCHEME_NOT_ALLOWED',
  LINK_URL_TOO_LONG: 'LINK_URL_TOO_LONG',
  LINK_URL_HAS_CREDENTIALS: 'LINK_URL_HAS_CREDENTIALS',
  LINK_LABEL_TOO_LONG: 'LINK_LABEL_TOO_LONG',
} as const;
export type LinkRefusal = (typeof LinkRefusal)[keyof typeof LinkRefusal];

/** BAD_USER_INPUT on one field (`url` by default), in Japanese, with its reason. */
export function linkRefused(reason: LinkRefusal, message: string, field = 'url'): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, message, { reason, fields: { [field]: message } });
}
