import { describe, expect, it } from 'vitest';
import type { DeliveryDetailFieldsFragment } from '../../../gql/graphql';
import { draftReducer, fromDelivery, missingLanguages, newDraft, toInput } from './draft';
import { toDraft } from './messages';
import type { TextDraft } from './messages';

const NOW = new Date('2026-12-07T15:30:00Z');

function saved(overrides: Partial<DeliveryDetailFieldsFragment> = {}): DeliveryDetailFieldsFragment {
  return {
    id: 'd-1',
    title: '健診のお知らせ',
    status: 'SCHEDULED',
    targetKind: 'SEGMENTS',
    segmentIds: ['s-1'],
    listSize: 0,
    timing: 'SCHEDULED',
    scheduledAt: '2026-12-10T01:00:00.000Z',
    recurrence: null,
    nextRunAt: null,
    variants: [
      { language: 'en', messages: [{ type: 'text', text: 'Checkup' }] },
      { language: 'ja', messages: [{ type: 'text', text: '健診' }] },
    ],
    formId: null,
    mailListIds: [],
    mailSubject: null,
    recordEngagement: false,
    sendMode: 'MULTICAST',
    lastTestedAt: null,
    approvedAt: null,
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
    recurrencePreview: null,
    segments: [],
    channel: { id: 'c-1', name: 'みどり市', purpose: 'PRODUCTION' },
    department: null,
    runs: [],
    ...overrides,
  };
}

describe('the delivery draft', () => {
  it('reads a saved delivery (Japanese first, the time in Tokyo) and sends back what its timing uses', () => {
    const draft = fromDelivery(saved(), NOW);
    expect(draft.variants.map((v) => v.language)).toEqual(['ja', 'en']);
    expect(draft.scheduledAt).toBe('2026-12-10T10:00');
    const { input, sent } = toInput(draft);
    expect(input).toEqual({
      title: '健診のお知らせ',
      channelId: 'c-1',
      targetKind: 'SEGMENTS',
      segmentIds: ['s-1'],
      timing: 'SCHEDULED',
      scheduledAt: '2026-12-10T01:00:00.000Z',
      recurrence: null,
      variants: [
        { language: 'ja', messages: [{ type: 'text', text: '健診' }] },
        { language: 'en', messages: [{ type: 'text', text: 'Checkup' }] },
      ],
      formId: null,
      mailListIds: [],
      mailSubject: null,
      recordEngagement: false,
    });
    expect(sent.map((v) => [v.language, v.keys.length])).toEqual([
      ['ja', 1],
      ['en', 1],
    ]);
  });

  it('keeps the form and the mail lists, and sends a blank mail subject as none (the title)', () => {
    let draft = fromDelivery(saved({ formId: 'form-1', mailListIds: ['list-1'], mailSubject: '健診のご案内' }), NOW);
    expect(toInput(draft).input).toMatchObject({ formId: 'form-1', mailListIds: ['list-1'], mailSubject: '健診のご案内' });
    draft = draftReducer(draft, { type: 'set', patch: { formId: null, mailListIds: [], mailSubject: '   ' } });
    expect(toInput(draft).input).toMatchObject({ formId: null, mailListIds: [], mailSubject: null });
  });

  it('keeps 「反応を記録する」 as saved and sends it back as staff set it', () => {
    let draft = fromDelivery(saved({ recordEngagement: true }), NOW);
    expect(draft.recordEngagement).toBe(true);
    expect(toInput(draft).input.recordEngagement).toBe(true);
    draft = draftReducer(draft, { type: 'set', patch: { recordEngagement: false } });
    expect(toInput(draft).input.recordEngagement).toBe(false);
    expect(newDraft(NOW).recordEngagement).toBe(false);
  });

  it("inserts a form's card in every language without one to that form, where there is room", () => {
    const url = 'https://line.city.example.jp/liff/forms/form-1';
    const card = toDraft({ type: 'card', title: 'アンケート', buttonLabel: '回答する', url });
    if (card.type !== 'card') throw new Error('not a card');
    let draft = fromDelivery(saved(), NOW);
    draft = draftReducer(draft, { type: 'insertCard', card });
    expect(draft.variants.map((v) => v.messages.map((m) => m.type))).toEqual([
      ['text', 'card'],
      ['text', 'card'],
    ]);
    // Twice is once; the keys are the editor's own.
    draft = draftReducer(draft, { type: 'insertCard', card });
    expect(draft.variants[0]!.messages).toHaveLength(2);
    expect(draft.variants[0]!.messages[1]!.key).not.toBe(draft.variants[1]!.messages[1]!.key);
    const full = fromDelivery(
      saved({ variants: [{ language: 'ja', messages: Array.from({ length: 5 }, (_, i) => ({ type: 'text', text: `${i}` })) }] }),
      NOW,
    );
    expect(draftReducer(full, { type: 'insertCard', card }).variants[0]!.messages).toHaveLength(5);
  });

  it('clears segments for another target and the schedule for another timing', () => {
    let draft = fromDelivery(saved(), NOW);
    draft = draftReducer(draft, { type: 'set', patch: { targetKind: 'ALL', timing: 'IMMEDIATE' } });
    const { input } = toInput(draft);
    expect(input.segmentIds).toEqual([]);
    expect(input.scheduledAt).toBeNull();
    expect(input.recurrence).toBeNull();
  });

  it('starts a new language as a copy of the Japanese messages, never removes Japanese, and holds five messages at most', () => {
    let draft = newDraft(NOW);
    const first = draft.variants[0]!.messages[0] as TextDraft;
    draft = draftReducer(draft, { type: 'updateMessage', language: 'ja', key: first.key, patch: { text: 'こんにちは' } });
    draft = draftReducer(draft, { type: 'addVariant', language: 'vi' });
    expect((draft.variants[1]!.messages[0] as TextDraft).text).toBe('こんにちは');
    expect(draft.variants[1]!.messages[0]!.key).not.toBe(first.key);
    expect(missingLanguages(draft)).not.toContain('vi');
    expect(draftReducer(draft, { type: 'removeVariant', language: 'ja' })).toBe(draft);
    for (let i = 0; i < 6; i++) draft = draftReducer(draft, { type: 'addMessage', language: 'ja', message: 'sticker' });
    expect(draft.variants[0]!.messages).toHaveLength(5);
  });

  it('moves a message up and down within its language', () => {
    let draft = newDraft(NOW);
    draft = draftReducer(draft, { type: 'addMessage', language: 'ja', message: 'image' });
    const [text, image] = draft.variants[0]!.messages;
    draft = draftReducer(draft, { type: 'moveMessage', language: 'ja', key: image!.key, by: -1 });
    expect(draft.variants[0]!.messages.map((m) => m.key)).toEqual([image!.key, text!.key]);
    expect(draftReducer(draft, { type: 'moveMessage', language: 'ja', key: image!.key, by: -1 })).toEqual(draft);
  });
});
