import { createInstance } from 'i18next';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ja } from '../i18n/ja';
import type { TextDraft } from './messages';
import {
  allPlanMessages,
  checkPlan,
  countStepProblems,
  fromPlan,
  newPlanDraft,
  offsetText,
  placePlanServerFields,
  planReducer,
  stillApplying,
  timingExample,
  toPlanInput,
  upcomingWindow,
} from './step-plan';
import type { StepPlanDraft } from './step-plan';

async function japanese(): Promise<TFunction> {
  const i18n = createInstance();
  await i18n.init({
    resources: { ja: { translation: { deliveries: ja } } },
    lng: 'ja',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  });
  return i18n.t;
}

const SAVED = {
  title: '1か月健診のご案内',
  channelId: 'c-1',
  dateAttributeId: '12',
  segmentIds: ['seg-1'],
  steps: [
    { id: 's-1', offsetDays: -3, time: '10:30', variants: [{ language: 'ja', messages: [{ type: 'text', text: 'まもなくです。' }] }] },
    {
      id: 's-2',
      offsetDays: 30,
      time: '09:00',
      variants: [
        { language: 'en', messages: [{ type: 'text', text: 'Check-up' }] },
        { language: 'ja', messages: [{ type: 'text', text: '健診のご案内です。' }] },
      ],
    },
  ],
};

function withText(draft: StepPlanDraft, index: number, text: string): StepPlanDraft {
  const step = draft.steps[index]!;
  const message = step.variants[0]!.messages[0]!;
  return planReducer(draft, {
    type: 'content',
    key: step.key,
    action: { type: 'updateMessage', language: 'ja', key: message.key, patch: { text } },
  });
}

