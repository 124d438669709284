import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DeliveryChannelsDocument,
  DeliverySegmentsDocument,
  DeliveryStepDateAttributesDocument,
  DeliveryStepPlanDocument,
} from '../../../gql/graphql';
import { axeChecker, renderPage } from '../../forms/test-support/render-page';
import { upcomingWindow } from '../lib/step-plan';
import { channels, dateAttributes, segments, stepPlan } from '../test-support/planning-fixtures';
import { StepPlanEditorPage } from './step-plan-editor-page';

const axe = axeChecker();
afterAll(() => axe.close());
const NOW = new Date('2026-12-03T02:00:00.000Z');
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

const responses = (plan: ReturnType<typeof stepPlan>) => [
  {
    request: { query: DeliveryStepPlanDocument, variables: { id: plan.id, ...upcomingWindow(NOW) } },
    result: { data: { deliveryStepPlan: plan } },
  },
  { request: { query: DeliveryStepDateAttributesDocument }, result: { data: dateAttributes } },
  { request: { query: DeliveryChannelsDocument }, result: { data: channels } },
  { request: { query: DeliverySegmentsDocument, variables: { first: 100 } }, result: { data: segments } },
];

describe('StepPlanEditorPage', { timeout: 60_000 }, () => {
  it('opens a saved plan with its reference date, segments, first message’s timing and content, preview and coming sends, accessibly', async () => {
    const plan = stepPlan();
    const { html, document } = await renderPage(<StepPlanEditorPage />, {
      responses: responses(plan),
      permissions: ['deliveries.read', 'deliveries.manage', 'deliveries.send', 'channels.read', 'segments.read'],
      path: '/deliveries/steps/p-1',
      route: '/deliveries/steps/:id',
    });
    expect(html).toContain('1か月健診のご案内');
    expect(html).toContain('子どもの生年月日（日付（複数））');
    expect(html).toContain('北地区の子育て世帯');
    expect(html).toContain('ステップ1：3日前 10:30');
    expect(html).toContain('ステップ2：30日後 09:00');
    expect(html).toContain('value="10:30"');
    expect(html).toContain('例：基準日が 2026/12/03（木） の人には、2026/11/30（月）10:30 に届きます。');
    expect(html).toContain('まもなく健診の予約が始まります。');
    expect(html).toContain('これから送る予定');
    expect(html).toContain('2026/12/08（火）10:30');
    expect(html).toContain('12人');
    expect(html).toContain('この計画は有効です。保存した内容は次の送信から使われます。');
    expect(html).toContain('停止する');
    expect(await axe.violations(document, 'step-plan-editor')).toEqual([]);
  });

  it('keeps a plan that is on from being changed without deliveries.send, and opens read-only without deliveries.manage', async () => {
    const plan = stepPlan();
    const manager = await renderPage(<StepPlanEditorPage />, {
      responses: responses(plan),
      permissions: ['deliveries.read', 'deliveries.manage'],
      path: '/deliveries/steps/p-1',
      route: '/deliveries/steps/:id',
    });
    expect(manager.html).toContain('有効なまま変更するには配信の送信の権限が必要です');
    expect(manager.html).toContain(
      'セグメントを見る権限がないため、絞り込みは変更できません。保存済みの絞り込み（1個）はそのまま使われます。',
    );
    expect(manager.html).not.toContain('LINE公式アカウント');
    const reader = await renderPage(<StepPlanEditorPage />, {
      responses: responses(plan),
      permissions: ['deliveries.read'],
      path: '/deliveries/steps/p-1',
      route: '/deliveries/steps/:id',
    });
    expect(reader.html).toContain('閲覧のみです。');
    expect(reader.html).not.toContain('>保存<');
  });

  it('starts a new plan with one message a day after the reference date, and refuses staff who may not compose', async () => {
    const fresh = await renderPage(<StepPlanEditorPage />, {
      responses: [{ request: { query: DeliveryStepDateAttributesDocument }, result: { data: dateAttributes } }],
      permissions: ['deliveries.read', 'deliveries.manage'],
      path: '/deliveries/steps/new',
      route: '/deliveries/steps/new',
    });
    expect(fresh.html).toContain('新しいステップ配信');
    expect(fresh.html).toContain('ステップ1：1日後 09:00');
    expect(await axe.violations(fresh.document, 'step-plan-new')).toEqual([]);
    const refused = await renderPage(<StepPlanEditorPage />, {
      responses: [],
      permissions: ['deliveries.read'],
      path: '/deliveries/steps/new',
      route: '/deliveries/steps/new',
    });
    expect(refused.html).toContain('このページを表示する権限がありません');
  });
});
