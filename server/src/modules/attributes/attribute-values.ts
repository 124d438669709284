import { AttributeKind, OPTION_KINDS } from './attribute-kind.js';

/**
 * A value as the service API, the forms and the GraphQL layer speak it: option KEYS for choice and
 * area kinds (one string for single choice and area, a list for multiple choice), 'YYYY-MM-DD' for
 * a date, a list of them for a date list, a number, a text, a boolean for yes/no and consent;
 * null clears.
 */
export type AttributeInputValue = string | readonly string[] | number | boolean | null;

/** What validation and storage need to know of a definition (loaded once per operation). */
export interface DefinitionSnapshot {
  readonly id: number;
  readonly key: string;
  readonly label: string;
  readonly kind: AttributeKind;
  readonly helpText: string | null;
  readonly personal: boolean;
  readonly retired: boolean;
  readonly residentEditable: boolean;
  readonly numberMin: number | null;
  readonly numberMax: number | null;
  readonly numberInteger: boolean;
  /** Every option, retired ones too (stored values may still name them), in display order. */
  readonly options: readonly OptionSnapshot[];
}

export interface OptionSnapshot {
  readonly id: number;
  readonly key: string;
  readonly label: string;
  readonly parentId: number | null;
  readonly retired: boolean;
}

export const MAX_DATES = 10;
export const MAX_TEXT = 500;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_DATE = '1900-01-01';
const MAX_DATE = '2100-12-31';

/** A real calendar day in 'YYYY-MM-DD' (2026-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** Whether an option can be chosen now: it and every enclosing area are in use. */
export function selectable(def: DefinitionSnapshot, option: OptionSnapshot): boolean {
  const byId = new Map(def.options.map((o) => [o.id, o]));
  for (let o: OptionSnapshot | undefined = option, depth = 0; o && depth < 50; o = o.parentId ? byId.get(o.parentId) : undefined, depth++) {
    if (o.retired) return false;
  }
  return true;
}

export type Validated = { ok: true; value: AttributeInputValue } | { ok: false; message: string };

const bad = (message: string): Validated => ({ ok: false, message });

