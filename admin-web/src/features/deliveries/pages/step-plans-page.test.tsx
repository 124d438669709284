import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeliveryStepPlansDocument } from '../../../gql/graphql';
import { DEFAULT_PAGE_SIZE } from '../../../shared/ui/list-page';
import { axeChecker, renderPage } from '../../forms/test-support/render-page';
import { upcomingWindow } from '../lib/step-plan';
import { stepPlan, stepPlansAnswer } from '../test-support/planning-fixtures';
import { StepPlansPage } from './step-plans-page';

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

const render = (plans: ReturnType<typeof stepPlan>[], permissions: string[]) =>
  renderPage(<StepPlansPage />, {
    responses: [
      {
        request: { query: DeliveryStepPlansDocument, variables: { ...upcomingWindow(NOW), first: DEFAULT_PAGE_SIZE } },
        result: { data: stepPlansAnswer(plans) },
      },
    ],
    permissions,
    path: '/deliveries/steps',
    route: '/deliveries/steps',
  });

describe('StepPlansPage', { timeout: 60_000 }, () => {
  it('lists plans with their reference date, messages, status and next send, and offers what the viewer may do, accessibly', async () => {
    const { html, document } = await render(
      [stepPlan(), stepPlan({ id: 'p-2', title: '出産前のご案内', enabled: false, dateAttribute: null, upcoming: [] })],
      ['deliveries.read', 'deliveries.manage', 'deliveries.send'],
    );
    expect(html).toContain('1か月健診のご案内');
    expect(html).toContain('子どもの生年月日');
    expect(html).toContain('（見られない属性）');
    expect(html).toContain('2ステップ');
    expect(html).toContain('3日前 10:30、30日後 09:00');
    expect(html).toContain('2026/12/07（月）09:00');
    expect(html).toContain('ステップ2（30日後 09:00）・3人');
    expect(html).toContain('停止中のため送りません');
    expect(html).toContain('aria-label="1か月健診のご案内を停止する"');
    expect(html).toContain('aria-label="出産前のご案内を有効にする"');
    expect(html).toContain('有効なステップ配信は削除できません。先に停止してください。');
    expect(html).toContain('新規作成');
    expect(await axe.violations(document, 'step-plans-list')).toEqual([]);
  });

  it('locks turning a plan on without deliveries.send, and offers only viewing without deliveries.manage', async () => {
    const plans = [stepPlan({ enabled: false })];
    const manager = await render(plans, ['deliveries.read', 'deliveries.manage']);
    expect(manager.html).toContain('有効にするには、配信の送信の権限が必要です。');
    expect(manager.html).toMatch(
      /<button[^>]*disabled=""[^>]*aria-label="1か月健診のご案内を有効にする"|aria-label="1か月健診のご案内を有効にする"[^>]*disabled=""/,
    );
    const reader = await render(plans, ['deliveries.read']);
    expect(reader.html).toContain('aria-label="1か月健診のご案内を表示"');
    expect(reader.html).not.toContain('を有効にする"');
    expect(reader.html).not.toContain('を削除"');
    expect(reader.html).not.toContain('新規作成');
  });

  it('says what a step plan is when there is none, accessibly', async () => {
    const { html, document } = await render([], ['deliveries.read', 'deliveries.manage']);
    expect(html).toContain('ステップ配信はまだありません。');
    expect(await axe.violations(document)).toEqual([]);
  });
});
