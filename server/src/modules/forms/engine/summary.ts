import { isAnswered } from './answers.js';
import { japaneseDate } from './dates.js';
import type { AnswerValue, FormField } from './definition.js';

/** Shown for a question left empty; exports that want an empty cell check `isAnswered` first. */
export const UNANSWERED_TEXT = '未回答';

/** One answer as Japanese text, for confirmation screens, exports and mails. */
export function summarizeAnswer(field: FormField, value: AnswerValue | undefined): string {
  if (field.type === 'heading' || field.type === 'paragraph') return '';
  if (!isAnswered(value)) return UNANSWERED_TEXT;
  const list = (v: AnswerValue | undefined): readonly string[] =>
    Array.isArray(v) ? (v as readonly string[]) : typeof v === 'string' ? [v] : [];
  switch (field.type) {
    case 'singleChoice':
    case 'multipleChoice':
      // An option retired in a later version still reads as its id rather than vanishing.
      return list(value)
        .map((id) => field.options.find((o) => o.id === id)?.label ?? id)
        .join('、');
    case 'yesNo':
      return value === true ? 'はい' : value === false ? 'いいえ' : String(value);
    case 'consent':
      return value === true ? '同意する' : value === false ? '同意しない' : String(value);
    case 'date':
      return typeof value === 'string' ? japaneseDate(value) : String(value);
    case 'dateList':
      return list(value).map(japaneseDate).join('、');
    case 'file':
      return `ファイル ${list(value).length} 件`;
    case 'number':
      return `${String(value)}${field.unit ?? ''}`;
    case 'text':
    case 'email':
    case 'phone':
    case 'postalCode':
    case 'time':
      return Array.isArray(value) ? value.join('、') : String(value);
  }
}
