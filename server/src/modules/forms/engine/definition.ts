/**
 * A form's definition: the one description from which the console's builder edits, the resident
 * pages render and validate (comfort), and the server validates and stores (truth).
 *
 * Pure data and pure TypeScript: this folder imports nothing from Node, the ORM or the browser, so
 * admin-web and liff-app bundle it as `@machi/form-engine` and the server imports it directly.
 * A published form version's definition never changes; editing a published form makes a new version.
 */

/** Identifiers are stable, short and URL-safe (`f_1a2b`, `p_2`, `o_3`): answers, exports and branching refer to them. */
export type FieldId = string;
export type OptionId = string;
export type PageId = string;

/** A condition over earlier answers (FORM-15). `field` always names a field on an earlier page or earlier on the same page. */
export type Condition =
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition }
  | {
      readonly field: FieldId;
      /**
       * equals / notEquals: a single-choice option id, a yes/no answer or a text/number value.
       * includes / excludes: a multiple-choice answer contains the option id.
       * answered / notAnswered: any non-empty answer. gt / gte / lt / lte: number and date fields.
       */
      readonly op: 'equals' | 'notEquals' | 'includes' | 'excludes' | 'answered' | 'notAnswered' | 'gt' | 'gte' | 'lt' | 'lte';
      readonly value?: string | number | boolean;
    };

/** Text restriction (FORM-04): 全角 only, 半角 only, カタカナ (全角), ひらがな, 半角英数字. */
export type TextCharset = 'any' | 'zenkaku' | 'hankaku' | 'katakana' | 'hiragana' | 'alphanumeric';

interface FieldBase {
  readonly id: FieldId;
  /** Shown as the question; required for every input field, the text itself for headings. */
  readonly label: string;
  readonly help?: string;
  readonly required?: boolean;
  /** Shown (and validated, and stored) only while the condition holds; a hidden field's answer is dropped. */
  readonly visibleWhen?: Condition;
  /**
   * Personal data (NFR-25): stored encrypted, shown only to staff with the form's personal-data
   * permission, never asked in the LINE talk screen (FORM-14), never bound to a segment-usable attribute.
   */
  readonly personal?: boolean;
  /** Filled in by staff only (e.g. 受付メモ); residents never see or send it. */
  readonly adminOnly?: boolean;
  /**
   * Bound resident attribute (its key): a resident's answer updates their profile, and the form
   * prefills from it. Choice fields bound to an attribute use the attribute's option keys as option ids.
   */
  readonly attributeKey?: string;
}

export interface ChoiceOption {
  readonly id: OptionId;
  readonly label: string;
  /** An option offered only while the condition holds (FORM-15: options change with earlier answers). */
  readonly visibleWhen?: Condition;
}

export type FormField =
  | (FieldBase & {
      readonly type: 'text';
      readonly multiline?: boolean;
      readonly charset?: TextCharset;
      readonly minLength?: number;
      readonly maxLength?: number;
      readonly placeholder?: string;
    })
  | (FieldBase & {
      readonly type: 'number';
      readonly min?: number;
      readonly max?: number;
      readonly integer?: boolean;
      readonly unit?: string;
    })
  | (FieldBase & { readonly type: 'email' })
  /** Japanese fixed-line, mobile, IP and free-dial numbers, with or without hyphens; stored as typed, normalised to 半角. */
  | (FieldBase & { readonly type: 'phone' })
  /** 7 digits (`123-4567` or `1234567`); `addressField` names a text field the resident page fills from the postal-code dataset. */
  | (FieldBase & { readonly type: 'postalCode'; readonly addressField?: FieldId })
  /** `YYYY-MM-DD`; min / max are dates too, or relative to the day of answering: `today`, `today+7`, `today-36500`. */
  | (FieldBase & { readonly type: 'date'; readonly min?: string; readonly max?: string })
  /** A list of dates (several children's birth dates), bound to a date-list attribute. */
  | (FieldBase & { readonly type: 'dateList'; readonly maxItems?: number; readonly min?: string; readonly max?: string })
  /** `HH:MM`, 24-hour. */
  | (FieldBase & { readonly type: 'time'; readonly min?: string; readonly max?: string })
  | (FieldBase & { readonly type: 'singleChoice'; readonly display: 'radio' | 'dropdown'; readonly options: readonly ChoiceOption[] })
  | (FieldBase & {
      readonly type: 'multipleChoice';
      readonly options: readonly ChoiceOption[];
      readonly minSelected?: number;
      readonly maxSelected?: number;
    })
  /** Answers are media ids from POST /media/uploads?policy=attachment (images or PDF). */
  | (FieldBase & { readonly type: 'file'; readonly accept: 'image' | 'imageOrPdf'; readonly maxFiles?: number })
  /** A checkbox that must be ticked when required; `text` is what the resident agrees to. */
  | (FieldBase & { readonly type: 'consent'; readonly text: string })
  /** yes / no (はい・いいえ), answered as a boolean. */
  | (FieldBase & { readonly type: 'yesNo' })
  /** Display only: a heading, or explanatory text (plain text with line breaks and URLs). */
  | (FieldBase & { readonly type: 'heading' })
  | (FieldBase & { readonly type: 'paragraph'; readonly text: string });

export type FieldType = FormField['type'];

/** Field types that carry no answer. */
export const DISPLAY_FIELD_TYPES: ReadonlySet<FieldType> = new Set<FieldType>(['heading', 'paragraph']);

export interface FormPage {
  readonly id: PageId;
  readonly title?: string;
  /** A page shown only while the condition holds; every field on a hidden page is hidden. */
  readonly visibleWhen?: Condition;
  readonly fields: readonly FormField[];
}

export interface FormDefinition {
  /** Bumped when the definition format changes; 1 today. */
  readonly schemaVersion: 1;
  readonly pages: readonly FormPage[];
  /** Show a confirmation screen before sending (FORM-16); on by default. */
  readonly confirmation?: boolean;
}

/**
 * One resident's answers, keyed by field id. Value shapes by field type:
 * text, email, phone, postalCode, date, time → string; number → number; dateList → string[];
 * singleChoice → option id; multipleChoice → option ids; file → media ids; consent, yesNo → boolean.
 * Missing keys, `null`, `''` and `[]` all mean "not answered".
 */
export type AnswerValue = string | number | boolean | readonly string[] | null;
export type Answers = Readonly<Record<FieldId, AnswerValue | undefined>>;

export interface FieldError {
  readonly field: FieldId;
  /** Japanese, names the problem for a resident: 「必須項目です」「全角で入力してください」… */
  readonly message: string;
  /** Stable machine code: required, charset, tooLong, tooShort, format, range, integer, option, tooMany, tooFew, notAgreed, unknownField, type. */
  readonly code: string;
}

/** Who is answering: residents never send adminOnly fields; staff may fill them. */
export type Answerer = 'resident' | 'staff';

export interface ValidationResult {
  readonly ok: boolean;
  /** Normalised answers of visible, answerable fields only (半角 digits in phone and postal code, trimmed text). */
  readonly values: Readonly<Record<FieldId, Exclude<AnswerValue, null>>>;
  readonly errors: readonly FieldError[];
}
