import type { DeliveryDetailFieldsFragment, DeliveryInput, DeliveryTargetKind, DeliveryTiming } from '../../../gql/graphql';
import { fromJstLocal, toJstLocal } from './jst';
import { VARIANT_LANGUAGES, isVariantLanguage } from './languages';
import type { VariantLanguage } from './languages';
import { MAX_MESSAGES, compose, emptyMessage, newKey, toDraft } from './messages';
import type { CardDraft, MessageDraft, MessageType } from './messages';
import { fromRule, initialRecurrence, toRule } from './recurrence';
import type { RecurrenceDraft } from './recurrence';
import type { SentVariant } from './problems';

/** One language's messages in the editor. */
export interface VariantDraft {
  language: VariantLanguage;
  messages: MessageDraft[];
}

/** A delivery as the editor holds it while staff compose it. */
export interface DeliveryDraft {
  title: string;
  /** null: the server's default (the first active channel), or the one saved. */
  channelId: string | null;
  targetKind: DeliveryTargetKind;
  segmentIds: string[];
  timing: DeliveryTiming;
  /** A `datetime-local` value in Tokyo time. */
  scheduledAt: string;
  recurrence: RecurrenceDraft;
  /** Japanese first, then in the order staff added them. */
  variants: VariantDraft[];
  /** FORM-08: the form the delivery carries (its link card is in the messages). */
  formId: string | null;
  /** SEG-05: mail lists that get the Japanese content by mail when it is really sent. */
  mailListIds: string[];
  /** The mail's subject; blank: the title. */
  mailSubject: string;
  /** 「反応を記録する」: real runs send the links through the LIFF app and record who opens them (docs/adr/0016). */
  recordEngagement: boolean;
}

