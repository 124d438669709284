/**
 * What the product sends by mail, and the checks that keep a resident's or staff member's input
 * from turning into extra headers or recipients (header injection).
 */
export interface MailMessage {
  /** One address, addr-spec only (`taro@example.jp`): never a list, never a display name. */
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly replyTo?: string;
  /**
   * An http(s) URL that stops this kind of mail for its reader, sent as `List-Unsubscribe` with
   * RFC 8058 one-click (`List-Unsubscribe-Post`): its POST must unsubscribe without more questions.
   */
  readonly listUnsubscribe?: string;
}

/** True for a URL a List-Unsubscribe header may carry: http(s), no spaces, brackets or line breaks, at most 500 characters. */
export function isListUnsubscribeUrl(value: string): boolean {
  if (value.length > 500 || /[\s<>]/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** RFC 5321 limits: 64 for the local part, 254 in all; one address, printable, no folding. */
const ADDRESS =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** True for one plain address a mail can go to (what forms and settings accept). */
export function isMailAddress(value: string): boolean {
  return (
    value.length <= 254 && ADDRESS.test(value) && !value.includes('..') && !value.startsWith('.') && !value.split('@')[0]!.endsWith('.')
  );
}

/** The Japanese message for a field that must hold one such address. */
export const INVALID_ADDRESS_MESSAGE = 'メールアドレスの形式が正しくありません（例: taro@example.jp）。';

/**
 * Text for a header: line breaks and other control characters become spaces, runs of spaces one,
 * and it is cut to `max` characters, so nothing a user typed can start a new header line.
 */
export function headerText(value: string, max = 200): string {
  const flat = value
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return [...flat].slice(0, max).join('');
}

/** Body text: NUL and other control characters (tab and line breaks kept) removed, line breaks normalised. */
export function bodyText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}
