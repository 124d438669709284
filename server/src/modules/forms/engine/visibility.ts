import { answerOf, isAnswered, normalizeText } from './answers.js';
import type {
  AnswerValue,
  Answerer,
  Answers,
  ChoiceOption,
  Condition,
  FieldId,
  FormDefinition,
  FormField,
  FormPage,
} from './definition.js';
import { DISPLAY_FIELD_TYPES } from './definition.js';

/** Whether `condition` holds for `answers`; no condition always holds. */
export function evaluateCondition(condition: Condition | undefined, answers: Answers): boolean {
  if (condition === undefined) return true;
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, answers));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, answers));
  if ('not' in condition) return !evaluateCondition(condition.not, answers);
  const value = answerOf(answers, condition.field);
  switch (condition.op) {
    case 'answered':
      return isAnswered(value);
    case 'notAnswered':
      return !isAnswered(value);
    case 'equals':
      return equals(value, condition.value);
    case 'notEquals':
      return !equals(value, condition.value);
    case 'includes':
      return includes(value, condition.value);
    case 'excludes':
      return !includes(value, condition.value);
    case 'gt':
      return compare(value, condition.value, (c) => c > 0);
    case 'gte':
      return compare(value, condition.value, (c) => c >= 0);
    case 'lt':
      return compare(value, condition.value, (c) => c < 0);
    case 'lte':
      return compare(value, condition.value, (c) => c <= 0);
  }
}

function equals(value: AnswerValue | undefined, expected: string | number | boolean | undefined): boolean {
  if (!isAnswered(value) || expected === undefined || Array.isArray(value)) return false;
  if (typeof value === 'string' && typeof expected === 'string') return normalizeText(value) === normalizeText(expected);
  return value === expected;
}

function includes(value: AnswerValue | undefined, expected: string | number | boolean | undefined): boolean {
  return Array.isArray(value) && typeof expected === 'string' && value.includes(expected);
}

/** Numbers numerically; dates and times (both fixed-width strings) lexically. Unanswered never compares. */
function compare(value: AnswerValue | undefined, expected: string | number | boolean | undefined, test: (c: number) => boolean): boolean {
  if (typeof value === 'number' && typeof expected === 'number') return Number.isFinite(value) && test(value - expected);
  if (typeof value === 'string' && typeof expected === 'string' && value !== '')
    return test(value < expected ? -1 : value > expected ? 1 : 0);
  return false;
}

/**
 * What the form shows for these answers, walking it in order: a field is visible when its page is
 * and its condition holds over the *effective* answers before it, in which hidden fields count as
 * unanswered and choices of hidden options are removed. So a stale answer the resident left
 * behind on a branch they backed out of never keeps a later question (or option) on screen.
 */
export interface Visibility {
  readonly pages: ReadonlySet<string>;
  readonly fields: ReadonlySet<FieldId>;
  /** The answers as the rest of the form sees them: visible fields only, visible options only. */
  readonly answers: Answers;
}

export function computeVisibility(definition: FormDefinition, answers: Answers): Visibility {
  const pages = new Set<string>();
  const fields = new Set<FieldId>();
  const effective: Record<FieldId, AnswerValue | undefined> = Object.create(null) as Record<FieldId, AnswerValue | undefined>;
  for (const page of definition.pages) {
    const pageVisible = evaluateCondition(page.visibleWhen, effective);
    if (pageVisible) pages.add(page.id);
    for (const field of page.fields) {
      if (!pageVisible || !evaluateCondition(field.visibleWhen, effective)) continue;
      fields.add(field.id);
      const value = answerOf(answers, field.id);
      if (value === undefined) continue;
      effective[field.id] = keepVisibleChoices(field, value, effective);
    }
  }
  return { pages, fields, answers: effective };
}

function keepVisibleChoices(field: FormField, value: AnswerValue, answers: Answers): AnswerValue {
  if (field.type !== 'singleChoice' && field.type !== 'multipleChoice') return value;
  const offered = new Set(visibleOptions(field, answers).map((o) => o.id));
  if (field.type === 'singleChoice') return typeof value === 'string' && offered.has(value) ? value : null;
  return Array.isArray(value) ? value.filter((id) => offered.has(id)) : null;
}

export function visiblePages(definition: FormDefinition, answers: Answers): FormPage[] {
  const { pages } = computeVisibility(definition, answers);
  return definition.pages.filter((p) => pages.has(p.id));
}

/** A page residents are shown: one with anything that is not for staff only (a 職員記入欄 page is not). */
export function isResidentPage(page: FormPage): boolean {
  return page.fields.length === 0 || page.fields.some((f) => !f.adminOnly);
}

/** The pages a resident walks through for these answers: visible, and not staff-only. */
export function residentPages(definition: FormDefinition, answers: Answers): FormPage[] {
  return visiblePages(definition, answers).filter(isResidentPage);
}

/** A field on a hidden page is hidden; an unknown field is not visible. */
export function isFieldVisible(definition: FormDefinition, fieldId: FieldId, answers: Answers): boolean {
  return computeVisibility(definition, answers).fields.has(fieldId);
}

/**
 * The options offered now. Pass the effective answers (`computeVisibility(...).answers`) when a
 * condition may depend on a field that is itself conditional; the raw answers are right otherwise.
 */
export function visibleOptions(field: FormField, answers: Answers): ChoiceOption[] {
  if (field.type !== 'singleChoice' && field.type !== 'multipleChoice') return [];
  return field.options.filter((o) => evaluateCondition(o.visibleWhen, answers));
}

export function isDisplayField(field: FormField): boolean {
  return DISPLAY_FIELD_TYPES.has(field.type);
}

/** Fields this answerer fills in now, in form order: visible, not display-only, adminOnly only for staff. */
export function answerableFields(definition: FormDefinition, answers: Answers, answerer: Answerer): FormField[] {
  const { fields } = computeVisibility(definition, answers);
  return allFields(definition).filter((f) => fields.has(f.id) && canAnswer(f, answerer));
}

export function canAnswer(field: FormField, answerer: Answerer): boolean {
  return !isDisplayField(field) && (answerer === 'staff' || !field.adminOnly);
}

export function allFields(definition: FormDefinition): FormField[] {
  return definition.pages.flatMap((p) => p.fields);
}
