import type { messagingApi } from '@line/bot-sdk';
import {
  answerableFields,
  computeVisibility,
  isAnswered,
  messages as engineMessages,
  QUICK_REPLY_MAX_ITEMS,
  summarizeAnswer,
  validateField,
  visibleOptions,
  type AnswerValue,
  type Answers,
  type FieldId,
  type FormDefinition,
  type FormField,
} from './engine.js';
import { talkPostbackData, type TalkPostback } from './talk-postback.js';

/**
 * A survey answered step by step in the LINE talk screen (FORM-14), as a pure state machine: the
 * form engine decides which question comes next (branching, FORM-15) and whether an answer is
 * valid (the same Japanese messages as our pages); this file only turns that into LINE messages
 * with quick-reply buttons and reads the resident's taps and typed lines back. The caller keeps
 * the progress in PostgreSQL and sends the messages with the event's reply token.
 */

export interface TalkForm {
  readonly id: string;
  readonly title: string;
  readonly definition: FormDefinition;
}

export interface TalkProgress {
  /** Questions already asked (answered or left empty), in the order asked. */
  readonly asked: readonly FieldId[];
  readonly answers: Readonly<Record<FieldId, Exclude<AnswerValue, null>>>;
  /** The question waiting for an answer; null while the resident reviews the summary. */
  readonly current: FieldId | null;
  /** A multiple-choice answer being put together one tap at a time. */
  readonly selection: readonly string[];
}

/** What the resident did: a typed line, or a tap on one of our buttons (already parsed). */
export type TalkInput = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'postback'; readonly postback: TalkPostback };

export type TalkOutcome =
  | { readonly kind: 'continue'; readonly progress: TalkProgress; readonly messages: messagingApi.Message[] }
  /** Every question is answered and the resident said 送信 (or the form has no confirmation step). */
  | { readonly kind: 'submit'; readonly progress: TalkProgress; readonly answers: Answers }
  | { readonly kind: 'cancelled'; readonly messages: messagingApi.Message[] };

/** LINE's text message holds 5,000 characters; questions and summaries stay well inside it. */
const TEXT_MAX = 5000;
const LABEL_MAX = 20;
const CANCEL_WORDS = new Set(['やめる', 'やめます', '中止', 'キャンセル']);
const SKIP_WORDS = new Set(['回答しない', 'スキップ', 'とばす']);
const DONE_WORDS = new Set(['選び終わる', '決定', 'おわり', '終わり']);
const SUBMIT_WORDS = new Set(['送信', '送信する']);
const RESTART_WORDS = new Set(['やり直す', 'やりなおす']);

export const TALK_TEXT = {
  cancelled: '回答をやめました。入力した内容は送信していません。',
  restart: '最初からやり直します。',
  stale: 'いまの質問にお答えください。',
  confirmTitle: '回答内容の確認',
  confirmQuestion: 'この内容で送信しますか？',
  howToCancel: '途中でやめるときは「やめる」と送ってください。',
  submitLabel: '送信する',
  restartLabel: 'やり直す',
  cancelLabel: 'やめる',
  skipLabel: '回答しない',
  doneLabel: '選び終わる',
  yes: 'はい',
  no: 'いいえ',
  agree: '同意する',
  disagree: '同意しない',
  pickDate: '日付を選ぶ',
  pickTime: '時刻を選ぶ',
} as const;

export const EMPTY_PROGRESS: TalkProgress = { asked: [], answers: {}, current: null, selection: [] };

/** The first question (after the survey's title). */
export function beginTalk(form: TalkForm): TalkOutcome {
  return proceed(form, EMPTY_PROGRESS, []);
}

/** Re-asks where the resident is (they tapped 回答する again, or wrote while it waited). */
export function resumeTalk(form: TalkForm, progress: TalkProgress, note?: string): TalkOutcome {
  const prefix = note ? [text(note)] : [];
  if (progress.current === null) return { kind: 'continue', progress, messages: [...prefix, confirmation(form, progress)] };
  const field = fieldOf(form, progress.current);
  if (!field) return proceed(form, progress, prefix);
  return { kind: 'continue', progress, messages: [...prefix, question(form, progress, field)] };
}

