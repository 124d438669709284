import { answerOf, isAnswered, normalizeText, textLength, toHalfWidthDigits } from './answers.js';
import { isRealDate, isTime, japaneseDate, resolveDateBound, todayInJapan } from './dates.js';
import type {
  AnswerValue,
  Answerer,
  Answers,
  FieldError,
  FieldId,
  FormDefinition,
  FormField,
  PageId,
  TextCharset,
  ValidationResult,
} from './definition.js';
import { messages } from './messages.js';
import { normalizePhone } from './phone.js';
import { allFields, canAnswer, computeVisibility, isDisplayField, visibleOptions } from './visibility.js';

/** Hard limits that hold even when a field sets none (and that checkDefinition keeps field limits under). */
export const LIMITS = {
  singleLineLength: 1000,
  multilineLength: 10000,
  dateListItems: 20,
  files: 10,
  emailLength: 254,
} as const;

/** A file field without `maxFiles` takes one file. */
export const DEFAULT_MAX_FILES = 1;

export interface FieldContext {
  readonly answers: Answers;
  readonly answerer: Answerer;
  /** `YYYY-MM-DD`; today in Japan unless a test fixes it. */
  readonly today?: string;
}

type StoredValue = Exclude<AnswerValue, null>;
type Outcome = { readonly error: FieldError } | { readonly value: StoredValue | undefined };

/** The first problem with one answer, or null. Visibility is the caller's concern (validateAnswers handles it). */
export function validateField(field: FormField, value: AnswerValue | undefined, context: FieldContext): FieldError | null {
  const outcome = checkField(field, value, context);
  return 'error' in outcome ? outcome.error : null;
}

/** The errors on one page, for the resident page's 次へ button: only what the resident can see there now. */
export function validatePage(definition: FormDefinition, pageId: PageId, answers: Answers, answerer: Answerer): FieldError[] {
  const page = definition.pages.find((p) => p.id === pageId);
  const visibility = computeVisibility(definition, answers);
  if (!page || !visibility.pages.has(page.id)) return [];
  const context: FieldContext = { answers: visibility.answers, answerer };
  const errors: FieldError[] = [];
  for (const field of page.fields) {
    if (!visibility.fields.has(field.id) || !canAnswer(field, answerer)) continue;
    const error = validateField(field, answerOf(answers, field.id), context);
    if (error) errors.push(error);
  }
  return errors;
}

/**
 * The whole form, as the server checks a submission: answers to hidden fields are dropped (a hidden
 * required field is not required), answers to unknown or display fields and residents' answers to
 * staff-only fields are errors, and `values` holds the normalised answers to store.
 */
export function validateAnswers(
  definition: FormDefinition,
  answers: Answers,
  options: { readonly answerer: Answerer; readonly today?: string },
): ValidationResult {
  const visibility = computeVisibility(definition, answers);
  const context: FieldContext = { answers: visibility.answers, answerer: options.answerer, today: options.today ?? todayInJapan() };
  const fields = new Map<FieldId, FormField>();
  for (const field of allFields(definition)) fields.set(field.id, field);
  const errors: FieldError[] = [];
  const values: [FieldId, StoredValue][] = [];
  for (const field of fields.values()) {
    if (!visibility.fields.has(field.id) || isDisplayField(field)) continue;
    const outcome = checkField(field, answerOf(answers, field.id), context);
    if ('error' in outcome) errors.push(outcome.error);
    else if (outcome.value !== undefined) values.push([field.id, outcome.value]);
  }
  for (const key of Object.keys(answers)) {
    const field = fields.get(key);
    if (answers[key] !== undefined && (!field || isDisplayField(field)))
      errors.push({ field: key, code: 'unknownField', message: messages.unknownField });
  }
  return { ok: errors.length === 0, values: Object.fromEntries(values), errors };
}

