import { calendarParts } from './dates.js';

/** A format a city can start from: `20261202-0042`. */
export const DEFAULT_RECEIPT_FORMAT = '{YYYY}{MM}{DD}-{SEQ:4}';

const TOKEN = /\{([^{}]*)\}/g;
const SEQ = /^SEQ(?::(\d{1,2}))?$/;
const DATE_TOKENS = new Set(['YYYY', 'YY', 'MM', 'DD']);
const MAX_FORMAT_LENGTH = 50;
const MAX_SEQ_WIDTH = 10;

/**
 * A receipt number (受付番号, FORM-18) from a format such as `R{YY}-{SEQ:6}`: {YYYY} {YY} {MM} {DD} are
 * the date on the wall clock of `timeZone` (Japan by default), {SEQ} the sequence and {SEQ:n} the
 * sequence zero-padded to n digits (longer sequences are never cut). Other text is kept as written.
 */
export function formatReceiptNumber(
  format: string,
  parts: { readonly date: Date; readonly sequence: number; readonly timeZone?: string },
): string {
  if (!Number.isSafeInteger(parts.sequence) || parts.sequence < 0)
    throw new RangeError(`receipt sequence must be a non-negative integer, got ${parts.sequence}`);
  const { year, month, day } = calendarParts(parts.date, parts.timeZone ?? 'Asia/Tokyo');
  return format.replace(TOKEN, (whole, token: string) => {
    switch (token) {
      case 'YYYY':
        return year;
      case 'YY':
        return year.slice(-2);
      case 'MM':
        return month;
      case 'DD':
        return day;
    }
    const seq = SEQ.exec(token);
    if (!seq) return whole;
    return seq[1] === undefined ? String(parts.sequence) : String(parts.sequence).padStart(Number(seq[1]), '0');
  });
}

/** A Japanese description of what is wrong with a receipt format, or null when it is usable. */
export function checkReceiptFormat(format: string): string | null {
  if (format.trim() === '') return '受付番号の形式を入力してください';
  if (format.length > MAX_FORMAT_LENGTH) return `受付番号の形式は${MAX_FORMAT_LENGTH}文字以内で入力してください`;
  if (/[\s\p{Cc}]/u.test(format)) return '受付番号の形式に空白や改行は使えません';
  let sequences = 0;
  for (const [, token = ''] of format.matchAll(TOKEN)) {
    const seq = SEQ.exec(token);
    if (seq) {
      const width = seq[1] === undefined ? 1 : Number(seq[1]);
      if (width < 1 || width > MAX_SEQ_WIDTH) return `{SEQ:n} の桁数は1から${MAX_SEQ_WIDTH}で指定してください`;
      sequences++;
    } else if (!DATE_TOKENS.has(token)) {
      return `{${token}} は使えません。使えるのは {YYYY} {YY} {MM} {DD} {SEQ} {SEQ:桁数} です`;
    }
  }
  if (/[{}]/.test(format.replace(TOKEN, ''))) return '波かっこ { } は {YYYY} などの記号にだけ使えます';
  if (sequences === 0) return '受付番号の形式には連番 {SEQ} または {SEQ:桁数} を含めてください';
  if (sequences > 1) return '連番 {SEQ} は1つだけ含めてください';
  return null;
}
