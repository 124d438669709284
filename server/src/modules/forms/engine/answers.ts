import type { AnswerValue, Answers, FieldId } from './definition.js';

/** Missing keys, `null`, `''` and `[]` all mean "not answered" (see `Answers`). */
export function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/**
 * Own keys only: answers come from untrusted JSON, and a field id like `constructor` must not find
 * `Object.prototype.constructor` when the resident left it empty.
 */
export function answerOf(answers: Answers, field: FieldId): AnswerValue | undefined {
  return Object.hasOwn(answers, field) ? answers[field] : undefined;
}

/** Trimmed, with CRLF and CR unified to LF; otherwise exactly what the resident typed (no NFKC). */
export function normalizeText(value: string): string {
  return value.replace(/\r\n?/g, '\n').trim();
}

/** Length as residents count it: one per code point, so 𠮷 is one character, not two UTF-16 units. */
export function textLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

const FULL_WIDTH_DIGITS = /[０-９]/g;
/** Hyphen look-alikes that Japanese IMEs produce: －, ー, ｰ, ‐, ‑, ‒, –, —, ―, −. */
const HYPHENS = /[－ーｰ‐‑‒–—―−]/g;

/** 全角 digits and hyphens to 半角, as phone numbers and postal codes are stored. */
export function toHalfWidthDigits(value: string): string {
  return value.replace(FULL_WIDTH_DIGITS, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(HYPHENS, '-');
}