export function advanceTalk(form: TalkForm, progress: TalkProgress, input: TalkInput, today: string): TalkOutcome {
  const typed = input.kind === 'text' ? input.text.trim() : null;
  const tapped = input.kind === 'postback' ? input.postback : null;
  if ((typed !== null && CANCEL_WORDS.has(typed)) || tapped?.action === 'cancel')
    return { kind: 'cancelled', messages: [text(TALK_TEXT.cancelled)] };

  if (progress.current === null) {
    if ((typed !== null && SUBMIT_WORDS.has(typed)) || tapped?.action === 'submit')
      return { kind: 'submit', progress, answers: progress.answers };
    if ((typed !== null && RESTART_WORDS.has(typed)) || tapped?.action === 'restart')
      return proceed(form, EMPTY_PROGRESS, [text(TALK_TEXT.restart)]);
    return resumeTalk(form, progress);
  }

  const field = fieldOf(form, progress.current);
  if (!field) return proceed(form, progress, []);
  if (tapped && (tapped.field !== field.id || !['answer', 'pick', 'done', 'skip', 'date'].includes(tapped.action)))
    return resumeTalk(form, progress, TALK_TEXT.stale);

  if (tapped?.action === 'skip' || (typed !== null && SKIP_WORDS.has(typed))) return accept(form, progress, field, undefined, today);
  if (field.type === 'multipleChoice') return multipleChoice(form, progress, field, typed, tapped, today);
  if (tapped?.action === 'answer' || tapped?.action === 'date')
    return accept(form, progress, field, tappedValue(field, tapped.value ?? ''), today);
  if (typed !== null) return accept(form, progress, field, typedValue(form, progress, field, typed), today);
  return resumeTalk(form, progress, TALK_TEXT.stale);
}

function fieldOf(form: TalkForm, id: FieldId): FormField | undefined {
  for (const page of form.definition.pages) for (const field of page.fields) if (field.id === id) return field;
  return undefined;
}

/** The next question the engine shows for these answers, or the summary when none is left. */
function proceed(form: TalkForm, progress: TalkProgress, prefix: messagingApi.Message[]): TalkOutcome {
  const next = answerableFields(form.definition, progress.answers, 'resident').find((f) => !progress.asked.includes(f.id));
  if (next) {
    const moved: TalkProgress = { ...progress, current: next.id, selection: [] };
    return { kind: 'continue', progress: moved, messages: [...prefix, question(form, moved, next)] };
  }
  const done: TalkProgress = { ...progress, current: null, selection: [] };
  if (form.definition.confirmation === false) return { kind: 'submit', progress: done, answers: done.answers };
  return { kind: 'continue', progress: done, messages: [...prefix, confirmation(form, done)] };
}

/** An answer (undefined: left empty) checked by the engine; a problem re-asks with its message. */
function accept(form: TalkForm, progress: TalkProgress, field: FormField, value: AnswerValue | undefined, today: string): TalkOutcome {
  const { answers: effective } = computeVisibility(form.definition, progress.answers);
  const error = validateField(field, value, { answers: effective, answerer: 'resident', today });
  if (error) {
    const again: TalkProgress = { ...progress, selection: [] };
    return { kind: 'continue', progress: again, messages: [text(error.message), question(form, again, field)] };
  }
  const answers = { ...progress.answers };
  delete answers[field.id];
  if (isAnswered(value)) answers[field.id] = value as Exclude<AnswerValue, null>;
  return proceed(form, { asked: [...progress.asked, field.id], answers, current: null, selection: [] }, []);
}

