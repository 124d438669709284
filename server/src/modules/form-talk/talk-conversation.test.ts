import type { messagingApi } from '@line/bot-sdk';
import { describe, expect, it } from 'vitest';
import type { FormDefinition } from './engine.js';
import {
  advanceTalk,
  beginTalk,
  fitLabel,
  type TalkForm,
  type TalkInput,
  type TalkOutcome,
  type TalkProgress,
} from './talk-conversation.js';
import { parseTalkPostback, startPostbackData, talkPostbackData } from './talk-postback.js';

const FORM_ID = '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const TODAY = '2026-12-02';

const definition: FormDefinition = {
  schemaVersion: 1,
  pages: [
    {
      id: 'p1',
      title: '利用について',
      fields: [
        { id: 'h', type: 'heading', label: '窓口のご利用について' },
        {
          id: 'used',
          type: 'singleChoice',
          display: 'radio',
          label: '窓口を利用しましたか',
          required: true,
          options: [
            { id: 'yes', label: '利用した' },
            { id: 'no', label: '利用していない' },
          ],
        },
        {
          id: 'visits',
          type: 'number',
          label: '利用回数',
          required: true,
          min: 1,
          max: 50,
          integer: true,
          unit: '回',
          visibleWhen: { field: 'used', op: 'equals', value: 'yes' },
        },
        {
          id: 'topics',
          type: 'multipleChoice',
          label: '関心のある分野',
          options: [
            { id: 'kids', label: '子育て' },
            { id: 'health', label: '検診' },
            { id: 'events', label: 'イベント' },
          ],
        },
        { id: 'day', type: 'date', label: '来庁日', max: 'today' },
        { id: 'again', type: 'yesNo', label: 'また利用しますか', required: true },
      ],
    },
  ],
};
const form: TalkForm = { id: FORM_ID, title: '窓口満足度アンケート', definition };

const tap = (action: Parameters<typeof talkPostbackData>[0]['action'], field?: string, value?: string): TalkInput => ({
  kind: 'postback',
  postback: parseTalkPostback(talkPostbackData({ action, formId: FORM_ID, ...(field ? { field } : {}), ...(value ? { value } : {}) }))!,
});
const say = (text: string): TalkInput => ({ kind: 'text', text });

function continued(outcome: TalkOutcome): { progress: TalkProgress; messages: messagingApi.Message[]; last: messagingApi.TextMessage } {
  if (outcome.kind !== 'continue') throw new Error(`expected continue, got ${outcome.kind}`);
  return { progress: outcome.progress, messages: outcome.messages, last: outcome.messages.at(-1) as messagingApi.TextMessage };
}
const labels = (m: messagingApi.TextMessage) => m.quickReply?.items?.map((i) => i.action?.label) ?? [];

