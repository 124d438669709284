import type { Condition, FieldId, FieldType, FormField } from '@machi/form-engine';

/** The condition operators, as the engine names them. */
export type Operator = 'equals' | 'notEquals' | 'includes' | 'excludes' | 'answered' | 'notAnswered' | 'gt' | 'gte' | 'lt' | 'lte';

export interface Rule {
  field: FieldId;
  op: Operator;
  value?: string | number | boolean;
}

/**
 * What the builder's condition editor edits: one group of rules joined by all (すべて) or any
 * (いずれか). Conditions written some other way (nested groups, not) are kept as they are and
 * shown as such: the editor never silently rewrites a condition it cannot show.
 */
export type EditableCondition =
  { kind: 'none' } | { kind: 'group'; mode: 'all' | 'any'; rules: Rule[] } | { kind: 'other'; condition: Condition };

function isRule(condition: Condition): condition is Condition & Rule {
  return 'field' in condition;
}

export function toEditable(condition: Condition | undefined): EditableCondition {
  if (!condition) return { kind: 'none' };
  if (isRule(condition)) return { kind: 'group', mode: 'all', rules: [ruleOf(condition)] };
  if ('all' in condition && condition.all.every(isRule)) return { kind: 'group', mode: 'all', rules: condition.all.map(ruleOf) };
  if ('any' in condition && condition.any.every(isRule)) return { kind: 'group', mode: 'any', rules: condition.any.map(ruleOf) };
  return { kind: 'other', condition };
}

function ruleOf(condition: Condition & Rule): Rule {
  return condition.value === undefined
    ? { field: condition.field, op: condition.op }
    : { field: condition.field, op: condition.op, value: condition.value };
}

/** No rules: no condition (always shown); one rule: the rule itself; more: the group. */
export function fromEditable(editable: EditableCondition): Condition | undefined {
  if (editable.kind === 'none') return undefined;
  if (editable.kind === 'other') return editable.condition;
  const rules = editable.rules.map((r) => (needsValue(r.op) ? { field: r.field, op: r.op, value: r.value } : { field: r.field, op: r.op }));
  if (rules.length === 0) return undefined;
  if (rules.length === 1) return rules[0];
  return editable.mode === 'all' ? { all: rules } : { any: rules };
}

export function needsValue(op: Operator): boolean {
  return op !== 'answered' && op !== 'notAnswered';
}

/** The operators that make sense for a field of this type (the engine refuses the others). */
export function operatorsFor(type: FieldType): Operator[] {
  switch (type) {
    case 'singleChoice':
    case 'yesNo':
    case 'consent':
      return ['equals', 'notEquals', 'answered', 'notAnswered'];
    case 'multipleChoice':
      return ['includes', 'excludes', 'answered', 'notAnswered'];
    case 'number':
    case 'date':
    case 'time':
      return ['equals', 'notEquals', 'gt', 'gte', 'lt', 'lte', 'answered', 'notAnswered'];
    case 'text':
    case 'email':
    case 'phone':
    case 'postalCode':
      return ['equals', 'notEquals', 'answered', 'notAnswered'];
    case 'dateList':
    case 'file':
    case 'heading':
    case 'paragraph':
      return ['answered', 'notAnswered'];
  }
}

/** A first rule for a field: its first operator, with a value that fits where one is needed. */
export function defaultRule(field: FormField): Rule {
  const op = operatorsFor(field.type)[0] ?? 'answered';
  return { field: field.id, op, value: defaultValue(field, op) };
}

export function defaultValue(field: FormField, op: Operator): Rule['value'] {
  if (!needsValue(op)) return undefined;
  switch (field.type) {
    case 'singleChoice':
    case 'multipleChoice':
      return field.options[0]?.id;
    case 'yesNo':
    case 'consent':
      return true;
    case 'number':
      return 0;
    default:
      return undefined;
  }
}

/** The rule with another field: the operator and value start over when they no longer fit. */
export function withField(rule: Rule, field: FormField): Rule {
  const ops = operatorsFor(field.type);
  if (rule.field === field.id && ops.includes(rule.op)) return rule;
  return defaultRule(field);
}

export function withOperator(rule: Rule, field: FormField | undefined, op: Operator): Rule {
  if (!needsValue(op)) return { field: rule.field, op };
  const keep = rule.value !== undefined && needsValue(rule.op);
  return { field: rule.field, op, value: keep ? rule.value : field ? defaultValue(field, op) : undefined };
}
