import { validateMessages } from '@machi/message-compose';
import { graphQLErrorsOf } from '../../../shared/lib/graphql-errors';
import { compose } from './messages';
import type { DraftProblem, MessageDraft } from './messages';
import type { VariantLanguage } from './languages';

/** A problem inside one message, at its path from the message (`text`, `contents.body.contents.0.text`; '' for the whole). */
export interface MessageProblem {
  path: string;
  message: string;
}

/** The problems of one language's messages. */
export interface VariantProblems {
  /** About the variant as a whole (too many messages, the language). */
  general: string[];
  byMessage: Record<string, MessageProblem[]>;
}

/** Where the editor shows each problem of a delivery. */
export interface EditorProblems {
  /** By input field: title, channelId, targetKind, segmentIds, timing, scheduledAt, variants, … */
  fields: Record<string, string[]>;
  /** By field of the recurrence rule (`byWeekday`, `byNthWeekday`, …; '' for the rule as a whole). */
  recurrence: Record<string, string[]>;
  variants: Partial<Record<VariantLanguage, VariantProblems>>;
  /** What has no place on the page. */
  other: string[];
}

export function emptyProblems(): EditorProblems {
  return { fields: {}, recurrence: {}, variants: {}, other: [] };
}

/**
 * BAD_USER_INPUT's field messages with their whole keys (`variants.0.messages.2.text`): the shared
 * reader keeps only a key's last part, no use for placing a message beside the third message.
 */
export function fieldsWithPaths(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of graphQLErrorsOf(error)) {
    const fields = e.extensions?.['fields'];
    if (typeof fields !== 'object' || fields === null) continue;
    for (const [key, value] of Object.entries(fields)) {
      if (typeof value === 'string' && value) out[key.replace(/^input\./, '')] ??= value;
    }
  }
  return out;
}

function push(record: Record<string, string[]>, key: string, message: string) {
  const list = record[key] ?? [];
  if (!list.includes(message)) list.push(message);
  record[key] = list;
}

function variant(problems: EditorProblems, language: VariantLanguage): VariantProblems {
  const existing = problems.variants[language];
  if (existing) return existing;
  const created: VariantProblems = { general: [], byMessage: {} };
  problems.variants[language] = created;
  return created;
}

function pushMessage(target: VariantProblems, key: string, problem: MessageProblem) {
  const list = target.byMessage[key] ?? [];
  if (!list.some((p) => p.path === problem.path && p.message === problem.message)) list.push(problem);
  target.byMessage[key] = list;
}

/** The variants as they were sent: their languages and message keys in order, to read `variants.<i>.messages.<j>` back. */
export interface SentVariant {
  language: VariantLanguage;
  keys: readonly string[];
}

/**
 * Places the server's field messages (`createDelivery`, `updateDelivery`, `previewRecurrence`):
 * `variants.0.messages.2.text` beside the third message of the first language sent,
 * `recurrence.byWeekday` (or `rule.byWeekday`) beside the weekday choice, `title` beside the title.
 */
export function placeServerFields(fields: Record<string, string>, sent: readonly SentVariant[]): EditorProblems {
  const out = emptyProblems();
  for (const [key, message] of Object.entries(fields)) {
    const parts = key.split('.');
    const [head, second, third, fourth, ...rest] = parts;
    if (head === 'variants' && second !== undefined) {
      const sentVariant = sent[Number(second)];
      if (!sentVariant || !/^\d+$/.test(second)) {
        push(out.fields, 'variants', message);
        continue;
      }
      const target = variant(out, sentVariant.language);
      const messageKey = third === 'messages' && fourth !== undefined ? sentVariant.keys[Number(fourth)] : undefined;
      if (messageKey) pushMessage(target, messageKey, { path: rest.join('.'), message });
      else if (!target.general.includes(message)) target.general.push(message);
    } else if (head === 'recurrence' || head === 'rule') {
      push(out.recurrence, recurrenceField(parts.slice(1)), message);
    } else if (head) {
      push(out.fields, head, message);
    } else if (!out.other.includes(message)) out.other.push(message);
  }
  return out;
}

