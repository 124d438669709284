import { registerEnumType } from 'type-graphql';

/** What kind of value an attribute holds (the GraphQL enum; the service API names kinds in camelCase, KIND_NAMES). */
export enum AttributeKind {
  SINGLE_CHOICE = 'SINGLE_CHOICE',
  MULTIPLE_CHOICE = 'MULTIPLE_CHOICE',
  /** A hierarchy of areas (地区 → 町丁目); a value stores the chosen area and all its ancestors. */
  AREA = 'AREA',
  DATE = 'DATE',
  /** Several dates, e.g. the birth dates of each child. */
  DATE_LIST = 'DATE_LIST',
  NUMBER = 'NUMBER',
  /** Free text: encrypted, shown to staff, never a targeting condition. */
  TEXT = 'TEXT',
  YES_NO = 'YES_NO',
  CONSENT = 'CONSENT',
}
registerEnumType(AttributeKind, {
  name: 'AttributeKind',
  valuesConfig: {
    SINGLE_CHOICE: { description: '単一選択' },
    MULTIPLE_CHOICE: { description: '複数選択' },
    AREA: { description: '地域（階層）' },
    DATE: { description: '日付' },
    DATE_LIST: { description: '日付（複数）' },
    NUMBER: { description: '数値' },
    TEXT: { description: '自由記述' },
    YES_NO: { description: 'はい／いいえ' },
    CONSENT: { description: '同意' },
  },
});

/** Kinds whose options staff edit (the others have fixed options or none). */
export const EDITABLE_OPTION_KINDS: ReadonlySet<AttributeKind> = new Set([
  AttributeKind.SINGLE_CHOICE,
  AttributeKind.MULTIPLE_CHOICE,
  AttributeKind.AREA,
]);

/** Kinds stored as option ids in the resident document's int[] (ADR 0012). */
export const OPTION_KINDS: ReadonlySet<AttributeKind> = new Set([...EDITABLE_OPTION_KINDS, AttributeKind.YES_NO, AttributeKind.CONSENT]);

/** The fixed options yes/no and consent attributes get when they are created. */
export const FIXED_OPTIONS: Partial<Record<AttributeKind, ReadonlyArray<{ key: string; label: string }>>> = {
  [AttributeKind.YES_NO]: [
    { key: 'yes', label: 'はい' },
    { key: 'no', label: 'いいえ' },
  ],
  [AttributeKind.CONSENT]: [{ key: 'given', label: '同意する' }],
};

export const KIND_LABELS: Record<AttributeKind, string> = {
  [AttributeKind.SINGLE_CHOICE]: '単一選択',
  [AttributeKind.MULTIPLE_CHOICE]: '複数選択',
  [AttributeKind.AREA]: '地域（階層）',
  [AttributeKind.DATE]: '日付',
  [AttributeKind.DATE_LIST]: '日付（複数）',
  [AttributeKind.NUMBER]: '数値',
  [AttributeKind.TEXT]: '自由記述',
  [AttributeKind.YES_NO]: 'はい／いいえ',
  [AttributeKind.CONSENT]: '同意',
};

/** The kinds as the service API (the forms module) names them. */
export const KIND_NAMES = {
  [AttributeKind.SINGLE_CHOICE]: 'singleChoice',
  [AttributeKind.MULTIPLE_CHOICE]: 'multipleChoice',
  [AttributeKind.AREA]: 'area',
  [AttributeKind.DATE]: 'date',
  [AttributeKind.DATE_LIST]: 'dateList',
  [AttributeKind.NUMBER]: 'number',
  [AttributeKind.TEXT]: 'text',
  [AttributeKind.YES_NO]: 'yesNo',
  [AttributeKind.CONSENT]: 'consent',
} as const;
export type AttributeKindName = (typeof KIND_NAMES)[AttributeKind];
