import type { AttributeValueInput, MyAttributesFieldsFragment } from '../../../gql/graphql';

export type Field = MyAttributesFieldsFragment['fields'][number];
type Value = MyAttributesFieldsFragment['values'][number];

/** What the page edits, per attribute key: option keys, dates, or the text of a number or free text. */
export type Draft = Record<string, { options: string[]; dates: string[]; text: string; flag: boolean | null }>;

export function initialDraft(fields: readonly Field[], values: readonly Value[]): Draft {
  const byKey = new Map(values.map((v) => [v.attributeKey, v]));
  const draft: Draft = {};
  for (const f of fields) {
    const v = byKey.get(f.key);
    draft[f.key] = {
      options: [...(v?.optionKeys ?? [])],
      dates: [...(v?.dates ?? [])],
      text: f.kind === 'NUMBER' ? (v?.number === null || v?.number === undefined ? '' : String(v.number)) : (v?.text ?? ''),
      flag: v?.flag ?? null,
    };
  }
  return draft;
}

/** The API's input for every field (an empty field clears its value). */
export function toInputs(fields: readonly Field[], draft: Draft): AttributeValueInput[] {
  return fields.map((f) => {
    const d = draft[f.key] ?? { options: [], dates: [], text: '', flag: null };
    const base = { attributeKey: f.key };
    switch (f.kind) {
      case 'SINGLE_CHOICE':
      case 'MULTIPLE_CHOICE':
      case 'AREA':
        return { ...base, optionKeys: d.options.length ? d.options : null };
      case 'DATE':
      case 'DATE_LIST': {
        const dates = d.dates.filter((x) => x !== '');
        return { ...base, dates: dates.length ? dates : null };
      }
      case 'NUMBER': {
        const text = d.text.trim().replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
        // A text the server cannot read as a number is sent as one it refuses, so the message comes from one place.
        return { ...base, number: text === '' ? null : Number.isFinite(Number(text)) ? Number(text) : Number.NaN };
      }
      case 'TEXT':
        return { ...base, text: d.text.trim() || null };
      case 'YES_NO':
        return { ...base, flag: d.flag };
      case 'CONSENT':
        return { ...base, flag: d.flag === true ? true : null };
    }
  });
}

/** The top-level areas and, for each, the areas inside it (at any depth), in display order. */
export function areaLevels(field: Field): { top: Field['options']; inside: Map<string, Field['options']> } {
  const parentOf = new Map(field.options.map((o) => [o.key, o.parentKey]));
  const topOf = (key: string): string => {
    let k = key;
    for (let depth = 0; depth < 50; depth++) {
      const p = parentOf.get(k);
      if (!p) return k;
      k = p;
    }
    return k;
  };
  const top = field.options.filter((o) => !o.parentKey);
  const inside = new Map<string, Field['options']>();
  for (const o of field.options) {
    if (!o.parentKey) continue;
    const t = topOf(o.key);
    inside.set(t, [...(inside.get(t) ?? []), o]);
  }
  return { top, inside };
}
