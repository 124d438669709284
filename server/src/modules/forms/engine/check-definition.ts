import { textLength } from './answers.js';
import { isDateBound, isRealDate, isRelativeDateBound, isTime } from './dates.js';
import type { FieldType, FormDefinition } from './definition.js';
import { DISPLAY_FIELD_TYPES } from './definition.js';
import { LIMITS } from './validate.js';

export interface DefinitionProblem {
  /** Where, like `pages[1].fields[2].options`; '' for the definition itself. */
  readonly path: string;
  /** Japanese, for the staff member building the form. */
  readonly message: string;
}

/** Bounds on a definition, so a staff member's mistake (or a hostile client) cannot build a form nobody can render or answer. */
export const DEFINITION_LIMITS = {
  pages: 50,
  fields: 200,
  options: 100,
  label: 200,
  help: 1000,
  text: 5000,
  placeholder: 200,
  unit: 20,
  conditionDepth: 5,
  conditionTerms: 20,
} as const;

const FIELD_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
/** Option ids of attribute-bound choices are the attribute's option keys, which may start with a digit (`20s`). */
const OPTION_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
const ATTRIBUTE_KEY = /^[A-Za-z][A-Za-z0-9_.-]{0,99}$/;

const BASE_KEYS = ['id', 'type', 'label', 'help', 'required', 'visibleWhen', 'personal', 'adminOnly', 'attributeKey'];
const DISPLAY_KEYS = ['id', 'type', 'label', 'help', 'visibleWhen'];
const TYPE_KEYS: Record<FieldType, readonly string[]> = {
  text: [...BASE_KEYS, 'multiline', 'charset', 'minLength', 'maxLength', 'placeholder'],
  number: [...BASE_KEYS, 'min', 'max', 'integer', 'unit'],
  email: BASE_KEYS,
  phone: BASE_KEYS,
  postalCode: [...BASE_KEYS, 'addressField'],
  date: [...BASE_KEYS, 'min', 'max'],
  dateList: [...BASE_KEYS, 'maxItems', 'min', 'max'],
  time: [...BASE_KEYS, 'min', 'max'],
  singleChoice: [...BASE_KEYS, 'display', 'options'],
  multipleChoice: [...BASE_KEYS, 'options', 'minSelected', 'maxSelected'],
  file: [...BASE_KEYS, 'accept', 'maxFiles'],
  consent: [...BASE_KEYS, 'text'],
  yesNo: BASE_KEYS,
  heading: DISPLAY_KEYS,
  paragraph: [...DISPLAY_KEYS, 'text'],
};
const FIELD_TYPES = new Set(Object.keys(TYPE_KEYS));
const TYPE_NAMES: Record<FieldType, string> = {
  text: '文章',
  number: '数値',
  email: 'メールアドレス',
  phone: '電話番号',
  postalCode: '郵便番号',
  date: '日付',
  dateList: '日付（複数）',
  time: '時刻',
  singleChoice: '単一選択',
  multipleChoice: '複数選択',
  file: 'ファイル',
  consent: '同意',
  yesNo: 'はい・いいえ',
  heading: '見出し',
  paragraph: '説明文',
};
const CHARSETS = new Set(['any', 'zenkaku', 'hankaku', 'katakana', 'hiragana', 'alphanumeric']);
const OPS = new Set(['equals', 'notEquals', 'includes', 'excludes', 'answered', 'notAnswered', 'gt', 'gte', 'lt', 'lte']);

type Json = Record<string, unknown>;
interface KnownField {
  readonly type: FieldType;
  readonly adminOnly: boolean;
  readonly optionIds: ReadonlySet<string>;
}

/**
 * A structural check of a definition sent by the console (untrusted JSON): known field types and
 * keys only, unique ids, labels and options present and within limits, conditions that refer only to
 * earlier fields and to options that exist. Every problem is reported, each with its path.
 */
export function checkDefinition(
  definition: unknown,
): { ok: true; definition: FormDefinition } | { ok: false; problems: DefinitionProblem[] } {
  const checker = new DefinitionChecker();
  checker.definition(definition);
  return checker.problems.length === 0 ? { ok: true, definition: definition as FormDefinition } : { ok: false, problems: checker.problems };
}

