import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeliveryCalendarDocument, DeliveryCalendarStepsDocument } from '../../../gql/graphql';
import { MAX_PAGE_SIZE } from '../../../shared/lib/connection';
import { axeChecker, renderPage } from '../../forms/test-support/render-page';
import type { GraphQLRequest } from '../../../shared/test-support/browser-protocol';
import { calendarAnswer, calendarStepsAnswer, stepPlan } from '../test-support/planning-fixtures';
import type { CalendarFixture } from '../test-support/planning-fixtures';
import { DeliveryCalendarPage } from './delivery-calendar-page';

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

const WINDOW = { from: '2026-12-03T02:00:00.000Z', to: '2026-12-31T15:00:00.000Z' };
const DELIVERIES: CalendarFixture[] = [
  {
    id: 'd-1',
    title: '資源ごみの日（東地区）',
    timing: 'RECURRING',
    status: 'SCHEDULED',
    instants: ['2026-12-03T09:00:00.000Z', '2026-12-10T09:00:00.000Z'],
  },
  { id: 'd-2', title: '防災訓練のお知らせ', timing: 'SCHEDULED', status: 'SCHEDULED', instants: ['2026-12-05T00:00:00.000Z'] },
  { id: 'd-3', title: '広報みどり12月号', timing: 'RECURRING', status: 'SENDING', instants: ['2026-12-03T09:00:00.000Z'] },
];
const request = (variables: Record<string, unknown>): GraphQLRequest => ({ operationName: '', variables, query: '', sentAt: 0 });

function responses(plans = [stepPlan()]) {
  return [
    ...(['SCHEDULED', 'SENDING'] as const).map((status) => ({
      request: { query: DeliveryCalendarDocument, variables: { ...WINDOW, status, first: MAX_PAGE_SIZE } },
      result: { data: calendarAnswer(DELIVERIES, request({ ...WINDOW, status })) },
    })),
    {
      request: { query: DeliveryCalendarStepsDocument, variables: { ...WINDOW, first: MAX_PAGE_SIZE } },
      result: { data: calendarStepsAnswer(plans, request(WINDOW)) },
    },
  ];
}

describe('DeliveryCalendarPage', { timeout: 60_000 }, () => {
  it('shows the month’s coming sends of every kind in their days, with links, the selected day’s list and the keyboard hint, accessibly', async () => {
    const { html, document } = await renderPage(<DeliveryCalendarPage />, {
      responses: responses(),
      permissions: ['deliveries.read'],
      path: '/deliveries/calendar',
      route: '/deliveries/calendar',
    });
    expect(html).toContain('2026年12月');
    expect(html).toContain('href="/deliveries/d-1"');
    expect(html).toContain('href="/deliveries/d-2"');
    expect(html).toContain('href="/deliveries/d-3"');
    expect(html).toContain('href="/deliveries/steps/p-1"');
    expect(html).toContain('18:00 繰り返し：資源ごみの日（東地区）');
    expect(html).toContain('09:00 日時指定：防災訓練のお知らせ');
    // The selected day is today: its two sends at 18:00 are listed below the grid.
    expect(html).toContain('12月3日（木）の予定');
    expect(html).toContain('2件');
    expect(html).toContain('矢印キーで日を移動');
    expect(html).toContain('title="09:00 ステップ：1か月健診のご案内"');
    expect(await axe.violations(document, 'delivery-calendar')).toEqual([]);
  });

  it('leaves out the step plans that are off', async () => {
    const { html } = await renderPage(<DeliveryCalendarPage />, {
      responses: responses([stepPlan({ enabled: false })]),
      permissions: ['deliveries.read'],
      path: '/deliveries/calendar',
      route: '/deliveries/calendar',
    });
    expect(html).not.toContain('href="/deliveries/steps/p-1"');
    expect(html).toContain('href="/deliveries/d-1"');
  });
});