describe('talk-screen survey', () => {
  it('asks the visible questions in order, follows the branch, re-asks an invalid answer and ends with a summary', () => {
    let step = continued(beginTalk(form));
    expect(step.last.text).toContain('「窓口満足度アンケート」');
    expect(step.last.text).toContain('【利用について】');
    expect(step.last.text).toContain('■ 窓口のご利用について');
    expect(step.last.text).toContain('Q1. 窓口を利用しましたか（必須）');
    expect(labels(step.last)).toEqual(['利用した', '利用していない', 'やめる']);

    step = continued(advanceTalk(form, step.progress, tap('answer', 'used', 'yes'), TODAY));
    expect(step.last.text).toContain('Q2. 利用回数（必須）');
    // Typed in 全角 with the unit: read as a number, then checked by the engine.
    const invalid = continued(advanceTalk(form, step.progress, say('１００回'), TODAY));
    expect((invalid.messages[0] as messagingApi.TextMessage).text).toBe('1以上50以下の数値を入力してください');
    expect(invalid.last.text).toContain('Q2. 利用回数');
    const notNumber = continued(advanceTalk(form, step.progress, say('たくさん'), TODAY));
    expect((notNumber.messages[0] as messagingApi.TextMessage).text).toBe('数値で入力してください');
    step = continued(advanceTalk(form, invalid.progress, say('３回'), TODAY));
    expect(step.progress.answers['visits']).toBe(3);

    expect(step.last.text).toContain('Q3. 関心のある分野（任意）');
    step = continued(advanceTalk(form, step.progress, tap('pick', 'topics', 'events'), TODAY));
    expect(step.last.text).toContain('選択中: イベント');
    expect(labels(step.last)).toEqual(['選び終わる', '子育て', '検診', '回答しない', 'やめる']);
    step = continued(advanceTalk(form, step.progress, tap('pick', 'topics', 'kids'), TODAY));
    step = continued(advanceTalk(form, step.progress, tap('done', 'topics'), TODAY));
    expect(step.progress.answers['topics']).toEqual(['events', 'kids']);

    expect(step.last.text).toContain('Q4. 来庁日（任意）');
    expect(step.last.quickReply?.items?.[0]?.action).toMatchObject({ type: 'datetimepicker', mode: 'date' });
    const future = continued(advanceTalk(form, step.progress, say('2027年1月5日'), TODAY));
    expect((future.messages[0] as messagingApi.TextMessage).text).toBe('2026年12月2日以前の日付を入力してください');
    step = continued(advanceTalk(form, step.progress, tap('date', 'day', '2026-11-30'), TODAY));

    // A tap on an earlier question's button does not answer this one.
    const stale = continued(advanceTalk(form, step.progress, tap('answer', 'used', 'no'), TODAY));
    expect((stale.messages[0] as messagingApi.TextMessage).text).toBe('いまの質問にお答えください。');
    step = continued(advanceTalk(form, step.progress, say('はい'), TODAY));

    expect(step.progress.current).toBeNull();
    expect(step.last.text).toContain('回答内容の確認');
    expect(step.last.text).toContain('→ 利用した');
    expect(step.last.text).toContain('→ 3回');
    expect(step.last.text).toContain('→ イベント、子育て');
    expect(step.last.text).toContain('→ 2026年11月30日');
    expect(labels(step.last)).toEqual(['送信する', 'やり直す', 'やめる']);

    const submitted = advanceTalk(form, step.progress, tap('submit'), TODAY);
    expect(submitted).toMatchObject({
      kind: 'submit',
      answers: { used: 'yes', visits: 3, topics: ['events', 'kids'], day: '2026-11-30', again: true },
    });
    const restarted = continued(advanceTalk(form, step.progress, say('やり直す'), TODAY));
    expect(restarted.progress.asked).toEqual([]);
    expect(restarted.last.text).toContain('Q1.');
  });

  it('skips the hidden branch and refuses an empty required answer', () => {
    let step = continued(beginTalk(form));
    const empty = continued(advanceTalk(form, step.progress, say('回答しない'), TODAY));
    expect((empty.messages[0] as messagingApi.TextMessage).text).toBe('選択してください');
    step = continued(advanceTalk(form, step.progress, say('2'), TODAY));
    expect(step.progress.answers['used']).toBe('no');
    expect(step.last.text).toContain('Q2. 関心のある分野');
    expect(step.last.text).not.toContain('利用回数');
  });

  it('cancels on やめる from any question', () => {
    const step = continued(beginTalk(form));
    expect(advanceTalk(form, step.progress, say('やめる'), TODAY)).toMatchObject({ kind: 'cancelled' });
    expect(advanceTalk(form, step.progress, tap('cancel'), TODAY)).toMatchObject({ kind: 'cancelled' });
  });

  it('keeps within LINE limits: 13 quick replies, 20-grapheme labels, 300-character postback data', () => {
    const many: TalkForm = {
      ...form,
      definition: {
        schemaVersion: 1,
        pages: [
          {
            id: 'p',
            fields: [
              {
                id: 'town',
                type: 'singleChoice',
                display: 'dropdown',
                label: '町名',
                options: Array.from({ length: 13 }, (_, i) => ({ id: `o${i}`, label: `${'町'.repeat(18)}${i}` })),
              },
            ],
          },
        ],
      },
    };
    const step = continued(beginTalk(many));
    expect(step.last.quickReply?.items).toHaveLength(13);
    expect(fitLabel('あ'.repeat(25))).toHaveLength(20);
    expect(fitLabel('👨‍👩‍👧'.repeat(20))).toBe('👨‍👩‍👧'.repeat(20));
    expect(startPostbackData(FORM_ID)).toBe(`action=form.talk.start&form=${FORM_ID}`);
    for (const item of step.last.quickReply!.items!)
      expect((item.action as messagingApi.PostbackAction).data!.length).toBeLessThanOrEqual(300);
    expect(parseTalkPostback('action=richmenu.switch')).toBeNull();
    expect(parseTalkPostback('action=form.talk.start&form=not-a-uuid')).toBeNull();
  });
});