class DefinitionChecker {
  readonly problems: DefinitionProblem[] = [];
  /** Every field id in the form, to tell a forward reference from a missing one. */
  private readonly allFieldIds = new Set<string>();
  private readonly seenFieldIds = new Set<string>();
  /** Fields before the one being checked: the only ones its conditions may refer to. */
  private readonly earlier = new Map<string, KnownField>();
  private readonly attributeKeys = new Set<string>();
  private readonly textFieldIds = new Set<string>();
  private readonly addressFields: { path: string; id: unknown }[] = [];

  private problem(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  definition(input: unknown): void {
    if (!isRecord(input)) return this.problem('', 'フォームの定義が正しくありません');
    this.onlyKeys(input, ['schemaVersion', 'pages', 'confirmation'], '');
    if (input['schemaVersion'] !== 1) this.problem('schemaVersion', 'schemaVersion は 1 にしてください');
    this.optionalBoolean(input, 'confirmation', '');
    const pages = input['pages'];
    if (!Array.isArray(pages) || pages.length === 0) return this.problem('pages', 'ページを1つ以上作ってください');
    if (pages.length > DEFINITION_LIMITS.pages) this.problem('pages', `ページは${DEFINITION_LIMITS.pages}ページまでです`);
    for (const page of pages) {
      if (!isRecord(page) || !Array.isArray(page['fields'])) continue;
      for (const field of page['fields']) if (isRecord(field) && typeof field['id'] === 'string') this.allFieldIds.add(field['id']);
    }
    const pageIds = new Set<string>();
    let fieldCount = 0;
    pages.forEach((page, i) => {
      const path = `pages[${i}]`;
      if (!isRecord(page)) return this.problem(path, 'ページの定義が正しくありません');
      this.onlyKeys(page, ['id', 'title', 'visibleWhen', 'fields'], path);
      this.id(page['id'], `${path}.id`, FIELD_ID, pageIds, 'ページ');
      this.optionalText(page, 'title', path, DEFINITION_LIMITS.label, 'ページの見出し');
      if (page['visibleWhen'] !== undefined) this.condition(page['visibleWhen'], `${path}.visibleWhen`, false, 1);
      const fields = page['fields'];
      if (!Array.isArray(fields) || fields.length === 0) return this.problem(`${path}.fields`, '各ページに項目を1つ以上置いてください');
      fieldCount += fields.length;
      fields.forEach((field, j) => this.field(field, `${path}.fields[${j}]`));
    });
    if (fieldCount > DEFINITION_LIMITS.fields)
      this.problem('pages', `項目は全部で${DEFINITION_LIMITS.fields}個までです（いま${fieldCount}個）`);
    for (const { path, id } of this.addressFields) {
      if (typeof id !== 'string' || !this.textFieldIds.has(id))
        this.problem(path, '住所を入れる項目には、このフォームの文章の項目を指定してください');
    }
  }

  private field(input: unknown, path: string): void {
    if (!isRecord(input)) return this.problem(path, '項目の定義が正しくありません');
    const type = input['type'];
    if (typeof type !== 'string' || !FIELD_TYPES.has(type)) return this.problem(`${path}.type`, `不明な項目の種類です: ${String(type)}`);
    const fieldType = type as FieldType;
    const display = DISPLAY_FIELD_TYPES.has(fieldType);
    this.onlyKeys(input, TYPE_KEYS[fieldType], path);
    const idOk = this.id(input['id'], `${path}.id`, FIELD_ID, this.seenFieldIds, '項目');
    this.requiredText(input, 'label', path, DEFINITION_LIMITS.label, display ? '見出し' : '質問文');
    this.optionalText(input, 'help', path, DEFINITION_LIMITS.help, '補足説明');
    for (const key of ['required', 'personal', 'adminOnly']) this.optionalBoolean(input, key, path);
    const adminOnly = input['adminOnly'] === true;
    if (input['visibleWhen'] !== undefined) this.condition(input['visibleWhen'], `${path}.visibleWhen`, adminOnly, 1);
    this.attributeKey(input, fieldType, path);

    switch (fieldType) {
      case 'text': {
        this.optionalBoolean(input, 'multiline', path);
        if (input['charset'] !== undefined && !CHARSETS.has(input['charset'] as string))
          this.problem(`${path}.charset`, '文字の種類の指定が正しくありません');
        const limit = input['multiline'] === true ? LIMITS.multilineLength : LIMITS.singleLineLength;
        const min = this.optionalInteger(input, 'minLength', path, 0, limit);
        const max = this.optionalInteger(input, 'maxLength', path, 1, limit);
        if (min !== undefined && max !== undefined && min > max)
          this.problem(`${path}.minLength`, '最小文字数は最大文字数以下にしてください');
        this.optionalText(input, 'placeholder', path, DEFINITION_LIMITS.placeholder, '入力例');
        if (idOk) this.textFieldIds.add(input['id'] as string);
        break;
      }
      case 'number': {
        const min = this.optionalNumber(input, 'min', path);
        const max = this.optionalNumber(input, 'max', path);
        if (min !== undefined && max !== undefined && min > max) this.problem(`${path}.min`, '最小値は最大値以下にしてください');
        this.optionalBoolean(input, 'integer', path);
        this.optionalText(input, 'unit', path, DEFINITION_LIMITS.unit, '単位');
        break;
      }
      case 'postalCode':
        if (input['addressField'] !== undefined) this.addressFields.push({ path: `${path}.addressField`, id: input['addressField'] });
        break;
      case 'date':
      case 'dateList': {
        const min = this.dateBound(input, 'min', path);
        const max = this.dateBound(input, 'max', path);
        if (min !== undefined && max !== undefined && !isRelativeDateBound(min) && !isRelativeDateBound(max) && min > max)
          this.problem(`${path}.min`, '開始日は終了日以前にしてください');
        if (fieldType === 'dateList') this.optionalInteger(input, 'maxItems', path, 1, LIMITS.dateListItems);
        break;
      }
      case 'time': {
        const bounds = ['min', 'max'].map((key) => {
          const v = input[key];
          if (v !== undefined && (typeof v !== 'string' || !isTime(v)))
            this.problem(`${path}.${key}`, '時刻は 09:00 の形で指定してください');
          return typeof v === 'string' ? v : undefined;
        });
        if (bounds[0] !== undefined && bounds[1] !== undefined && bounds[0] > bounds[1])
          this.problem(`${path}.min`, '開始時刻は終了時刻以前にしてください');
        break;
      }
      case 'singleChoice':
        if (input['display'] !== 'radio' && input['display'] !== 'dropdown')
          this.problem(`${path}.display`, '表示方法はラジオボタンかプルダウンを選んでください');
        this.options(input['options'], `${path}.options`, adminOnly);
        break;
      case 'multipleChoice': {
        const count = this.options(input['options'], `${path}.options`, adminOnly);
        const min = this.optionalInteger(input, 'minSelected', path, 0, count);
        const max = this.optionalInteger(input, 'maxSelected', path, 1, count);
        if (min !== undefined && max !== undefined && min > max)
          this.problem(`${path}.minSelected`, '最小選択数は最大選択数以下にしてください');
        break;
      }
      case 'file':
        if (input['accept'] !== 'image' && input['accept'] !== 'imageOrPdf')
          this.problem(`${path}.accept`, '受け付けるファイルの種類を選んでください');
        this.optionalInteger(input, 'maxFiles', path, 1, LIMITS.files);
        break;
      case 'consent':
      case 'paragraph':
        this.requiredText(input, 'text', path, DEFINITION_LIMITS.text, fieldType === 'consent' ? '同意する内容' : '説明文');
        break;
      case 'email':
      case 'phone':
      case 'yesNo':
      case 'heading':
        break;
    }

    if (idOk && !display) {
      const optionIds = new Set<string>();
      if (Array.isArray(input['options']))
        for (const o of input['options']) if (isRecord(o) && typeof o['id'] === 'string') optionIds.add(o['id']);
      this.earlier.set(input['id'] as string, { type: fieldType, adminOnly, optionIds });
    }
  }

  /** Returns how many options there are (0 when unusable). */
  private options(input: unknown, path: string, ownerAdminOnly: boolean): number {
    if (!Array.isArray(input) || input.length === 0) {
      this.problem(path, '選択肢を1つ以上作ってください');
      return 0;
    }
    if (input.length > DEFINITION_LIMITS.options) this.problem(path, `選択肢は${DEFINITION_LIMITS.options}個までです`);
    const ids = new Set<string>();
    const labels = new Set<string>();
    input.forEach((option, k) => {
      const at = `${path}[${k}]`;
      if (!isRecord(option)) return this.problem(at, '選択肢の定義が正しくありません');
      this.onlyKeys(option, ['id', 'label', 'visibleWhen'], at);
      this.id(option['id'], `${at}.id`, OPTION_ID, ids, '選択肢');
      if (this.requiredText(option, 'label', at, DEFINITION_LIMITS.label, '選択肢')) {
        const label = (option['label'] as string).trim();
        if (labels.has(label)) this.problem(`${at}.label`, `選択肢「${label}」が重複しています`);
        labels.add(label);
      }
      if (option['visibleWhen'] !== undefined) this.condition(option['visibleWhen'], `${at}.visibleWhen`, ownerAdminOnly, 1);
    });
    return input.length;
  }

  private condition(input: unknown, path: string, ownerAdminOnly: boolean, depth: number): void {
    if (depth > DEFINITION_LIMITS.conditionDepth) return this.problem(path, `条件の入れ子は${DEFINITION_LIMITS.conditionDepth}段までです`);
    if (!isRecord(input)) return this.problem(path, '条件の定義が正しくありません');
    const kinds = ['all', 'any', 'not', 'field'].filter((k) => k in input);
    if (kinds.length !== 1) return this.problem(path, '条件は all / any / not / field のどれか1つで書いてください');
    const kind = kinds[0] as 'all' | 'any' | 'not' | 'field';
    if (kind === 'not') {
      this.onlyKeys(input, ['not'], path);
      return this.condition(input['not'], `${path}.not`, ownerAdminOnly, depth + 1);
    }
    if (kind === 'all' || kind === 'any') {
      this.onlyKeys(input, [kind], path);
      const terms = input[kind];
      if (!Array.isArray(terms) || terms.length === 0) return this.problem(`${path}.${kind}`, '条件を1つ以上指定してください');
      if (terms.length > DEFINITION_LIMITS.conditionTerms)
        this.problem(`${path}.${kind}`, `まとめられる条件は${DEFINITION_LIMITS.conditionTerms}個までです`);
      terms.forEach((term, i) => this.condition(term, `${path}.${kind}[${i}]`, ownerAdminOnly, depth + 1));
      return;
    }
    this.onlyKeys(input, ['field', 'op', 'value'], path);
    const fieldId = input['field'];
    const op = input['op'];
    const value = input['value'];
    if (typeof op !== 'string' || !OPS.has(op)) return this.problem(`${path}.op`, `不明な条件です: ${String(op)}`);
    if (typeof fieldId !== 'string') return this.problem(`${path}.field`, '条件に使う項目を指定してください');
    const ref = this.earlier.get(fieldId);
    if (!ref) {
      const message = this.allFieldIds.has(fieldId)
        ? `条件には、この項目より前にある項目だけを使えます（${fieldId}）`
        : `条件に使う項目 ${fieldId} がありません（見出しと説明文は使えません）`;
      return this.problem(`${path}.field`, message);
    }
    if (ref.adminOnly && !ownerAdminOnly)
      return this.problem(`${path}.field`, '職員だけが入力する項目は、住民が答える項目の表示条件に使えません');
    const problem = conditionValueProblem(ref, op, value);
    if (problem) this.problem(`${path}.value`, problem);
  }

  private attributeKey(input: Json, type: FieldType, path: string): void {
    const key = input['attributeKey'];
    if (key === undefined) return;
    if (type === 'file' || type === 'email' || type === 'phone' || type === 'postalCode' || type === 'time') {
      return this.problem(`${path}.attributeKey`, `${TYPE_NAMES[type]}の項目は住民の属性に結び付けられません`);
    }
    if (typeof key !== 'string' || !ATTRIBUTE_KEY.test(key)) return this.problem(`${path}.attributeKey`, '属性の指定が正しくありません');
    if (this.attributeKeys.has(key)) this.problem(`${path}.attributeKey`, `属性 ${key} に結び付けた項目が2つあります`);
    this.attributeKeys.add(key);
  }

  private id(value: unknown, path: string, pattern: RegExp, seen: Set<string>, what: string): boolean {
    if (typeof value !== 'string' || !pattern.test(value)) {
      const rule = pattern === OPTION_ID ? '英数字で始まる64文字以内の英数字と - _ . :' : '英字で始まる64文字以内の英数字と - _';
      this.problem(path, `${what}のIDは${rule}にしてください`);
      return false;
    }
    if (seen.has(value)) {
      this.problem(path, `${what}のID ${value} が重複しています`);
      return false;
    }
    seen.add(value);
    return true;
  }

  private requiredText(input: Json, key: string, path: string, max: number, what: string): boolean {
    const value = input[key];
    if (typeof value !== 'string' || value.trim() === '') {
      this.problem(`${path}.${key}`, `${what}を入力してください`);
      return false;
    }
    if (textLength(value) > max) {
      this.problem(`${path}.${key}`, `${what}は${max}文字以内にしてください`);
      return false;
    }
    return true;
  }

  private optionalText(input: Json, key: string, path: string, max: number, what: string): void {
    const value = input[key];
    if (value === undefined) return;
    if (typeof value !== 'string') this.problem(`${path}.${key}`, `${what}は文字で指定してください`);
    else if (textLength(value) > max) this.problem(`${path}.${key}`, `${what}は${max}文字以内にしてください`);
  }

  private optionalBoolean(input: Json, key: string, path: string): void {
    if (input[key] !== undefined && typeof input[key] !== 'boolean')
      this.problem(path === '' ? key : `${path}.${key}`, `${key} は true か false にしてください`);
  }

  private optionalInteger(input: Json, key: string, path: string, min: number, max: number): number | undefined {
    const value = input[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.problem(`${path}.${key}`, `${min}から${max}までの整数にしてください`);
      return undefined;
    }
    return value;
  }

  private optionalNumber(input: Json, key: string, path: string): number | undefined {
    const value = input[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.problem(`${path}.${key}`, '数値で指定してください');
      return undefined;
    }
    return value;
  }

  private dateBound(input: Json, key: string, path: string): string | undefined {
    const value = input[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !isDateBound(value)) {
      this.problem(`${path}.${key}`, '日付は 2026-12-02 の形か、today・today+7・today-30 の形で指定してください');
      return undefined;
    }
    return value;
  }

  private onlyKeys(input: Json, allowed: readonly string[], path: string): void {
    for (const key of Object.keys(input)) {
      if (!allowed.includes(key)) this.problem(path === '' ? key : `${path}.${key}`, `${key} はここでは使えません`);
    }
  }
}

function conditionValueProblem(ref: KnownField, op: string, value: unknown): string | null {
  const typeName = TYPE_NAMES[ref.type];
  if (op === 'answered' || op === 'notAnswered') return value === undefined ? null : '「回答あり」「回答なし」の条件に値は指定しません';
  if (op === 'includes' || op === 'excludes') {
    if (ref.type !== 'multipleChoice') return `「含む」「含まない」は複数選択の項目にだけ使えます（${typeName}）`;
    return typeof value === 'string' && ref.optionIds.has(value) ? null : `選択肢 ${String(value)} がありません`;
  }
  if (op === 'equals' || op === 'notEquals') {
    switch (ref.type) {
      case 'singleChoice':
        return typeof value === 'string' && ref.optionIds.has(value) ? null : `選択肢 ${String(value)} がありません`;
      case 'yesNo':
      case 'consent':
        return typeof value === 'boolean' ? null : '値は true か false にしてください';
      case 'number':
        return typeof value === 'number' && Number.isFinite(value) ? null : '値は数値にしてください';
      case 'date':
        return typeof value === 'string' && isRealDate(value) ? null : '値は 2026-12-02 の形の日付にしてください';
      case 'time':
        return typeof value === 'string' && isTime(value) ? null : '値は 09:00 の形の時刻にしてください';
      case 'text':
      case 'email':
      case 'phone':
      case 'postalCode':
        return typeof value === 'string' && value.trim() !== '' ? null : '値を文字で指定してください';
      default:
        return `${typeName}の項目には「等しい」「等しくない」は使えません`;
    }
  }
  switch (ref.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : '値は数値にしてください';
    case 'date':
      return typeof value === 'string' && isRealDate(value) ? null : '値は 2026-12-02 の形の日付にしてください';
    case 'time':
      return typeof value === 'string' && isTime(value) ? null : '値は 09:00 の形の時刻にしてください';
    default:
      return `大小の比較は数値・日付・時刻の項目にだけ使えます（${typeName}）`;
  }
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
