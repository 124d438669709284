import type { TFunction } from 'i18next';
import type { DeliveryStepPlanFieldsFragment, DeliveryStepPlanInput } from '../../../gql/graphql';
import { jstInstantOf } from './calendar';
import { draftReducer, newDraft } from './draft';
import type { DeliveryDraft, DraftAction, VariantDraft } from './draft';
import { addDays, formatJst } from './jst';
import { isVariantLanguage } from './languages';
import type { VariantLanguage } from './languages';
import { compose, emptyMessage, newKey, toDraft } from './messages';
import type { DraftProblem } from './messages';
import { checkVariant, countVariantProblems, emptyProblems, placeServerFields } from './problems';
import type { EditorProblems, SentVariant, VariantProblems } from './problems';

/**
 * A step plan (ステップ配信) as its editor holds it: the reference date's attribute, the segments
 * that narrow it, and its messages, each sent some days before, on or after the reference date at
 * a time of day, with its language variants composed as a delivery's are. The server's rules
 * (deliveries/delivery-step.service.ts) are checked here too, for comfort, in the same words.
 */

/** The server's limits (delivery-step.service.ts). */
export const MAX_STEPS = 30;
export const MAX_OFFSET_DAYS = 36_500;
export const MAX_STEP_SEGMENTS = 20;
export const TITLE_MAX = 100;

export type Direction = 'before' | 'on' | 'after';
export const DIRECTIONS: readonly Direction[] = ['before', 'on', 'after'];

export interface StepDraft {
  /** Stable in the editor (tabs, problems); never sent. */
  key: string;
  /** The saved step's id (keeps what it already sent), or null for a new one. */
  id: string | null;
  direction: Direction;
  /** Days before or after (1 and more); ignored on the day itself. */
  days: number | null;
  /** `HH:MM`, Tokyo. */
  time: string;
  variants: VariantDraft[];
}

export interface StepPlanDraft {
  title: string;
  /** null: the server's default (the first active channel), or the one saved. */
  channelId: string | null;
  dateAttributeId: string | null;
  segmentIds: string[];
  steps: StepDraft[];
}

/** The days after the reference date (negative: before), or null while the days are missing. */
export function offsetOf(step: Pick<StepDraft, 'direction' | 'days'>): number | null {
  if (step.direction === 'on') return 0;
  if (step.days === null) return null;
  return step.direction === 'before' ? -step.days : step.days;
}

export function fromOffset(offsetDays: number): Pick<StepDraft, 'direction' | 'days'> {
  if (offsetDays === 0) return { direction: 'on', days: null };
  return offsetDays < 0 ? { direction: 'before', days: -offsetDays } : { direction: 'after', days: offsetDays };
}

/** 「3日前」「当日」「30日後」 */
export function offsetText(offsetDays: number, t: TFunction): string {
  if (offsetDays === 0) return t('deliveries.steps.offset.on');
  return offsetDays < 0
    ? t('deliveries.steps.offset.before', { n: (-offsetDays).toLocaleString('ja-JP') })
    : t('deliveries.steps.offset.after', { n: offsetDays.toLocaleString('ja-JP') });
}

/** 「2通目（30日後 09:00）」: a message of a plan, by its place in it. */
export function stepName(step: { offsetDays: number; time: string }, number: number, t: TFunction): string {
  return t('deliveries.steps.stepName', { n: number, offset: offsetText(step.offsetDays, t), time: step.time });
}

function japaneseOnly(): VariantDraft[] {
  return [{ language: 'ja', messages: [emptyMessage('text')] }];
}

/** A new message: a day after the latest of the others (after the reference date), at 09:00. */
export function newStep(others: readonly StepDraft[] = []): StepDraft {
  const latest = Math.max(0, ...others.map((s) => offsetOf(s) ?? 0));
  return {
    key: newKey(),
    id: null,
    direction: 'after',
    days: Math.min(latest + 1, MAX_OFFSET_DAYS),
    time: '09:00',
    variants: japaneseOnly(),
  };
}

export function newPlanDraft(): StepPlanDraft {
  return { title: '', channelId: null, dateAttributeId: null, segmentIds: [], steps: [newStep()] };
}

function variantsOf(raw: readonly unknown[]): VariantDraft[] {
  const variants = raw.flatMap((v): VariantDraft[] => {
    const record = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
    const language = record['language'];
    const messages = record['messages'];
    return isVariantLanguage(language) ? [{ language, messages: Array.isArray(messages) ? messages.map(toDraft) : [] }] : [];
  });
  if (!variants.some((v) => v.language === 'ja')) variants.unshift(...japaneseOnly());
  return variants.sort((a, b) => (a.language === 'ja' ? -1 : b.language === 'ja' ? 1 : 0));
}