function multipleChoice(
  form: TalkForm,
  progress: TalkProgress,
  field: Extract<FormField, { type: 'multipleChoice' }>,
  typed: string | null,
  tapped: TalkPostback | null,
  today: string,
): TalkOutcome {
  const offered = visibleOptions(field, computeVisibility(form.definition, progress.answers).answers);
  if (tapped?.action === 'done' || (typed !== null && DONE_WORDS.has(typed)))
    return accept(form, progress, field, progress.selection.length ? [...progress.selection] : undefined, today);
  if (tapped?.action === 'pick') {
    const id = tapped.value ?? '';
    if (!offered.some((o) => o.id === id)) return resumeTalk(form, progress, engineMessages.option);
    const selection = progress.selection.includes(id) ? progress.selection : [...progress.selection, id];
    // Nothing left to add: take the answer without another tap.
    if (selection.length >= offered.length || (field.maxSelected !== undefined && selection.length >= field.maxSelected))
      return accept(form, progress, field, selection, today);
    const picking: TalkProgress = { ...progress, selection };
    return { kind: 'continue', progress: picking, messages: [question(form, picking, field)] };
  }
  if (typed === null) return resumeTalk(form, progress, TALK_TEXT.stale);
  // Typed: 「1、3」 or the labels, all at once.
  const ids: string[] = [];
  for (const part of typed.split(/[、,，・\s]+/u).filter(Boolean)) {
    const option = matchOption(part, offered);
    if (!option) return accept(form, progress, field, [part], today);
    if (!ids.includes(option.id)) ids.push(option.id);
  }
  return accept(form, progress, field, ids, today);
}

