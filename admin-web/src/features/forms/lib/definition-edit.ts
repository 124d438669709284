import type {
  ChoiceOption,
  Condition,
  DefinitionProblem,
  FieldId,
  FieldType,
  FormDefinition,
  FormField,
  FormPage,
  PageId,
} from '@machi/form-engine';

/**
 * The builder's edits of a definition: pure functions from one definition to the next, so the
 * editor keeps one value (saved as the draft) and every edit can be checked with the engine.
 */

/** The field types the palette offers, in its order. */
export const FIELD_TYPES: readonly FieldType[] = [
  'text',
  'number',
  'email',
  'phone',
  'postalCode',
  'date',
  'dateList',
  'time',
  'singleChoice',
  'multipleChoice',
  'yesNo',
  'consent',
  'file',
  'heading',
  'paragraph',
];

/** A field kind that can be bound to a resident attribute (the engine refuses the others). */
export function canBindAttribute(type: FieldType): boolean {
  return !['file', 'email', 'phone', 'postalCode', 'time', 'heading', 'paragraph'].includes(type);
}

export function emptyDefinition(): FormDefinition {
  return { schemaVersion: 1, confirmation: true, pages: [{ id: 'p_1', fields: [] }] };
}

/** Reads a definition from the API's JSON; anything unusable becomes an empty one-page form. */
export function definitionOf(json: unknown): FormDefinition {
  if (typeof json === 'object' && json !== null && Array.isArray((json as { pages?: unknown }).pages)) return json as FormDefinition;
  return emptyDefinition();
}

/** Every id in use: fields, pages and options share no namespace in the engine, but unique ids keep references unambiguous. */
function usedIds(definition: FormDefinition): Set<string> {
  const ids = new Set<string>();
  for (const page of definition.pages) {
    ids.add(page.id);
    for (const field of page.fields) {
      ids.add(field.id);
      if ('options' in field) for (const option of field.options) ids.add(option.id);
    }
  }
  return ids;
}

/** A short id (`f_3`, `p_2`, `o_7`) not yet used in the definition. */
export function newId(prefix: 'f' | 'p' | 'o', taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const id = `${prefix}_${n}`;
    if (!taken.has(id)) return id;
  }
}

/** Drops keys whose value is undefined: the engine refuses keys a field type does not know, even empty ones. */
export function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function newField(type: FieldType, definition: FormDefinition, label: string, optionLabel: (n: number) => string): FormField {
  const taken = usedIds(definition);
  const id = newId('f', taken);
  taken.add(id);
  const option = (n: number): ChoiceOption => {
    const optionId = newId('o', taken);
    taken.add(optionId);
    return { id: optionId, label: optionLabel(n) };
  };
  switch (type) {
    case 'singleChoice':
      return { id, type, label, display: 'radio', options: [option(1), option(2)] };
    case 'multipleChoice':
      return { id, type, label, options: [option(1), option(2)] };
    case 'consent':
      return { id, type, label, text: label, required: true };
    case 'paragraph':
      return { id, type, label, text: label };
    case 'file':
      return { id, type, label, accept: 'image' };
    case 'text':
    case 'number':
    case 'email':
    case 'phone':
    case 'postalCode':
    case 'date':
    case 'dateList':
    case 'time':
    case 'yesNo':
    case 'heading':
      return { id, type, label };
  }
}

function mapPages(definition: FormDefinition, map: (page: FormPage) => FormPage): FormDefinition {
  return { ...definition, pages: definition.pages.map(map) };
}

export function addField(definition: FormDefinition, pageId: PageId, field: FormField): FormDefinition {
  return mapPages(definition, (page) => (page.id === pageId ? { ...page, fields: [...page.fields, field] } : page));
}

export function updateField(definition: FormDefinition, fieldId: FieldId, update: (field: FormField) => FormField): FormDefinition {
  return mapPages(definition, (page) => ({
    ...page,
    fields: page.fields.map((field) => (field.id === fieldId ? clean(update(field)) : field)),
  }));
}

