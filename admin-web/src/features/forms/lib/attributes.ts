import type { FieldType } from '@machi/form-engine';

/** A resident attribute as the builder offers it for binding a field or choosing the audience. */
export interface BuilderAttribute {
  key: string;
  label: string;
  /** The API's AttributeKind: SINGLE_CHOICE, MULTIPLE_CHOICE, AREA, DATE, DATE_LIST, NUMBER, TEXT, YES_NO, CONSENT. */
  kind: string;
  personal: boolean;
  retiredAt: string | null;
  options: ReadonlyArray<{ key: string; label: string; retiredAt: string | null }>;
}

/** The field type that stores each attribute kind's values. */
const FIELD_TYPE_OF_KIND: Record<string, FieldType> = {
  SINGLE_CHOICE: 'singleChoice',
  AREA: 'singleChoice',
  MULTIPLE_CHOICE: 'multipleChoice',
  DATE: 'date',
  DATE_LIST: 'dateList',
  NUMBER: 'number',
  TEXT: 'text',
  YES_NO: 'yesNo',
  CONSENT: 'consent',
};

/** The attributes a field of this type can be bound to; retired ones are not offered for new bindings. */
export function attributesFor(type: FieldType, attributes: readonly BuilderAttribute[]): BuilderAttribute[] {
  return attributes.filter((a) => FIELD_TYPE_OF_KIND[a.kind] === type && !a.retiredAt);
}

/** Attributes an audience condition can use: those with options, never personal ones (they are not for targeting). */
export function audienceAttributes(attributes: readonly BuilderAttribute[]): BuilderAttribute[] {
  return attributes.filter(
    (a) => ['SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'AREA', 'YES_NO', 'CONSENT'].includes(a.kind) && !a.personal && !a.retiredAt,
  );
}

/** `audienceCondition` of the forms contract: the resident must have one of the options. */
export interface AudienceCondition {
  attributeKey: string;
  optionKeys: string[];
}

export function audienceConditionOf(json: unknown): AudienceCondition | null {
  if (typeof json !== 'object' || json === null) return null;
  const { attributeKey, optionKeys } = json as Record<string, unknown>;
  if (typeof attributeKey !== 'string' || !Array.isArray(optionKeys)) return null;
  return { attributeKey, optionKeys: optionKeys.filter((k): k is string => typeof k === 'string') };
}
