import { describe, expect, it } from 'vitest';
import { dayLabel, jstInstantOf, monthOf, shiftMonth } from '../lib/calendar';
import { jstToday } from '../lib/jst';
import { POLL, browserPages } from '../../../shared/test-support/browser-page';
import { fakeServer } from '../test-support/fake-server';
import { DELIVERIES_PAGES } from '../test-support/fixtures';
import { calendarAnswer, calendarStepsAnswer, stepPlan } from '../test-support/planning-fixtures';
import type { CalendarFixture } from '../test-support/planning-fixtures';

const pages = browserPages(DELIVERIES_PAGES);

// The page reads today from the clock, so the sends are next month's, whatever day the test runs.
const next = shiftMonth(monthOf(jstToday()), 1);
const day = (n: number) => `${next}-${String(n).padStart(2, '0')}`;
const [year, month] = next.split('-').map(Number) as [number, number];

const DELIVERIES: CalendarFixture[] = [
  {
    id: 'd-1',
    title: '資源ごみの日（東地区）',
    timing: 'RECURRING',
    status: 'SCHEDULED',
    instants: [8, 15, 22].map((n) => jstInstantOf(day(n), '18:00')),
  },
  { id: 'd-2', title: '防災訓練のお知らせ', timing: 'SCHEDULED', status: 'SCHEDULED', instants: [jstInstantOf(day(9), '09:00')] },
  { id: 'd-3', title: '広報みどり', timing: 'RECURRING', status: 'SENDING', instants: [jstInstantOf(day(8), '10:00')] },
  ...[1, 2, 3].map((n) => ({
    id: `d-1${n}`,
    title: `イベント案内${n}`,
    timing: 'SCHEDULED' as const,
    status: 'SCHEDULED' as const,
    instants: [jstInstantOf(day(8), `1${n}:00`)],
  })),
];
const PLANS = [
  stepPlan({
    upcoming: [
      { __typename: 'DeliveryStepSend', stepId: 's-2', referenceDate: '2026-01-01', at: jstInstantOf(day(9), '09:00'), recipients: 3 },
    ],
  }),
];

function server() {
  return fakeServer([], {
    DeliveryCalendar: (request) => ({ data: calendarAnswer(DELIVERIES, request) }),
    DeliveryCalendarSteps: (request) => ({ data: calendarStepsAnswer(PLANS, request) }),
  });
}

describe('the delivery calendar in a browser', { timeout: 120_000 }, () => {
  it('shows next month’s sends of every kind, moves between days with the keyboard and lists the chosen day’s sends', async () => {
    const opened = await pages.open({ path: '/deliveries/calendar', permissions: ['deliveries.read'] }, server().answer);
    const { page } = opened;
    await page.getByRole('heading', { name: '配信カレンダー', level: 1 }).waitFor();
    await page.getByRole('button', { name: '次の月' }).click();
    await page.getByRole('heading', { name: `${year}年${month}月` }).waitFor();
    await page
      .getByRole('link', { name: /^18:00 繰り返し：\s*資源ごみの日（東地区）$/ })
      .first()
      .waitFor();
    await expect
      .poll(
        () =>
          opened
            .sent('DeliveryCalendar')
            .map((r) => r.variables['status'])
            .sort(),
        POLL,
      )
      .toEqual(['SCHEDULED', 'SCHEDULED', 'SENDING', 'SENDING']);
    const asked = opened.sent('DeliveryCalendar').at(-1)!.variables;
    expect([asked['from'], asked['to']]).toEqual([jstInstantOf(day(1)), jstInstantOf(`${shiftMonth(next, 1)}-01`)]);
    // Day 8 has five sends: three in its cell, the rest behind 「ほか2件」.
    const more = page.getByRole('button', { name: `${dayLabel(day(8))}の予定をすべて表示（ほか2件）` });
    await more.waitFor();
    await opened.screenshot('delivery-calendar');
    expect(await opened.violations()).toEqual([]);

    await more.click();
    const panel = page.getByRole('region', { name: new RegExp(`^${dayLabel(day(8))}の予定\\s*5件`) });
    await panel.waitFor();
    expect(await panel.getByRole('listitem').allTextContents()).toEqual([
      '10:00繰り返し広報みどり',
      '11:00日時指定イベント案内1',
      '12:00日時指定イベント案内2',
      '13:00日時指定イベント案内3',
      '18:00繰り返し資源ごみの日（東地区）',
    ]);

    // The grid takes the arrow keys once focused: the next day's sends appear below.
    await page.locator('.ant-picker-panel').focus();
    await page.keyboard.press('ArrowRight');
    const ninth = page.getByRole('region', { name: new RegExp(`^${dayLabel(day(9))}の予定\\s*2件`) });
    await ninth.getByRole('link', { name: '防災訓練のお知らせ' }).waitFor();
    await ninth.getByText('ステップ2（30日後 09:00）・3人').waitFor();
    await page.keyboard.press('ArrowDown');
    await page
      .getByRole('region', { name: `${dayLabel(day(16))}の予定` })
      .getByText('この日の予定はありません。')
      .waitFor();
    await page.keyboard.press('PageUp');
    await page.getByRole('heading', { name: monthTitle(monthOf(jstToday())) }).waitFor();

    await page.getByRole('link', { name: /^09:00 日時指定：\s*防災訓練のお知らせ$/ }).waitFor({ state: 'detached' });
    await page.keyboard.press('PageDown');
    await page.getByRole('link', { name: /^09:00 日時指定：\s*防災訓練のお知らせ$/ }).click();
    await expect.poll(() => opened.location(), POLL).toBe('/deliveries/d-2');
    expect(opened.consoleErrors).toEqual([]);
  });

  it('offers the month as a list by day, which phones get at first', async () => {
    const opened = await pages.open({ path: '/deliveries/calendar', permissions: ['deliveries.read'] }, server().answer);
    const { page } = opened;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('radio', { name: '一覧', checked: true }).waitFor({ state: 'attached' });
    await page.getByRole('button', { name: '次の月' }).click();
    const eighth = page.getByRole('region', { name: new RegExp(`^${dayLabel(day(8))}\\s*5件`) });
    await eighth.waitFor();
    expect(await eighth.getByRole('link').allTextContents()).toEqual([
      '広報みどり',
      'イベント案内1',
      'イベント案内2',
      'イベント案内3',
      '資源ごみの日（東地区）',
    ]);
    await opened.screenshot('delivery-calendar-agenda-phone');
    expect(await opened.violations()).toEqual([]);
  });
});

function monthTitle(m: string): string {
  const [y, mm] = m.split('-').map(Number) as [number, number];
  return `${y}年${mm}月`;
}