function tappedValue(field: FormField, value: string): AnswerValue {
  if (field.type === 'yesNo' || field.type === 'consent') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

/** A typed line as the field's answer; what cannot be read passes as typed, so the engine names the problem. */
function typedValue(form: TalkForm, progress: TalkProgress, field: FormField, typed: string): AnswerValue {
  const plain = typed.normalize('NFKC').trim();
  switch (field.type) {
    case 'number': {
      const unit = field.unit ? field.unit.normalize('NFKC') : '';
      let digits = plain.replace(/,/g, '');
      if (unit && digits.endsWith(unit)) digits = digits.slice(0, -unit.length);
      digits = digits.trim();
      return /^[+-]?\d+(\.\d+)?$/.test(digits) ? Number(digits) : typed;
    }
    case 'date':
      return readDate(plain) ?? typed;
    case 'time':
      return readTime(plain) ?? typed;
    case 'singleChoice': {
      const offered = visibleOptions(field, computeVisibility(form.definition, progress.answers).answers);
      return matchOption(typed, offered)?.id ?? typed;
    }
    case 'yesNo':
      if (['はい', 'yes', 'y'].includes(plain.toLowerCase())) return true;
      if (['いいえ', 'no', 'n'].includes(plain.toLowerCase())) return false;
      return typed;
    case 'consent':
      if (['同意する', '同意します', 'はい'].includes(plain)) return true;
      if (['同意しない', 'いいえ'].includes(plain)) return false;
      return typed;
    default:
      return typed;
  }
}

/** By number in the list (1 = first) or by label, ignoring width and case. */
function matchOption<O extends { id: string; label: string }>(typed: string, offered: readonly O[]): O | undefined {
  const plain = typed.normalize('NFKC').trim().toLowerCase();
  if (/^\d+$/.test(plain)) return offered[Number(plain) - 1];
  return offered.find((o) => o.label.normalize('NFKC').trim().toLowerCase() === plain);
}

/** 2026-12-02, 2026/12/2, 2026.12.2, 2026年12月2日 → 2026-12-02. */
function readDate(plain: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/u.exec(plain);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : null;
}

/** 9:05, 09:05, 9時5分, 9時 → 09:05. */
function readTime(plain: string): string | null {
  const m = /^(\d{1,2})\s*(?::|時)\s*(?:(\d{1,2})\s*分?)?$/u.exec(plain);
  return m ? `${m[1]!.padStart(2, '0')}:${(m[2] ?? '00').padStart(2, '0')}` : null;
}

// ---- messages ----

function text(body: string, quickReply?: messagingApi.QuickReplyItem[]): messagingApi.Message {
  const clipped = body.length > TEXT_MAX ? `${body.slice(0, TEXT_MAX - 1)}…` : body;
  return quickReply?.length
    ? { type: 'text', text: clipped, quickReply: { items: quickReply.slice(0, QUICK_REPLY_MAX_ITEMS) } }
    : { type: 'text', text: clipped };
}

const graphemes = new Intl.Segmenter('ja', { granularity: 'grapheme' });
/** LINE counts action labels in grapheme clusters, at most 20. */
export function fitLabel(label: string, max = LABEL_MAX): string {
  const parts = [...graphemes.segment(label)].map((s) => s.segment);
  return parts.length <= max ? label : `${parts.slice(0, max - 1).join('')}…`;
}

function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

function button(form: TalkForm, label: string, postback: Omit<TalkPostback, 'formId'>): messagingApi.QuickReplyItem {
  const fitted = fitLabel(label);
  return {
    type: 'action',
    action: { type: 'postback', label: fitted, displayText: fitted, data: talkPostbackData({ ...postback, formId: form.id }) },
  };
}

function picker(form: TalkForm, field: FormField, mode: 'date' | 'time'): messagingApi.QuickReplyItem {
  const action: messagingApi.DatetimePickerAction = {
    type: 'datetimepicker',
    label: mode === 'date' ? TALK_TEXT.pickDate : TALK_TEXT.pickTime,
    data: talkPostbackData({ action: 'date', formId: form.id, field: field.id }),
    mode: mode,
  };
  return { type: 'action', action };
}

/** Headings, explanations and page titles the resident passes on the way to this question. */
function passedText(form: TalkForm, progress: TalkProgress, field: FormField): string[] {
  const visible = computeVisibility(form.definition, progress.answers);
  const lastAsked = progress.asked.at(-1);
  const lines: string[] = [];
  let started = lastAsked === undefined;
  for (const page of form.definition.pages) {
    if (!visible.pages.has(page.id)) continue;
    const firstVisible = page.fields.find((f) => visible.fields.has(f.id));
    for (const f of page.fields) {
      if (f.id === field.id) {
        if (started && f === firstVisible && page.title) lines.push(`【${page.title}】`);
        return lines;
      }
      if (!started) {
        started = f.id === lastAsked;
        continue;
      }
      if (!visible.fields.has(f.id)) continue;
      if (f === firstVisible && page.title) lines.push(`【${page.title}】`);
      if (f.type === 'heading') lines.push(`■ ${f.label}`);
      else if (f.type === 'paragraph') lines.push(f.text);
    }
  }
  return lines;
}

function instruction(field: FormField): string {
  switch (field.type) {
    case 'singleChoice':
      return '下のボタンから1つ選んでください（番号を送っても答えられます）。';
    case 'multipleChoice': {
      const limits = [
        field.minSelected !== undefined ? `${field.minSelected}個以上` : '',
        field.maxSelected !== undefined ? `${field.maxSelected}個まで` : '',
      ].filter(Boolean);
      return `当てはまるものをボタンで1つずつ選び、最後に「${TALK_TEXT.doneLabel}」を押してください${limits.length ? `（${limits.join('、')}）` : ''}。「1、3」のように番号をまとめて送っても答えられます。`;
    }
    case 'yesNo':
      return '「はい」か「いいえ」を選んでください。';
    case 'consent':
      return `${field.text}\n内容をご確認のうえ「${TALK_TEXT.agree}」を押してください。`;
    case 'number': {
      const range =
        field.min !== undefined && field.max !== undefined
          ? `${field.min}〜${field.max}`
          : field.min !== undefined
            ? `${field.min}以上`
            : field.max !== undefined
              ? `${field.max}以下`
              : '';
      return `数字で入力して送ってください${range || field.unit ? `（${range}${field.unit ?? ''}）` : ''}。`;
    }
    case 'date':
      return `「${TALK_TEXT.pickDate}」を押すか、2026-12-02 のように入力して送ってください。`;
    case 'time':
      return `「${TALK_TEXT.pickTime}」を押すか、14:30 のように入力して送ってください。`;
    case 'text':
      return `メッセージで入力して送ってください${field.maxLength ? `（${field.maxLength}文字以内）` : ''}。`;
    default:
      return 'メッセージで入力して送ってください。';
  }
}

function question(form: TalkForm, progress: TalkProgress, field: FormField): messagingApi.Message {
  const first = progress.asked.length === 0 && progress.selection.length === 0;
  const offered =
    field.type === 'singleChoice' || field.type === 'multipleChoice'
      ? visibleOptions(field, computeVisibility(form.definition, progress.answers).answers)
      : [];
  const lines: string[] = [];
  if (first) lines.push(`「${form.title}」`, '');
  lines.push(...passedText(form, progress, field));
  lines.push(`Q${progress.asked.length + 1}. ${field.label}${field.required ? '（必須）' : '（任意）'}`);
  if (field.help) lines.push(field.help);
  if (offered.length) lines.push(...offered.map((o, i) => `${i + 1}. ${o.label}`));
  if (field.type === 'multipleChoice' && progress.selection.length) {
    const chosen = offered.filter((o) => progress.selection.includes(o.id)).map((o) => o.label);
    lines.push(`選択中: ${chosen.join('、')}`);
  }
  lines.push(instruction(field));
  if (!field.required) lines.push(`答えない場合は「${TALK_TEXT.skipLabel}」を押してください。`);
  if (first) lines.push(TALK_TEXT.howToCancel);

  const items: messagingApi.QuickReplyItem[] = [];
  switch (field.type) {
    case 'singleChoice':
      for (const o of offered) items.push(button(form, o.label, { action: 'answer', field: field.id, value: o.id }));
      break;
    case 'multipleChoice':
      for (const o of offered)
        if (!progress.selection.includes(o.id)) items.push(button(form, o.label, { action: 'pick', field: field.id, value: o.id }));
      if (progress.selection.length) items.unshift(button(form, TALK_TEXT.doneLabel, { action: 'done', field: field.id }));
      break;
    case 'yesNo':
      items.push(button(form, TALK_TEXT.yes, { action: 'answer', field: field.id, value: 'true' }));
      items.push(button(form, TALK_TEXT.no, { action: 'answer', field: field.id, value: 'false' }));
      break;
    case 'consent':
      items.push(button(form, TALK_TEXT.agree, { action: 'answer', field: field.id, value: 'true' }));
      if (!field.required) items.push(button(form, TALK_TEXT.disagree, { action: 'answer', field: field.id, value: 'false' }));
      break;
    case 'date':
      items.push(picker(form, field, 'date'));
      break;
    case 'time':
      items.push(picker(form, field, 'time'));
      break;
    default:
      break;
  }
  // Controls after the answers, while LINE's 13 buttons leave room (typing them always works).
  if (!field.required) items.push(button(form, TALK_TEXT.skipLabel, { action: 'skip', field: field.id }));
  items.push(button(form, TALK_TEXT.cancelLabel, { action: 'cancel' }));
  return text(lines.join('\n'), items);
}

function confirmation(form: TalkForm, progress: TalkProgress): messagingApi.Message {
  const visible = computeVisibility(form.definition, progress.answers);
  const lines = [`${TALK_TEXT.confirmTitle}（${form.title}）`, ''];
  let n = 0;
  for (const page of form.definition.pages)
    for (const field of page.fields) {
      if (!progress.asked.includes(field.id) || !visible.fields.has(field.id)) continue;
      n += 1;
      lines.push(`Q${n}. ${clip(field.label, 100)}`, `→ ${clip(summarizeAnswer(field, progress.answers[field.id]), 300)}`);
    }
  lines.push('', TALK_TEXT.confirmQuestion);
  return text(lines.join('\n'), [
    button(form, TALK_TEXT.submitLabel, { action: 'submit' }),
    button(form, TALK_TEXT.restartLabel, { action: 'restart' }),
    button(form, TALK_TEXT.cancelLabel, { action: 'cancel' }),
  ]);
}
