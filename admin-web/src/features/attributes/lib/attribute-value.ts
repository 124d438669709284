import type { AttributeDefinitionFieldsFragment, AttributeKind, AttributeValueInput } from '../../../gql/graphql';

type Definition = Pick<AttributeDefinitionFieldsFragment, 'key' | 'kind' | 'options'>;
export interface ValueShape {
  optionKeys?: readonly string[] | null;
  dates?: readonly string[] | null;
  number?: number | null;
  text?: string | null;
  flag?: boolean | null;
}

export const OPTION_KINDS: readonly AttributeKind[] = ['SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'AREA'];
export const FIXED_OPTION_KINDS: readonly AttributeKind[] = ['YES_NO', 'CONSENT'];

/** A value as staff read it: option labels, dates, はい / いいえ; null when unset. */
export function valueText(
  def: Definition,
  value: ValueShape | null | undefined,
  words: { yes: string; no: string; consent: string },
): string | null {
  if (!value) return null;
  switch (def.kind) {
    case 'SINGLE_CHOICE':
    case 'MULTIPLE_CHOICE':
    case 'AREA': {
      const keys = value.optionKeys ?? [];
      if (keys.length === 0) return null;
      return keys.map((k) => def.options.find((o) => o.key === k)?.label ?? k).join('、');
    }
    case 'DATE':
    case 'DATE_LIST':
      return value.dates?.length ? value.dates.join('、') : null;
    case 'NUMBER':
      return value.number === null || value.number === undefined ? null : String(value.number);
    case 'TEXT':
      return value.text ?? null;
    case 'YES_NO':
      return value.flag === null || value.flag === undefined ? null : value.flag ? words.yes : words.no;
    case 'CONSENT':
      return value.flag ? words.consent : null;
  }
}

/** The form control's value for a definition (antd Form field). */
export type FormValue = string | string[] | number | boolean | null | undefined;

export function toFormValue(def: Definition, value: ValueShape | null | undefined): FormValue {
  switch (def.kind) {
    case 'SINGLE_CHOICE':
    case 'AREA':
      return value?.optionKeys?.[0] ?? undefined;
    case 'MULTIPLE_CHOICE':
      return [...(value?.optionKeys ?? [])];
    case 'DATE':
      return value?.dates?.[0] ?? undefined;
    case 'DATE_LIST':
      return [...(value?.dates ?? [])];
    case 'NUMBER':
      return value?.number ?? undefined;
    case 'TEXT':
      return value?.text ?? undefined;
    case 'YES_NO':
      return value?.flag === true ? 'yes' : value?.flag === false ? 'no' : undefined;
    case 'CONSENT':
      return value?.flag ?? false;
  }
}

const present = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim() !== '';

/** The API's input for one form control's value (an empty control clears). */
export function toInput(def: Definition, value: FormValue): AttributeValueInput {
  const base = { attributeKey: def.key };
  switch (def.kind) {
    case 'SINGLE_CHOICE':
    case 'AREA':
      return { ...base, optionKeys: present(value as string) ? [value as string] : null };
    case 'MULTIPLE_CHOICE':
      return { ...base, optionKeys: Array.isArray(value) && value.length ? value : null };
    case 'DATE':
      return { ...base, dates: present(value as string) ? [value as string] : null };
    case 'DATE_LIST': {
      const dates = Array.isArray(value) ? value.filter(present) : [];
      return { ...base, dates: dates.length ? dates : null };
    }
    case 'NUMBER':
      return { ...base, number: typeof value === 'number' ? value : null };
    case 'TEXT':
      return { ...base, text: present(value as string) ? (value as string) : null };
    case 'YES_NO':
      return { ...base, flag: value === 'yes' ? true : value === 'no' ? false : null };
    case 'CONSENT':
      return { ...base, flag: value === true ? true : null };
  }
}