export function newDraft(now: Date = new Date()): DeliveryDraft {
  return {
    title: '',
    channelId: null,
    targetKind: 'SEGMENTS',
    segmentIds: [],
    timing: 'IMMEDIATE',
    scheduledAt: '',
    recurrence: initialRecurrence(now),
    variants: [{ language: 'ja', messages: [emptyMessage('text')] }],
    formId: null,
    mailListIds: [],
    mailSubject: '',
    recordEngagement: false,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A saved delivery as the editor's draft. */
export function fromDelivery(delivery: DeliveryDetailFieldsFragment, now: Date = new Date()): DeliveryDraft {
  const variants: VariantDraft[] = delivery.variants.flatMap((v) => {
    if (!isRecord(v) || !isVariantLanguage(v['language'])) return [];
    const messages = Array.isArray(v['messages']) ? v['messages'].map(toDraft) : [];
    return [{ language: v['language'], messages }];
  });
  if (!variants.some((v) => v.language === 'ja')) variants.unshift({ language: 'ja', messages: [emptyMessage('text')] });
  return {
    title: delivery.title,
    channelId: delivery.channel?.id ?? null,
    targetKind: delivery.targetKind,
    segmentIds: [...delivery.segmentIds],
    timing: delivery.timing,
    scheduledAt: toJstLocal(delivery.scheduledAt),
    recurrence: delivery.recurrence ? fromRule(delivery.recurrence, now) : initialRecurrence(now),
    variants: sortVariants(variants),
    formId: delivery.formId,
    mailListIds: [...delivery.mailListIds],
    mailSubject: delivery.mailSubject ?? '',
    recordEngagement: delivery.recordEngagement,
  };
}

function sortVariants(variants: VariantDraft[]): VariantDraft[] {
  return [...variants].sort((a, b) => (a.language === 'ja' ? -1 : b.language === 'ja' ? 1 : 0));
}

/** The input of createDelivery / updateDelivery, and how its variants were sent (to place the server's problems). */
export function toInput(draft: DeliveryDraft): { input: DeliveryInput; sent: SentVariant[] } {
  const input: DeliveryInput = {
    title: draft.title.trim(),
    targetKind: draft.targetKind,
    segmentIds: draft.targetKind === 'SEGMENTS' ? draft.segmentIds : [],
    timing: draft.timing,
    // Cleared when another timing is chosen, so a saved draft holds only what it uses.
    scheduledAt: draft.timing === 'SCHEDULED' ? fromJstLocal(draft.scheduledAt) : null,
    recurrence: draft.timing === 'RECURRING' ? toRule(draft.recurrence) : null,
    variants: draft.variants.map((v) => ({ language: v.language, messages: v.messages.map((m) => compose(m).message) })),
    formId: draft.formId,
    mailListIds: draft.mailListIds,
    mailSubject: draft.mailSubject.trim() || null,
    recordEngagement: draft.recordEngagement,
  };
  if (draft.channelId) input.channelId = draft.channelId;
  return { input, sent: draft.variants.map((v) => ({ language: v.language, keys: v.messages.map((m) => m.key) })) };
}

export type DraftAction =
  | {
      type: 'set';
      patch: Partial<
        Pick<
          DeliveryDraft,
          | 'title'
          | 'channelId'
          | 'targetKind'
          | 'segmentIds'
          | 'timing'
          | 'scheduledAt'
          | 'formId'
          | 'mailListIds'
          | 'mailSubject'
          | 'recordEngagement'
        >
      >;
    }
  | { type: 'insertCard'; card: CardDraft }
  | { type: 'recurrence'; recurrence: RecurrenceDraft }
  | { type: 'addVariant'; language: VariantLanguage }
  | { type: 'removeVariant'; language: VariantLanguage }
  | { type: 'addMessage'; language: VariantLanguage; message: MessageType | MessageDraft }
  | { type: 'updateMessage'; language: VariantLanguage; key: string; patch: Partial<MessageDraft> }
  | { type: 'replaceMessage'; language: VariantLanguage; key: string; message: MessageDraft }
  | { type: 'removeMessage'; language: VariantLanguage; key: string }
  | { type: 'moveMessage'; language: VariantLanguage; key: string; by: -1 | 1 };

function mapVariant(draft: DeliveryDraft, language: VariantLanguage, change: (messages: MessageDraft[]) => MessageDraft[]): DeliveryDraft {
  return { ...draft, variants: draft.variants.map((v) => (v.language === language ? { ...v, messages: change(v.messages) } : v)) };
}

/** The languages not yet in the draft, in the editor's order. */
export function missingLanguages(draft: DeliveryDraft): VariantLanguage[] {
  return VARIANT_LANGUAGES.filter((language) => !draft.variants.some((v) => v.language === language));
}

export function draftReducer(draft: DeliveryDraft, action: DraftAction): DeliveryDraft {
  switch (action.type) {
    case 'set':
      return { ...draft, ...action.patch };
    case 'recurrence':
      return { ...draft, recurrence: action.recurrence };
    case 'addVariant': {
      if (draft.variants.some((v) => v.language === action.language)) return draft;
      // A new language starts as a copy of the Japanese messages, for staff to translate.
      const japanese = draft.variants.find((v) => v.language === 'ja')?.messages ?? [];
      const messages = japanese.map((m) => ({ ...m, key: newKey() }));
      return { ...draft, variants: [...draft.variants, { language: action.language, messages }] };
    }
    case 'insertCard':
      // The form's card at the end of every language that has no card to it yet, and room for it.
      return {
        ...draft,
        variants: draft.variants.map((v) =>
          v.messages.some((m) => m.type === 'card' && m.url === action.card.url) || v.messages.length >= MAX_MESSAGES
            ? v
            : { ...v, messages: [...v.messages, { ...action.card, key: newKey() }] },
        ),
      };
    case 'removeVariant':
      if (action.language === 'ja') return draft;
      return { ...draft, variants: draft.variants.filter((v) => v.language !== action.language) };
    case 'addMessage':
      return mapVariant(draft, action.language, (messages) =>
        messages.length >= MAX_MESSAGES
          ? messages
          : [...messages, typeof action.message === 'string' ? emptyMessage(action.message) : action.message],
      );
    case 'updateMessage':
      return mapVariant(draft, action.language, (messages) =>
        messages.map((m) => (m.key === action.key ? ({ ...m, ...action.patch, type: m.type, key: m.key } as MessageDraft) : m)),
      );
    case 'replaceMessage':
      return mapVariant(draft, action.language, (messages) =>
        messages.map((m) => (m.key === action.key ? { ...action.message, key: m.key } : m)),
      );
    case 'removeMessage':
      return mapVariant(draft, action.language, (messages) => messages.filter((m) => m.key !== action.key));
    case 'moveMessage':
      return mapVariant(draft, action.language, (messages) => {
        const from = messages.findIndex((m) => m.key === action.key);
        const to = from + action.by;
        if (from < 0 || to < 0 || to >= messages.length) return messages;
        const next = [...messages];
        const [moved] = next.splice(from, 1);
        if (moved) next.splice(to, 0, moved);
        return next;
      });
  }
}