export function removeField(definition: FormDefinition, fieldId: FieldId): FormDefinition {
  return mapPages(definition, (page) => ({ ...page, fields: page.fields.filter((f) => f.id !== fieldId) }));
}

export interface FieldPosition {
  pageIndex: number;
  fieldIndex: number;
}

export function findField(definition: FormDefinition, fieldId: FieldId): (FieldPosition & { field: FormField }) | null {
  for (const [pageIndex, page] of definition.pages.entries()) {
    const fieldIndex = page.fields.findIndex((f) => f.id === fieldId);
    const field = page.fields[fieldIndex];
    if (field) return { pageIndex, fieldIndex, field };
  }
  return null;
}

/**
 * Moves a field one place up or down; past the top or bottom of its page it moves to the end of
 * the previous page or the start of the next one, so buttons alone can take it anywhere.
 */
export function moveField(definition: FormDefinition, fieldId: FieldId, delta: -1 | 1): FormDefinition {
  const at = findField(definition, fieldId);
  if (!at) return definition;
  const pages = definition.pages.map((p) => ({ ...p, fields: [...p.fields] }));
  const page = pages[at.pageIndex];
  if (!page) return definition;
  const target = at.fieldIndex + delta;
  if (target >= 0 && target < page.fields.length) {
    const [field] = page.fields.splice(at.fieldIndex, 1);
    if (field) page.fields.splice(target, 0, field);
    return { ...definition, pages };
  }
  const neighbour = pages[at.pageIndex + delta];
  if (!neighbour) return definition;
  const [field] = page.fields.splice(at.fieldIndex, 1);
  if (!field) return definition;
  if (delta < 0) neighbour.fields.push(field);
  else neighbour.fields.unshift(field);
  return { ...definition, pages };
}

/** Whether moveField can move the field that way at all. */
export function canMoveField(definition: FormDefinition, fieldId: FieldId, delta: -1 | 1): boolean {
  const at = findField(definition, fieldId);
  if (!at) return false;
  const pageCount = definition.pages.length;
  const fieldCount = definition.pages[at.pageIndex]?.fields.length ?? 0;
  if (delta < 0) return at.fieldIndex > 0 || at.pageIndex > 0;
  return at.fieldIndex < fieldCount - 1 || at.pageIndex < pageCount - 1;
}

export function addPage(definition: FormDefinition): { definition: FormDefinition; pageId: PageId } {
  const pageId = newId('p', usedIds(definition));
  return { definition: { ...definition, pages: [...definition.pages, { id: pageId, fields: [] }] }, pageId };
}

export function updatePage(definition: FormDefinition, pageId: PageId, update: (page: FormPage) => FormPage): FormDefinition {
  return mapPages(definition, (page) => (page.id === pageId ? clean(update(page)) : page));
}

export function removePage(definition: FormDefinition, pageId: PageId): FormDefinition {
  if (definition.pages.length <= 1) return definition;
  return { ...definition, pages: definition.pages.filter((p) => p.id !== pageId) };
}

export function movePage(definition: FormDefinition, pageId: PageId, delta: -1 | 1): FormDefinition {
  const index = definition.pages.findIndex((p) => p.id === pageId);
  const target = index + delta;
  if (index < 0 || target < 0 || target >= definition.pages.length) return definition;
  const pages = [...definition.pages];
  const [page] = pages.splice(index, 1);
  if (page) pages.splice(target, 0, page);
  return { ...definition, pages };
}

/** A new option for a choice field, with an id unused anywhere in the form. */
export function newOption(definition: FormDefinition, label: string): ChoiceOption {
  return { id: newId('o', usedIds(definition)), label };
}