/**
 * Where the recurrence form shows a problem of the rule: a row of its lists of dates and of
 * 第何曜日 (`byNthWeekday.1`), otherwise the field (`byWeekday.2` beside the weekdays).
 */
function recurrenceField(path: readonly string[]): string {
  const [field, index] = path;
  if (field === undefined) return '';
  if ((field === 'byNthWeekday' || field === 'dates') && index !== undefined && /^\d+$/.test(index)) return `${field}.${index}`;
  return field;
}

/** What the editor can tell of one language's messages before saving: the server's own checks, and JSON that is not JSON. */
export function checkVariant(
  messages: readonly MessageDraft[],
  describe: (problem: DraftProblem, number: number) => string,
): VariantProblems {
  const out: VariantProblems = { general: [], byMessage: {} };
  const composed = messages.map(compose);
  composed.forEach(({ problem }, index) => {
    const draft = messages[index];
    if (problem && draft) pushMessage(out, draft.key, { path: '', message: describe(problem, index + 1) });
  });
  const checked = validateMessages(composed.map((c) => c.message));
  if (checked.ok) return out;
  for (const problem of checked.problems) {
    const [, index, ...rest] = problem.path.split('.');
    const draft = index === undefined ? undefined : messages[Number(index)];
    if (!draft) {
      if (!out.general.includes(problem.message)) out.general.push(problem.message);
      continue;
    }
    const path = rest.join('.');
    // A message whose JSON does not parse has nothing there to check: its parse error says it.
    const broken = composed[Number(index)]?.problem?.kind === 'json';
    if (broken && (draft.type === 'imagemap' || path === 'contents' || path.startsWith('contents.'))) continue;
    pushMessage(out, draft.key, { path, message: problem.message });
  }
  return out;
}

/** The problems of a message at a field (`text`), its sub-paths (`emojis.0.index` under `emojis`) included. */
export function problemsAt(problems: readonly MessageProblem[] | undefined, field: string): string[] {
  return (problems ?? []).filter((p) => p.path === field || p.path.startsWith(`${field}.`)).map((p) => p.message);
}

/** The problems of a message outside the given fields (shown under the message). */
export function problemsBesides(problems: readonly MessageProblem[] | undefined, fields: readonly string[]): string[] {
  return (problems ?? []).filter((p) => !fields.some((field) => p.path === field || p.path.startsWith(`${field}.`))).map((p) => p.message);
}

/** How many problems a set holds (a tab's badge, the summary's count). */
export function countVariantProblems(problems: VariantProblems | undefined): number {
  if (!problems) return 0;
  return problems.general.length + Object.values(problems.byMessage).reduce((n, list) => n + list.length, 0);
}

/** Every message of a set of problems, once, for the summary above the editor. */
export function allMessages(problems: EditorProblems): string[] {
  const out = new Set<string>();
  for (const list of Object.values(problems.fields)) list.forEach((m) => out.add(m));
  for (const list of Object.values(problems.recurrence)) list.forEach((m) => out.add(m));
  for (const v of Object.values(problems.variants)) {
    if (!v) continue;
    v.general.forEach((m) => out.add(m));
    for (const list of Object.values(v.byMessage)) list.forEach((p) => out.add(p.message));
  }
  problems.other.forEach((m) => out.add(m));
  return [...out];
}

/** Per-row problems of a refused list import (`csv.3.resident_id`), in row order; `csv` itself as row null. */
export function csvRowProblems(fields: Record<string, string>): Array<{ row: number | null; message: string }> {
  return Object.entries(fields)
    .filter(([key]) => key === 'csv' || key.startsWith('csv.'))
    .map(([key, message]) => {
      const row = /^csv\.(\d+)/.exec(key)?.[1];
      // The table names the row; the server's sentence begins with it too (「3行目: …」).
      return {
        row: row === undefined ? null : Number(row),
        message: row === undefined ? message : message.replace(/^\d+行目[:：]\s*/, ''),
      };
    })
    .sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}
