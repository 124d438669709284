import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { NumberType } from 'libphonenumber-js/max';
import { toHalfWidthDigits } from './answers.js';

/**
 * Japanese numbers a resident can be reached on. The `max` metadata is needed: `min` checks only
 * lengths and accepts 090-1234-567 or 00-1234-5678. Pagers (020) and premium-rate 0990 are refused.
 */
const REACHABLE: ReadonlySet<NumberType> = new Set<NumberType>([
  'FIXED_LINE',
  'MOBILE',
  'FIXED_LINE_OR_MOBILE',
  'VOIP',
  'TOLL_FREE',
  'UAN',
]);

/** Separators residents type between digit groups, kept as typed: `03-1234-5678`, `03(1234)5678`, `090 1234 5678`. */
const SHAPE = /^\+?\(?\d[\d() -]*\d$/;
const DOUBLE_SEPARATOR = /[- ]{2,}|\(\)/;

/** The number as typed in 半角 (全角 digits, hyphens, parentheses, plus and spaces converted), or null when it is not a Japanese number. */
export function normalizePhone(input: string): string | null {
  const typed = toHalfWidthDigits(input)
    .replace(/[（）＋]/g, (c) => ({ '（': '(', '）': ')', '＋': '+' })[c] ?? c)
    .replace(/[\u3000 ]+/g, ' ')
    .trim();
  if (typed.length > 30 || !SHAPE.test(typed) || DOUBLE_SEPARATOR.test(typed)) return null;
  if (typed.split('(').length !== typed.split(')').length) return null;
  const digits = typed.replace(/\D/g, '');
  let national: string;
  if (typed.startsWith('+')) {
    if (!digits.startsWith('81')) return null;
    national = `0${digits.slice(2).replace(/^0/, '')}`;
  } else {
    if (!digits.startsWith('0')) return null;
    national = digits;
  }
  const parsed = parsePhoneNumberFromString(national, 'JP');
  if (!parsed || parsed.country !== 'JP' || !parsed.isValid()) return null;
  const type = parsed.getType();
  return type !== undefined && REACHABLE.has(type) ? typed : null;
}