export function moveItem<T>(items: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (target < 0 || target >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(index, 1);
  if (item !== undefined) next.splice(target, 0, item);
  return next;
}

/**
 * The fields a condition of `target` may refer to: answerable fields before it (earlier pages,
 * or earlier on the same page), as the engine requires. Staff-only fields only for staff-only targets.
 */
export function earlierFields(definition: FormDefinition, target: { fieldId: FieldId } | { pageId: PageId }): FormField[] {
  const result: FormField[] = [];
  const ownerAdminOnly = 'fieldId' in target ? (findField(definition, target.fieldId)?.field.adminOnly ?? false) : false;
  for (const page of definition.pages) {
    if ('pageId' in target && page.id === target.pageId) return result;
    for (const field of page.fields) {
      if ('fieldId' in target && field.id === target.fieldId) return result;
      if (field.type === 'heading' || field.type === 'paragraph') continue;
      if (field.adminOnly && !ownerAdminOnly) continue;
      result.push(field);
    }
  }
  return result;
}

export type ProblemTarget = { kind: 'form' } | { kind: 'page'; pageId: PageId } | { kind: 'field'; fieldId: FieldId };

const FIELD_PATH = /^pages\[(\d+)\]\.fields\[(\d+)\]/;
const PAGE_PATH = /^pages\[(\d+)\]/;

/** Where a problem of checkDefinition belongs on screen, from its path (`pages[1].fields[2].options`). */
export function problemTarget(definition: FormDefinition, problem: DefinitionProblem): ProblemTarget {
  const field = FIELD_PATH.exec(problem.path);
  if (field) {
    const found = definition.pages[Number(field[1])]?.fields[Number(field[2])];
    if (found) return { kind: 'field', fieldId: found.id };
  }
  const page = PAGE_PATH.exec(problem.path);
  if (page) {
    const found = definition.pages[Number(page[1])];
    if (found) return { kind: 'page', pageId: found.id };
  }
  return { kind: 'form' };
}

export interface GroupedProblems {
  form: DefinitionProblem[];
  pages: Map<PageId, DefinitionProblem[]>;
  fields: Map<FieldId, DefinitionProblem[]>;
}

export function groupProblems(definition: FormDefinition, problems: readonly DefinitionProblem[]): GroupedProblems {
  const grouped: GroupedProblems = { form: [], pages: new Map(), fields: new Map() };
  const push = <K>(map: Map<K, DefinitionProblem[]>, key: K, problem: DefinitionProblem) => {
    const list = map.get(key);
    if (list) list.push(problem);
    else map.set(key, [problem]);
  };
  for (const problem of problems) {
    const target = problemTarget(definition, problem);
    if (target.kind === 'field') push(grouped.fields, target.fieldId, problem);
    else if (target.kind === 'page') push(grouped.pages, target.pageId, problem);
    else grouped.form.push(problem);
  }
  return grouped;
}

/** Whether a condition (of a field, option or page) refers to the field: removing that field would leave it dangling. */
export function refersTo(condition: Condition | undefined, fieldId: FieldId): boolean {
  if (!condition) return false;
  if ('all' in condition) return condition.all.some((c) => refersTo(c, fieldId));
  if ('any' in condition) return condition.any.some((c) => refersTo(c, fieldId));
  if ('not' in condition) return refersTo(condition.not, fieldId);
  return condition.field === fieldId;
}

/** The labels of the fields, options and pages whose conditions use the field, to warn before it is removed. */
export function dependentsOf(definition: FormDefinition, fieldId: FieldId): string[] {
  const labels: string[] = [];
  definition.pages.forEach((page, index) => {
    if (refersTo(page.visibleWhen, fieldId)) labels.push(page.title ?? `${index + 1}`);
    for (const field of page.fields) {
      if (refersTo(field.visibleWhen, fieldId)) labels.push(field.label);
      if ('options' in field) for (const option of field.options) if (refersTo(option.visibleWhen, fieldId)) labels.push(option.label);
    }
  });
  return labels;
}