function checkField(field: FormField, raw: AnswerValue | undefined, context: FieldContext): Outcome {
  const fail = (code: string, message: string): Outcome => ({ error: { field: field.id, code, message } });
  if (isDisplayField(field)) return { value: undefined };
  const value = typeof raw === 'string' ? normalizeText(raw) : raw;
  if (!canAnswer(field, context.answerer)) return isAnswered(value) ? fail('unknownField', messages.notAnswerable) : { value: undefined };
  if (!isAnswered(value))
    return field.required ? fail(field.type === 'consent' ? 'notAgreed' : 'required', requiredMessage(field)) : { value: undefined };
  const today = (): string => context.today ?? todayInJapan();

  switch (field.type) {
    case 'text': {
      if (typeof value !== 'string') return fail('type', messages.type);
      const problem = textProblem(value, field.multiline === true, field.charset ?? 'any');
      if (problem) return fail('charset', problem);
      const length = textLength(value);
      const max = Math.min(field.maxLength ?? Infinity, field.multiline ? LIMITS.multilineLength : LIMITS.singleLineLength);
      if (length > max) return fail('tooLong', messages.tooLong(max));
      if (field.minLength !== undefined && length < field.minLength) return fail('tooShort', messages.tooShort(field.minLength));
      return { value };
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail('type', messages.number);
      if (field.integer && !Number.isInteger(value)) return fail('integer', messages.integer);
      if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max))
        return fail('range', messages.range(field.min, field.max));
      return { value };
    }
    case 'email':
      if (typeof value !== 'string') return fail('type', messages.type);
      return isEmail(value) ? { value } : fail('format', messages.email);
    case 'phone': {
      if (typeof value !== 'string') return fail('type', messages.type);
      const phone = normalizePhone(value);
      return phone === null ? fail('format', messages.phone) : { value: phone };
    }
    case 'postalCode': {
      if (typeof value !== 'string') return fail('type', messages.type);
      const code = normalizePostalCode(value);
      return code === null ? fail('format', messages.postalCode) : { value: code };
    }
    case 'date': {
      if (typeof value !== 'string') return fail('type', messages.type);
      return checkDate(value, field.min, field.max, today, fail) ?? { value };
    }
    case 'dateList': {
      if (!Array.isArray(value) || !value.every((d) => typeof d === 'string')) return fail('type', messages.type);
      const limit = Math.min(field.maxItems ?? LIMITS.dateListItems, LIMITS.dateListItems);
      if (value.length > limit) return fail('tooMany', messages.tooManyDates(limit));
      for (const date of value) {
        const error = checkDate(date, field.min, field.max, today, fail);
        if (error) return error;
      }
      return { value: [...value] };
    }
    case 'time': {
      if (typeof value !== 'string') return fail('type', messages.type);
      if (!isTime(value)) return fail('format', messages.time);
      if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max))
        return fail('range', messages.timeRange(field.min, field.max));
      return { value };
    }
    case 'singleChoice': {
      if (typeof value !== 'string') return fail('type', messages.type);
      return visibleOptions(field, context.answers).some((o) => o.id === value) ? { value } : fail('option', messages.option);
    }
    case 'multipleChoice': {
      if (!Array.isArray(value) || !value.every((id) => typeof id === 'string') || new Set(value).size !== value.length)
        return fail('type', messages.type);
      const offered = visibleOptions(field, context.answers).map((o) => o.id);
      if (!value.every((id) => offered.includes(id))) return fail('option', messages.option);
      if (field.minSelected !== undefined && value.length < field.minSelected)
        return fail('tooFew', messages.tooFewOptions(field.minSelected));
      if (field.maxSelected !== undefined && value.length > field.maxSelected)
        return fail('tooMany', messages.tooManyOptions(field.maxSelected));
      // Stored in the form's order, so the same choice reads the same in every export.
      return { value: offered.filter((id) => value.includes(id)) };
    }
    case 'file': {
      if (!Array.isArray(value) || !value.every((id) => typeof id === 'string' && UUID.test(id)) || new Set(value).size !== value.length)
        return fail('format', messages.file);
      const limit = Math.min(field.maxFiles ?? DEFAULT_MAX_FILES, LIMITS.files);
      return value.length > limit ? fail('tooMany', messages.tooManyFiles(limit)) : { value: [...value] };
    }
    case 'consent':
      if (typeof value !== 'boolean') return fail('type', messages.type);
      return field.required && !value ? fail('notAgreed', messages.notAgreed) : { value };
    case 'yesNo':
      return typeof value === 'boolean' ? { value } : fail('type', messages.type);
    case 'heading':
    case 'paragraph':
      return { value: undefined };
  }
}