/** A saved plan as the editor's draft. */
export function fromPlan(
  plan: Pick<DeliveryStepPlanFieldsFragment, 'title' | 'channelId' | 'dateAttributeId' | 'segmentIds' | 'steps'>,
): StepPlanDraft {
  return {
    title: plan.title,
    channelId: plan.channelId,
    dateAttributeId: plan.dateAttributeId,
    segmentIds: [...plan.segmentIds],
    steps: plan.steps.map((step) => ({
      key: newKey(),
      id: step.id,
      ...fromOffset(step.offsetDays),
      time: step.time,
      variants: variantsOf(step.variants),
    })),
  };
}

/** How a step's variants were sent, to read the server's `steps.<i>.variants.<j>.messages.<k>` back. */
export interface SentStep {
  key: string;
  variants: SentVariant[];
}

/** The input of createDeliveryStepPlan / updateDeliveryStepPlan (never `enabled`: that is its own action). */
export function toPlanInput(draft: StepPlanDraft): { input: DeliveryStepPlanInput; sent: SentStep[] } {
  const input: DeliveryStepPlanInput = {
    title: draft.title.trim(),
    dateAttributeId: draft.dateAttributeId,
    segmentIds: draft.segmentIds,
    steps: draft.steps.map((step) => ({
      ...(step.id ? { id: step.id } : {}),
      offsetDays: offsetOf(step),
      time: step.time,
      variants: step.variants.map((v) => ({ language: v.language, messages: v.messages.map((m) => compose(m).message) })),
    })),
  };
  if (draft.channelId) input.channelId = draft.channelId;
  return {
    input,
    sent: draft.steps.map((step) => ({
      key: step.key,
      variants: step.variants.map((v) => ({ language: v.language, keys: v.messages.map((m) => m.key) })),
    })),
  };
}

/** The composer's draft for one step's content: the delivery editor's components edit its `variants` only. */
const CONTENT_BASE: DeliveryDraft = newDraft(new Date(0));

export function contentOf(step: StepDraft): DeliveryDraft {
  return { ...CONTENT_BASE, variants: step.variants };
}

export type PlanAction =
  | { type: 'set'; patch: Partial<Pick<StepPlanDraft, 'title' | 'channelId' | 'dateAttributeId' | 'segmentIds'>> }
  | { type: 'addStep' }
  | { type: 'removeStep'; key: string }
  | { type: 'setStep'; key: string; patch: Partial<Pick<StepDraft, 'direction' | 'days' | 'time'>> }
  | { type: 'content'; key: string; action: DraftAction }
  /** The saved plan again (its new steps now have ids, in the server's order). */
  | { type: 'reset'; draft: StepPlanDraft };

export function planReducer(draft: StepPlanDraft, action: PlanAction): StepPlanDraft {
  const mapStep = (key: string, change: (step: StepDraft) => StepDraft) => ({
    ...draft,
    steps: draft.steps.map((s) => (s.key === key ? change(s) : s)),
  });
  switch (action.type) {
    case 'set':
      return { ...draft, ...action.patch };
    case 'addStep':
      return draft.steps.length >= MAX_STEPS ? draft : { ...draft, steps: [...draft.steps, newStep(draft.steps)] };
    case 'removeStep':
      return draft.steps.length <= 1 ? draft : { ...draft, steps: draft.steps.filter((s) => s.key !== action.key) };
    case 'setStep':
      return mapStep(action.key, (step) => {
        const next = { ...step, ...action.patch };
        // Choosing before or after again starts from a day, not from nothing.
        if (action.patch.direction && action.patch.direction !== 'on' && next.days === null) next.days = 1;
        return next;
      });
    case 'content':
      return mapStep(action.key, (step) => ({ ...step, variants: draftReducer(contentOf(step), action.action).variants }));
    case 'reset':
      return action.draft;
  }
}

/** The problems of a step: its timing, and its content as the delivery editor shows them. */
export interface StepProblems {
  timing: Record<'days' | 'time', string[]>;
  content: EditorProblems;
}

/** Where the step editor shows each problem. */
export interface PlanProblems {
  /** title, channelId, dateAttributeId, segmentIds, steps, … */
  fields: Record<string, string[]>;
  steps: Record<string, StepProblems>;
  other: string[];
}

export function emptyPlanProblems(): PlanProblems {
  return { fields: {}, steps: {}, other: [] };
}