export function sameValue(a: AttributeInputValue, b: AttributeInputValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Checks one value against its definition and returns it in canonical form (trimmed, ordered,
 * empty as null). A retired option is refused unless the resident already has it: re-saving a
 * page must not fail on, or silently drop, a choice made before the option was retired.
 * `consentBySomeoneElse`: consent can be withdrawn on a resident's behalf, never given.
 */
export function validateValue(
  def: DefinitionSnapshot,
  input: AttributeInputValue,
  current: AttributeInputValue,
  options: { consentBySomeoneElse: boolean },
): Validated {
  const label = `「${def.label}」`;
  if (input === null || input === undefined) return { ok: true, value: null };
  const keep = new Set<string>(typeof current === 'string' ? [current] : Array.isArray(current) ? (current as string[]) : []);
  const option = (key: unknown): OptionSnapshot | string => {
    if (typeof key !== 'string') return `${label}は選択肢から選んでください。`;
    const found = def.options.find((o) => o.key === key);
    if (!found) return `${label}に「${key.slice(0, 60)}」という選択肢はありません。`;
    if (!selectable(def, found) && !keep.has(found.key)) return `${label}の「${found.label}」は現在選べません。`;
    return found;
  };

  switch (def.kind) {
    case AttributeKind.SINGLE_CHOICE:
    case AttributeKind.AREA: {
      if (typeof input !== 'string') return bad(`${label}は選択肢から1つ選んでください。`);
      if (input === '') return { ok: true, value: null };
      const o = option(input);
      return typeof o === 'string' ? bad(o) : { ok: true, value: o.key };
    }
    case AttributeKind.MULTIPLE_CHOICE: {
      if (!Array.isArray(input)) return bad(`${label}は選択肢から選んでください。`);
      const chosen = new Set<string>();
      for (const key of input as unknown[]) {
        const o = option(key);
        if (typeof o === 'string') return bad(o);
        chosen.add(o.key);
      }
      const ordered = def.options.filter((o) => chosen.has(o.key)).map((o) => o.key);
      return { ok: true, value: ordered.length ? ordered : null };
    }
    case AttributeKind.DATE: {
      if (typeof input !== 'string') return bad(`${label}は日付（例: 2020-04-01）で入力してください。`);
      if (input === '') return { ok: true, value: null };
      const problem = dateProblem(label, input);
      return problem ? bad(problem) : { ok: true, value: input };
    }
    case AttributeKind.DATE_LIST: {
      if (!Array.isArray(input)) return bad(`${label}は日付（例: 2020-04-01）の一覧で入力してください。`);
      const dates = (input as unknown[]).filter((d) => d !== '');
      if (dates.length > MAX_DATES) return bad(`${label}は${MAX_DATES}件まで登録できます。`);
      for (const d of dates) {
        if (typeof d !== 'string') return bad(`${label}は日付（例: 2020-04-01）で入力してください。`);
        const problem = dateProblem(label, d);
        if (problem) return bad(problem);
      }
      const sorted = [...(dates as string[])].sort();
      return { ok: true, value: sorted.length ? sorted : null };
    }
    case AttributeKind.NUMBER: {
      if (typeof input !== 'number' || !Number.isFinite(input)) return bad(`${label}は数値で入力してください。`);
      if (def.numberInteger && !Number.isInteger(input)) return bad(`${label}は整数で入力してください。`);
      const { numberMin: min, numberMax: max } = def;
      if ((min !== null && input < min) || (max !== null && input > max)) {
        if (min !== null && max !== null) return bad(`${label}は${min}以上${max}以下で入力してください。`);
        return bad(min !== null ? `${label}は${min}以上で入力してください。` : `${label}は${max}以下で入力してください。`);
      }
      return { ok: true, value: input };
    }
    case AttributeKind.TEXT: {
      if (typeof input !== 'string') return bad(`${label}は文字で入力してください。`);
      const text = input.trim();
      if ([...text].length > MAX_TEXT) return bad(`${label}は${MAX_TEXT}文字以内で入力してください。`);
      return { ok: true, value: text || null };
    }
    case AttributeKind.YES_NO:
      if (typeof input !== 'boolean') return bad(`${label}は「はい」か「いいえ」で答えてください。`);
      return { ok: true, value: input };
    case AttributeKind.CONSENT:
      if (typeof input !== 'boolean') return bad(`${label}は「同意する」か「同意しない」で答えてください。`);
      if (input && current !== true && options.consentBySomeoneElse) return bad(`${label}の同意は、住民ご本人だけが行えます。`);
      return { ok: true, value: input ? true : null };
  }
}

function dateProblem(label: string, value: string): string | null {
  if (!DATE.test(value)) return `${label}は日付（例: 2020-04-01）で入力してください。`;
  if (!isCalendarDate(value)) return `${label}の「${value}」は存在しない日付です。`;
  if (value < MIN_DATE || value > MAX_DATE) return `${label}は1900年から2100年までの日付で入力してください。`;
  return null;
}

/** Where a definition's values live in the resident document (ADR 0012). */
export type Storage = 'options' | 'dates' | 'numbers' | 'sealed';

export function storageOf(def: Pick<DefinitionSnapshot, 'kind' | 'personal'>): Storage {
  if (def.personal || def.kind === AttributeKind.TEXT) return 'sealed';
  if (OPTION_KINDS.has(def.kind)) return 'options';
  if (def.kind === AttributeKind.DATE || def.kind === AttributeKind.DATE_LIST) return 'dates';
  return 'numbers';
}

/** The option ids a canonical value of an option kind stores: an area brings all its ancestors. */
export function optionIdsOf(def: DefinitionSnapshot, value: AttributeInputValue): number[] {
  if (value === null) return [];
  const byKey = new Map(def.options.map((o) => [o.key, o]));
  const byId = new Map(def.options.map((o) => [o.id, o]));
  switch (def.kind) {
    case AttributeKind.YES_NO:
      return [byKey.get(value ? 'yes' : 'no')!.id];
    case AttributeKind.CONSENT:
      return value === true ? [byKey.get('given')!.id] : [];
    case AttributeKind.AREA: {
      const ids: number[] = [];
      for (let o = byKey.get(value as string), depth = 0; o && depth < 50; o = o.parentId ? byId.get(o.parentId) : undefined, depth++) {
        ids.push(o.id);
      }
      return ids;
    }
    default:
      return (typeof value === 'string' ? [value] : (value as string[])).map((k) => byKey.get(k)!.id);
  }
}

/** The canonical value that the option ids of a document hold for one option-kind definition. */
export function valueFromOptionIds(def: DefinitionSnapshot, ids: ReadonlySet<number>): AttributeInputValue {
  const present = def.options.filter((o) => ids.has(o.id));
  if (present.length === 0) return null;
  switch (def.kind) {
    case AttributeKind.YES_NO:
      return present.some((o) => o.key === 'yes') ? true : present.some((o) => o.key === 'no') ? false : null;
    case AttributeKind.CONSENT:
      return present.some((o) => o.key === 'given') ? true : null;
    case AttributeKind.AREA: {
      // The chosen area is the one no other present option lies inside.
      const parents = new Set(present.map((o) => o.parentId));
      return (present.find((o) => !parents.has(o.id)) ?? present[0]!).key;
    }
    case AttributeKind.SINGLE_CHOICE:
      return present[0]!.key;
    default:
      return present.map((o) => o.key);
  }
}

/** A value as a person reads it: option labels, dates, はい / いいえ. */
export function displayValue(def: DefinitionSnapshot, value: AttributeInputValue): string {
  if (value === null) return '（未設定）';
  const labelOf = (key: string) => {
    const o = def.options.find((x) => x.key === key);
    return o ? `${o.label}${o.retired ? '（廃止）' : ''}` : key;
  };
  switch (def.kind) {
    case AttributeKind.YES_NO:
      return value ? 'はい' : 'いいえ';
    case AttributeKind.CONSENT:
      return value ? '同意する' : '同意しない';
    case AttributeKind.SINGLE_CHOICE:
    case AttributeKind.MULTIPLE_CHOICE:
    case AttributeKind.AREA:
      return (typeof value === 'string' ? [value] : (value as string[])).map(labelOf).join('、');
    default:
      return Array.isArray(value) ? value.join('、') : String(value);
  }
}