function requiredMessage(field: FormField): string {
  switch (field.type) {
    case 'singleChoice':
    case 'multipleChoice':
    case 'yesNo':
      return messages.requiredChoice;
    case 'file':
      return messages.requiredFile;
    case 'consent':
      return messages.notAgreed;
    default:
      return messages.required;
  }
}

function checkDate(
  value: string,
  min: string | undefined,
  max: string | undefined,
  today: () => string,
  fail: (code: string, message: string) => Outcome,
): Outcome | null {
  if (!isRealDate(value)) return fail('format', messages.date);
  const from = min === undefined ? undefined : resolveDateBound(min, today());
  const to = max === undefined ? undefined : resolveDateBound(max, today());
  if ((from !== undefined && value < from) || (to !== undefined && value > to)) {
    return fail('range', messages.dateRange(from && japaneseDate(from), to && japaneseDate(to)));
  }
  return null;
}

/** Characters nobody types into a form: C0/C1 controls (LF and tab excepted), bidi overrides, lone surrogates. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVALID_CHARACTER = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\p{Cs}]/u;
/** 半角: printable ASCII, tab, and 半角カナ and other half-width forms. */
const HALF_WIDTH = /[\t\u0020-\u007E\uFF61-\uFFDC\uFFE8-\uFFEE]/u;
const CHARSETS: Record<Exclude<TextCharset, 'any' | 'zenkaku'>, { readonly pattern: RegExp; readonly message: string }> = {
  hankaku: { pattern: /^[\t\n\u0020-\u007E\uFF61-\uFF9F]*$/u, message: messages.hankaku },
  alphanumeric: { pattern: /^[A-Za-z0-9\n]*$/u, message: messages.alphanumeric },
  // 全角カタカナ (with ヴ, small ヵヶ, Ainu small kana, iteration marks, combining dakuten), ー and 全角スペース.
  katakana: { pattern: /^(?:[\u30A1-\u30FA\u30FC-\u30FE\u31F0-\u31FF\u3000\n]|\u3099|\u309A)*$/u, message: messages.katakana },
  // ひらがな, ー and 全角スペース (names are written with a space between family and given name).
  hiragana: { pattern: /^(?:[\u3041-\u3096\u309D\u309E\u30FC\u3000\n]|\u3099|\u309A)*$/u, message: messages.hiragana },
};

function textProblem(value: string, multiline: boolean, charset: TextCharset): string | null {
  if (INVALID_CHARACTER.test(value)) return messages.invalidCharacter;
  if (!multiline && value.includes('\n')) return messages.newline;
  if (charset === 'any') return null;
  if (charset === 'zenkaku') return HALF_WIDTH.test(value) ? messages.zenkaku : null;
  const { pattern, message } = CHARSETS[charset];
  return pattern.test(value) ? null : message;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL_LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-][A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{0,63}$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TOP_LEVEL = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/**
 * A practical subset of RFC 5322: dot-atom local part, no quoted strings, comments or IP literals,
 * a domain of at least two labels. Consecutive dots and a dot before `@` are allowed in the local
 * part, because old docomo and au addresses (`taro..yamada.@docomo.ne.jp`) still receive mail.
 */
export function isEmail(value: string): boolean {
  if (value.length > LIMITS.emailLength) return false;
  const at = value.lastIndexOf('@');
  if (at < 1 || value.indexOf('@') !== at) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (!EMAIL_LOCAL.test(local) || domain.length > 253) return false;
  const labels = domain.split('.');
  return labels.length >= 2 && labels.every((l) => DOMAIN_LABEL.test(l)) && TOP_LEVEL.test(labels.at(-1) ?? '');
}

/** `1234567`, `123-4567`, in 全角 or 半角 → `123-4567`; null when not seven digits. */
export function normalizePostalCode(value: string): string | null {
  const m = /^〒?\s*(\d{3})-?(\d{4})$/u.exec(toHalfWidthDigits(value.trim()));
  return m ? `${m[1]}-${m[2]}` : null;
}