describe('a step plan as the editor holds it', () => {
  it('reads a saved plan (days before, on and after; Japanese first) and sends it back as the server takes it, never with enabled', () => {
    const draft = fromPlan(SAVED);
    expect(draft.steps.map((s) => [s.id, s.direction, s.days, s.time, s.variants.map((v) => v.language)])).toEqual([
      ['s-1', 'before', 3, '10:30', ['ja']],
      ['s-2', 'after', 30, '09:00', ['ja', 'en']],
    ]);
    const { input, sent } = toPlanInput(draft);
    expect(input).toEqual({
      title: '1か月健診のご案内',
      channelId: 'c-1',
      dateAttributeId: '12',
      segmentIds: ['seg-1'],
      steps: [
        { id: 's-1', offsetDays: -3, time: '10:30', variants: [{ language: 'ja', messages: [{ type: 'text', text: 'まもなくです。' }] }] },
        {
          id: 's-2',
          offsetDays: 30,
          time: '09:00',
          variants: [
            { language: 'ja', messages: [{ type: 'text', text: '健診のご案内です。' }] },
            { language: 'en', messages: [{ type: 'text', text: 'Check-up' }] },
          ],
        },
      ],
    });
    expect(sent.map((s) => s.variants.map((v) => v.language))).toEqual([['ja'], ['ja', 'en']]);
  });

  it('adds a message a day after the latest, removes any but the last one, and edits one message’s content only', () => {
    let draft = fromPlan(SAVED);
    draft = planReducer(draft, { type: 'addStep' });
    expect(draft.steps.map((s) => [s.id, s.direction, s.days])).toEqual([
      ['s-1', 'before', 3],
      ['s-2', 'after', 30],
      [null, 'after', 31],
    ]);
    draft = planReducer(draft, { type: 'setStep', key: draft.steps[2]!.key, patch: { direction: 'on' } });
    expect(toPlanInput(draft).input.steps?.[2]?.offsetDays).toBe(0);
    draft = withText(draft, 0, '3日後です。');
    expect((draft.steps[0]!.variants[0]!.messages[0] as TextDraft).text).toBe('3日後です。');
    expect((draft.steps[1]!.variants[0]!.messages[0] as TextDraft).text).toBe('健診のご案内です。');
    draft = planReducer(draft, { type: 'removeStep', key: draft.steps[0]!.key });
    draft = planReducer(draft, { type: 'removeStep', key: draft.steps[0]!.key });
    expect(draft.steps).toHaveLength(1);
    expect(planReducer(draft, { type: 'removeStep', key: draft.steps[0]!.key }).steps).toHaveLength(1);
  });

  it('says in the server’s words what is missing before saving: the name, the attribute, the days, a repeated timing, empty text', async () => {
    const t = await japanese();
    let draft = newPlanDraft();
    draft = planReducer(draft, { type: 'addStep' });
    const [first, second] = draft.steps;
    draft = planReducer(draft, { type: 'setStep', key: second!.key, patch: { days: first!.days } });
    draft = planReducer(draft, { type: 'setStep', key: first!.key, patch: { direction: 'before', days: null } });
    draft = planReducer(draft, { type: 'setStep', key: first!.key, patch: { days: 1, direction: 'after' } });
    const problems = checkPlan(draft, t);
    expect(problems.fields).toEqual({
      title: ['ステップ配信の名前（管理用）を入力してください。'],
      dateAttributeId: ['基準日にする日付の属性を選んでください。'],
    });
    expect(problems.steps[second!.key]?.timing.days).toEqual(['ステップ1と同じ日数・時刻です。1つにまとめてください。']);
    expect(countStepProblems(problems.steps[first!.key])).toBeGreaterThan(0);
    expect(allPlanMessages(problems)).toContain('ステップ1と同じ日数・時刻です。1つにまとめてください。');
    const missingDays = checkPlan(planReducer(draft, { type: 'setStep', key: first!.key, patch: { days: null } }), t);
    expect(missingDays.steps[first!.key]?.timing.days).toEqual(['基準日の何日前・何日後かを入力してください。']);
    const named = planReducer(
      planReducer(withText(withText(draft, 0, 'a'), 1, 'b'), { type: 'set', patch: { title: '計画', dateAttributeId: '12' } }),
      {
        type: 'setStep',
        key: second!.key,
        patch: { days: 2 },
      },
    );
    expect(allPlanMessages(checkPlan(named, t))).toEqual([]);
  });

  it('places the server’s problems beside the step, its timing and its message, and drops those of a step changed since', () => {
    const draft = fromPlan(SAVED);
    const { sent } = toPlanInput(draft);
    const placed = placePlanServerFields(
      {
        title: '名前は100文字以内で入力してください。',
        'steps.0.time': '時刻は「09:00」のように HH:MM（00:00〜23:59）で入力してください。',
        'steps.1.variants.1.messages.0.text': 'English: 5000文字以内',
        'steps.1.variants': '日本語の内容は必ず入力してください。',
      },
      sent,
    );
    const [first, second] = draft.steps;
    expect(placed.fields).toEqual({ title: ['名前は100文字以内で入力してください。'] });
    expect(placed.steps[first!.key]?.timing.time).toEqual(['時刻は「09:00」のように HH:MM（00:00〜23:59）で入力してください。']);
    const englishMessage = second!.variants[1]!.messages[0]!.key;
    expect(placed.steps[second!.key]?.content.variants.en?.byMessage[englishMessage]).toEqual([
      { path: 'text', message: 'English: 5000文字以内' },
    ]);
    expect(placed.steps[second!.key]?.content.fields['variants']).toEqual(['日本語の内容は必ず入力してください。']);

    const changed = planReducer(draft, { type: 'setStep', key: first!.key, patch: { time: '09:30' } });
    const still = stillApplying(placed, draft, changed);
    expect(still.steps[first!.key]).toBeUndefined();
    expect(still.steps[second!.key]).toBeDefined();
    expect(still.fields['title']).toEqual(['名前は100文字以内で入力してください。']);
  });

  it('tells the timing in words, with today as the reference date', async () => {
    const t = await japanese();
    expect(offsetText(-3, t)).toBe('3日前');
    expect(offsetText(0, t)).toBe('当日');
    expect(offsetText(30, t)).toBe('30日後');
    expect(timingExample({ direction: 'before', days: 3, time: '10:30' }, '2026-12-03', t)).toBe(
      '例：基準日が 2026/12/03（木） の人には、2026/11/30（月）10:30 に届きます。',
    );
    expect(timingExample({ direction: 'after', days: null, time: '10:30' }, '2026-12-03', t)).toBeNull();
  });

  it('looks sixty days ahead from this minute', () => {
    expect(upcomingWindow(new Date('2026-12-03T02:00:42.500Z'))).toEqual({
      from: '2026-12-03T02:00:00.000Z',
      to: '2027-02-01T02:00:00.000Z',
    });
  });
});