function emptyStepProblems(): StepProblems {
  return { timing: { days: [], time: [] }, content: emptyProblems() };
}

const push = (list: string[], message: string) => {
  if (!list.includes(message)) list.push(message);
};

function stepProblems(problems: PlanProblems, key: string): StepProblems {
  problems.steps[key] ??= emptyStepProblems();
  return problems.steps[key];
}

function describeDraftProblem(t: TFunction, problem: DraftProblem, number: number): string {
  switch (problem.kind) {
    case 'json':
      return problem.line === null
        ? t('deliveries.editor.json.invalid', { n: number })
        : t('deliveries.editor.json.invalidAt', { n: number, line: problem.line });
    case 'emojiCount':
      return t('deliveries.editor.text.emojiCount', { n: number, emojis: problem.emojis, dollars: problem.dollars });
  }
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** What the editor can tell before saving, in the server's words: names, the attribute, each step's timing and messages. */
export function checkPlan(draft: StepPlanDraft, t: TFunction): PlanProblems {
  const out = emptyPlanProblems();
  const title = draft.title.trim();
  if (!title) out.fields['title'] = [t('deliveries.steps.editor.titleRequired')];
  else if (title.length > TITLE_MAX) out.fields['title'] = [t('deliveries.steps.editor.titleTooLong', { max: TITLE_MAX })];
  if (!draft.dateAttributeId) out.fields['dateAttributeId'] = [t('deliveries.steps.editor.dateAttributeRequired')];
  const timings = new Map<string, number>();
  draft.steps.forEach((step, index) => {
    const problems = stepProblems(out, step.key);
    if (step.direction !== 'on') {
      if (step.days === null) push(problems.timing.days, t('deliveries.steps.editor.daysRequired'));
      else if (!Number.isInteger(step.days) || step.days < 1 || step.days > MAX_OFFSET_DAYS)
        push(problems.timing.days, t('deliveries.steps.editor.daysRange', { max: MAX_OFFSET_DAYS.toLocaleString('ja-JP') }));
    }
    if (!step.time) push(problems.timing.time, t('deliveries.steps.editor.timeRequired'));
    else if (!CLOCK.test(step.time)) push(problems.timing.time, t('deliveries.steps.editor.timeRequired'));
    const offset = offsetOf(step);
    if (offset !== null && CLOCK.test(step.time)) {
      const timing = `${offset}@${step.time}`;
      const first = timings.get(timing);
      if (first === undefined) timings.set(timing, index + 1);
      else push(problems.timing.days, t('deliveries.steps.editor.duplicateTiming', { n: first }));
    }
    for (const variant of step.variants)
      problems.content.variants[variant.language] = checkVariant(variant.messages, (problem, number) =>
        describeDraftProblem(t, problem, number),
      );
  });
  return out;
}

/**
 * Places the server's field messages: `steps.2.time` beside the third step's time,
 * `steps.2.variants.0.messages.1.text` beside that message, `dateAttributeId` beside the attribute.
 */
export function placePlanServerFields(fields: Record<string, string>, sent: readonly SentStep[]): PlanProblems {
  const out = emptyPlanProblems();
  for (const [field, message] of Object.entries(fields)) {
    const [head, index, part, ...rest] = field.split('.');
    const step = head === 'steps' && index !== undefined && /^\d+$/.test(index) ? sent[Number(index)] : undefined;
    if (!step) {
      if (head) push((out.fields[head] ??= []), message);
      else push(out.other, message);
      continue;
    }
    const problems = stepProblems(out, step.key);
    if (part === 'offsetDays' || part === 'id') push(problems.timing.days, message);
    else if (part === 'time') push(problems.timing.time, message);
    else if (part === 'variants') {
      const placed = placeServerFields({ [['variants', ...rest].join('.')]: message }, step.variants);
      mergeInto(problems.content, placed);
    } else push(out.other, message);
  }
  return out;
}

function mergeInto(target: EditorProblems, source: EditorProblems): void {
  for (const [key, list] of Object.entries(source.fields)) for (const m of list) push((target.fields[key] ??= []), m);
  for (const [language, problems] of Object.entries(source.variants) as Array<[VariantLanguage, VariantProblems | undefined]>) {
    if (!problems) continue;
    const into = (target.variants[language] ??= { general: [], byMessage: {} });
    for (const m of problems.general) push(into.general, m);
    for (const [key, list] of Object.entries(problems.byMessage)) {
      const existing = (into.byMessage[key] ??= []);
      for (const p of list) if (!existing.some((q) => q.path === p.path && q.message === p.message)) existing.push(p);
    }
  }
  for (const m of source.other) push(target.other, m);
}

/** Both sets of problems together. */
export function mergePlanProblems(a: PlanProblems, b: PlanProblems): PlanProblems {
  const out = emptyPlanProblems();
  for (const source of [a, b]) {
    for (const [key, list] of Object.entries(source.fields)) for (const m of list) push((out.fields[key] ??= []), m);
    for (const [key, step] of Object.entries(source.steps)) {
      const into = stepProblems(out, key);
      for (const m of step.timing.days) push(into.timing.days, m);
      for (const m of step.timing.time) push(into.timing.time, m);
      mergeInto(into.content, step.content);
    }
    for (const m of source.other) push(out.other, m);
  }
  return out;
}

/** How many problems a step has (its tab's badge). */
export function countStepProblems(problems: StepProblems | undefined): number {
  if (!problems) return 0;
  const content = Object.values(problems.content.variants).reduce((n, v) => n + countVariantProblems(v), 0);
  const fields = Object.values(problems.content.fields).reduce((n, list) => n + list.length, 0);
  return problems.timing.days.length + problems.timing.time.length + content + fields + problems.content.other.length;
}

/** Every message of a set of problems, once, for the summary above the editor. */
export function allPlanMessages(problems: PlanProblems): string[] {
  const out = new Set<string>();
  for (const list of Object.values(problems.fields)) list.forEach((m) => out.add(m));
  for (const step of Object.values(problems.steps)) {
    step.timing.days.forEach((m) => out.add(m));
    step.timing.time.forEach((m) => out.add(m));
    for (const list of Object.values(step.content.fields)) list.forEach((m) => out.add(m));
    for (const v of Object.values(step.content.variants)) {
      if (!v) continue;
      v.general.forEach((m) => out.add(m));
      for (const list of Object.values(v.byMessage)) list.forEach((p) => out.add(p.message));
    }
    step.content.other.forEach((m) => out.add(m));
  }
  problems.other.forEach((m) => out.add(m));
  return [...out];
}

/**
 * The server's problems that still apply to the draft: a plan field's while that field is as it
 * was sent, a step's while that step is unchanged.
 */
export function stillApplying(placed: PlanProblems, sentDraft: StepPlanDraft, draft: StepPlanDraft): PlanProblems {
  const out = emptyPlanProblems();
  const depends: Record<string, ReadonlyArray<keyof StepPlanDraft>> = {
    title: ['title'],
    channelId: ['channelId'],
    dateAttributeId: ['dateAttributeId'],
    segmentIds: ['segmentIds'],
    steps: ['steps'],
  };
  const same = (field: keyof StepPlanDraft) => JSON.stringify(sentDraft[field]) === JSON.stringify(draft[field]);
  for (const [field, list] of Object.entries(placed.fields)) if ((depends[field] ?? []).every(same)) out.fields[field] = list;
  for (const [key, problems] of Object.entries(placed.steps)) {
    const before = sentDraft.steps.find((s) => s.key === key);
    const now = draft.steps.find((s) => s.key === key);
    if (before && now && JSON.stringify(before) === JSON.stringify(now)) out.steps[key] = problems;
  }
  out.other = JSON.stringify(sentDraft) === JSON.stringify(draft) ? placed.other : [];
  return out;
}

/**
 * 「例：基準日が 2026/12/03 の人には、2026/12/06（日）10:30 に届きます。」: the step's timing told
 * with today as the reference date.
 */
export function timingExample(step: Pick<StepDraft, 'direction' | 'days' | 'time'>, today: string, t: TFunction): string | null {
  const offset = offsetOf(step);
  if (offset === null || !CLOCK.test(step.time) || Math.abs(offset) > MAX_OFFSET_DAYS) return null;
  const at = jstInstantOf(addDays(today, offset), step.time);
  return t('deliveries.steps.editor.timingExample', {
    // The day alone: 「2026/12/03（木）」.
    reference: formatJst(jstInstantOf(today)).slice(0, 13),
    at: formatJst(at),
  });
}

/** How far ahead the step pages look (the server answers up to 62 days). */
export const UPCOMING_DAYS = 60;

/** The window the step pages ask `upcoming` for: from this minute, UPCOMING_DAYS ahead. */
export function upcomingWindow(now: Date = new Date()): { from: string; to: string } {
  const from = Math.floor(now.getTime() / 60_000) * 60_000;
  return { from: new Date(from).toISOString(), to: new Date(from + UPCOMING_DAYS * 24 * 60 * 60 * 1000).toISOString() };
}
