import { describe, expect, it } from 'vitest';
import { RUN_POLL_MS } from '../components/runs-section';
import type { GraphQLRequest } from '../../../shared/test-support/browser-protocol';
import { POLL, browserPages } from '../../../shared/test-support/browser-page';
import type { OpenedPage } from '../../../shared/test-support/browser-page';
import type { Locator } from 'playwright-core';
import { fakeServer, refusal } from '../test-support/fake-server';
import { DELIVERIES_PAGES, EVERYTHING, deliveryDetail, estimate, progress, run } from '../test-support/fixtures';

const pages = browserPages(DELIVERIES_PAGES);

const FLAGS = { withSegments: true, withChannel: true, withDepartment: true };
/** A desktop's and a phone's width, for the screenshots and axe. */
const WIDTHS = [1280, 390] as const;
/**
 * The page at each of WIDTHS: then `check` (what must hold at that width), the page never wider
 * than the window (a table too wide scrolls inside its card), a screenshot `<name>-<width>`, and axe.
 */
async function atEachWidth(opened: OpenedPage, name: string, check: () => Promise<void>) {
  for (const width of WIDTHS) {
    await opened.page.setViewportSize({ width, height: 900 });
    await expect.poll(() => opened.page.evaluate(() => document.documentElement.scrollWidth), POLL).toBe(width);
    await check();
    await opened.screenshot(`${name}-${width}`);
    expect(await opened.violations()).toEqual([]);
  }
}

/** Whether the whole of `locator` is inside what its scrolling container shows (not cut off at its edge). */
const inSight = (locator: Locator) =>
  locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const shown = (element.closest('.ant-table-content, .ant-table-body') ?? document.documentElement).getBoundingClientRect();
    return box.left >= shown.left - 1 && box.right <= shown.right + 1;
  });

/** How many lines the text of `locator` takes. */
const lines = (locator: Locator) =>
  locator.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].map((box) => Math.round(box.top))).size;
  });

const everyFriend = deliveryDetail({ targetKind: 'ALL', segmentIds: [], segments: [] });

describe('the delivery page in a browser', { timeout: 120_000 }, () => {
  it('sends to every friend only after a test send and a second confirmation, then follows the run live to its end', async () => {
    const sending = run({
      id: 'run-9',
      status: 'SENDING',
      preparedAt: null,
      completedAt: null,
      createdAt: '2026-12-02T01:00:00.000Z',
      progress: progress({ recipientsPlanned: 1_000, recipientsSent: 0, batchesSent: 0, batchesPending: 2, batchesTotal: 2 }),
    });
    const test = run({
      id: 'run-test',
      kind: 'TEST',
      occurrence: 'test:1',
      plannedRecipients: 3,
      progress: progress({ recipientsPlanned: 3, recipientsSent: 3, batchesTotal: 1, batchesSent: 1 }),
    });
    const testSending = { ...test, status: 'SENDING' as const, completedAt: null };
    const server = fakeServer([everyFriend], {
      // The test run starts; the server marks the delivery tested once the run has ended (here: when the page reads it).
      SendTestDelivery: () => {
        server.update('d-1', { runs: [testSending] });
        return { data: { sendTestDelivery: { __typename: 'DeliveryRunPayload', run: testSending } } };
      },
      DeliveryRun: (request) => {
        if (request.variables['id'] === 'run-9') return { data: { deliveryRun: sending } };
        server.update('d-1', { lastTestedAt: '2026-12-02T00:50:00.000Z', runs: [test] });
        return { data: { deliveryRun: test } };
      },
      SendDelivery: (request: GraphQLRequest) => {
        if (!request.variables['confirmAll'])
          return refusal('すべての友だちに送ります。よろしければ、確認のうえもう一度送信してください。', {
            code: 'PRECONDITION_FAILED',
            reason: 'CONFIRMATION_REQUIRED',
          });
        const next = server.update('d-1', { status: 'SENDING', runs: [sending, test] });
        return { data: { sendDelivery: { __typename: 'DeliveryPayload', delivery: next } } };
      },
      DeliveryEstimate: () => ({ data: estimate({ recipients: 1_000, messages: 1_000 }) }),
    });
    const opened = await pages.open({ path: '/deliveries/d-1', permissions: EVERYTHING }, server.answer);
    const { page } = opened;
    await page.getByRole('heading', { name: /子育て広場のお知らせ/ }).waitFor();
    await page.getByText('12,000通（上限 15,000通・使用 3,000通）').waitFor();
    // Every friend: no send before a test send (the button says why).
    const send = page.getByRole('button', { name: '今すぐ送信' });
    expect(await send.isDisabled()).toBe(true);
    expect(
      await page
        .getByRole('alert')
        .or(page.locator('.ant-alert'))
        .filter({ hasText: 'すべての友だちへの配信は、先にテスト配信で内容を確認してください。' })
        .count(),
    ).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'テスト配信' }).click();
    await page.getByText('テスト配信を始めました。テスト受信者に届きます。').waitFor();
    // The test run ends: the delivery is read again, now tested.
    await page.getByRole('region', { name: '2026/12/01（火）10:00の実行' }).getByText('3人中 3人に送信済み（100%）').waitFor();
    await page.getByText('最後のテスト配信：2026/12/02（水）09:50').waitFor();
    await expect.poll(() => send.isEnabled(), POLL).toBe(true);
    expect(opened.sent('SendTestDelivery').map((r) => r.variables)).toEqual([{ id: 'd-1', channelId: null }]);

    await send.click();
    const first = page.getByRole('dialog', { name: 'この配信を今すぐ送信しますか？' });
    await first.getByText('「子育て広場のお知らせ」をすべての友だち（1,000人）に送ります。').waitFor();
    await first.getByRole('button', { name: '今すぐ送信' }).click();
    const second = page.getByRole('dialog', { name: 'すべての友だちに送ります。本当によろしいですか？' });
    await second.getByText('このアカウントのすべての友だち（1,000人）に届きます。', { exact: false }).waitFor();
    // Several languages: sent to each friend, not as one broadcast, and the question says nothing of one.
    expect(await second.getByText('一斉配信', { exact: false }).count()).toBe(0);
    await opened.screenshot('delivery-send-confirm-all');
    expect(await opened.violations()).toEqual([]);
    await second.getByRole('button', { name: 'すべての友だちに送る' }).click();
    await page.getByText('送信を始めました。').waitFor();
    expect(opened.sent('SendDelivery').map((r) => r.variables)).toEqual([
      { id: 'd-1', confirmAll: null, ...FLAGS },
      { id: 'd-1', confirmAll: true, ...FLAGS },
    ]);

    // The run just started opens, and follows the subscription.
    const panel = page.getByRole('region', { name: '2026/12/02（水）10:00の実行' });
    await panel.getByText('1,000人中 0人に送信済み（0%）').waitFor();
    await expect.poll(() => opened.sent('DeliveryRunUpdated').map((r) => r.variables), POLL).toEqual([{ runId: 'run-9' }]);
    const live = panel.getByRole('status');
    expect(await live.getAttribute('aria-live')).toBe('polite');
    const event = (status: 'SENDING' | 'COMPLETED', sent: number, failed = 0) => ({
      data: {
        deliveryRunUpdated: {
          ...sending,
          status,
          preparedAt: '2026-12-02T01:00:03.000Z',
          completedAt: status === 'COMPLETED' ? '2026-12-02T01:02:00.000Z' : null,
          progress: progress({
            recipientsPlanned: 1_000,
            recipientsSent: sent,
            recipientsFailed: failed,
            batchesTotal: 2,
            batchesSent: sent >= 1_000 - failed ? 2 : 1,
            batchesPending: sent >= 1_000 - failed ? 0 : 1,
            batchesFailed: failed ? 1 : 0,
            failures: failed ? [{ __typename: 'DeliveryFailure', reason: '429 Too Many Requests', batches: 1, recipients: failed }] : [],
          }),
        },
      },
    });
    expect(await opened.publish('DeliveryRunUpdated', event('SENDING', 500))).toBe(1);
    await live.getByText('1,000人中 500人に送信済み（50%）').waitFor();
    await page.getByRole('row', { name: /本番.*500 \/ 1,000人/ }).waitFor();
    await opened.screenshot('delivery-run-live');
    expect(await opened.violations()).toEqual([]);

    const completed = event('COMPLETED', 990, 10);
    server.update('d-1', { status: 'SENT', runs: [completed.data.deliveryRunUpdated, test] });
    await opened.publish('DeliveryRunUpdated', completed);
    await live.getByText('1,000人中 990人に送信済み（100%）').waitFor();
    await panel.getByRole('cell', { name: '429 Too Many Requests' }).waitFor();
    // The delivery around the run is read again: sent.
    await page.getByText('送信が終わりました。').waitFor();
    expect(opened.consoleErrors).toEqual([]);
  });

  it('shows the end of a run that ended before its live updates began, by reading the run again', async () => {
    const sending = run({
      id: 'run-7',
      kind: 'TEST',
      occurrence: 'test:7',
      status: 'SENDING',
      completedAt: null,
      plannedRecipients: 2,
      batchesTotal: 1,
      progress: progress({ recipientsPlanned: 2, recipientsSent: 0, batchesTotal: 1, batchesSent: 0, batchesPending: 1 }),
    });
    const ended = {
      ...sending,
      status: 'COMPLETED' as const,
      completedAt: '2026-12-01T01:00:01.000Z',
      progress: progress({ recipientsPlanned: 2, recipientsSent: 2, batchesTotal: 1, batchesSent: 1, batchesPending: 0 }),
    };
    let reads = 0;
    // A small test send ends within a second: only the first read finds it sending, and no event ever comes.
    const server = fakeServer([deliveryDetail({ runs: [sending] })], {
      DeliveryRun: () => {
        if (reads++ === 0) return { data: { deliveryRun: sending } };
        server.update('d-1', { runs: [ended] });
        return { data: { deliveryRun: ended } };
      },
    });
    const opened = await pages.open({ path: '/deliveries/d-1', permissions: EVERYTHING }, server.answer);
    const panel = opened.page.getByRole('region', { name: '2026/12/01（火）10:00の実行' });
    await panel.getByText('2人中 0人に送信済み（0%）').waitFor();
    await panel.getByText('2人中 2人に送信済み（100%）').waitFor({ timeout: 3 * RUN_POLL_MS });
    expect(reads).toBeGreaterThanOrEqual(2);
    expect(opened.sent('DeliveryRunUpdated').map((r) => r.variables)).toEqual([{ runId: 'run-7' }]);
    expect(opened.consoleErrors).toEqual([]);
  });

  it('refuses visibly when the month’s quota does not cover the send', async () => {
    const server = fakeServer([deliveryDetail()], {
      DeliveryEstimate: () => ({
        data: estimate({ recipients: 1_234, messages: 1_234, quotaRemaining: 100, quotaUsed: 14_900, fitsQuota: false }),
      }),
    });
    const opened = await pages.open({ path: '/deliveries/d-1', permissions: EVERYTHING }, server.answer);
    const { page } = opened;
    await page.getByText('今月の残り通数（100通）では、この配信（1,234通）を送りきれません。送信できません。').waitFor();
    expect(await page.getByRole('button', { name: '今すぐ送信' }).isDisabled()).toBe(true);
    expect(await page.getByText('今月の残り通数が足りないため送信できません。').count()).toBe(1);
  });

  it('lets a composer without deliveries.send ask for approval, and an approver approve', async () => {
    const server = fakeServer([deliveryDetail()], {
      RequestDeliveryApproval: () => ({
        data: {
          requestDeliveryApproval: { __typename: 'DeliveryPayload', delivery: server.update('d-1', { status: 'AWAITING_APPROVAL' }) },
        },
      }),
      ApproveDelivery: () => ({
        data: {
          approveDelivery: { __typename: 'DeliveryPayload', delivery: server.update('d-1', { approvedAt: '2026-12-02T02:00:00.000Z' }) },
        },
      }),
    });
    const composer = await pages.open({ path: '/deliveries/d-1', permissions: ['deliveries.read', 'deliveries.manage'] }, server.answer);
    await composer.page.getByText('この役割では配信を送れないため、別の職員の承認が必要です。').waitFor();
    expect(await composer.page.getByRole('button', { name: '今すぐ送信' }).count()).toBe(0);
    expect(await composer.page.getByRole('button', { name: '配信を中止' }).count()).toBe(0);
    await composer.page.getByRole('button', { name: '承認を依頼' }).click();
    await composer.page.getByRole('dialog', { name: 'この配信の承認を依頼しますか？' }).getByRole('button', { name: '承認を依頼' }).click();
    await composer.page.getByText('承認を依頼しました。承認されると送信できます。').waitFor();
    await composer.page.getByText('承認待ちです。配信の承認ができる別の職員が承認すると、送信できるようになります。').waitFor();
    expect(composer.sent('RequestDeliveryApproval').map((r) => r.variables)).toEqual([
      { id: 'd-1', confirmAll: null, withSegments: false, withChannel: false, withDepartment: false },
    ]);

    const approver = await pages.open({ path: '/deliveries/d-1', permissions: ['deliveries.read', 'deliveries.approve'] }, server.answer);
    await approver.page.getByRole('button', { name: '承認' }).click();
    await approver.page
      .getByRole('dialog', { name: '「子育て広場のお知らせ」を承認しますか？' })
      .getByRole('button', { name: '承認' })
      .click();
    await approver.page.getByText('承認しました。').waitFor();
    await approver.page.getByText('2026/12/02（水）11:00に承認されました。送信できます。').waitFor();
    expect(await approver.page.getByRole('button', { name: '承認' }).count()).toBe(0);
  });

  it('shows the server’s refusal of a self-approval in its own words', async () => {
    const server = fakeServer([deliveryDetail({ status: 'AWAITING_APPROVAL' })], {
      ApproveDelivery: () =>
        refusal('自分が作成した配信は承認できません。別の職員に承認を依頼してください。', { code: 'FORBIDDEN', reason: 'SELF_APPROVAL' }),
    });
    const opened = await pages.open({ path: '/deliveries/d-1', permissions: ['deliveries.read', 'deliveries.approve'] }, server.answer);
    await opened.page.getByRole('button', { name: '承認' }).click();
    await opened.page.getByRole('dialog').getByRole('button', { name: '承認' }).click();
    await opened.page.getByRole('alert').getByText('自分が作成した配信は承認できません。別の職員に承認を依頼してください。').waitFor();
  });

  it('pauses and resumes a run for staff with deliveries.send, shows why it is paused, and offers it to no one else', async () => {
    let current = run({
      id: 'run-5',
      status: 'SENDING',
      completedAt: null,
      progress: progress({ recipientsPlanned: 2_800, recipientsSent: 1_000, batchesSent: 2, batchesPending: 4 }),
    });
    const delivery = deliveryDetail({ status: 'SENDING', runs: [current] });
    const server = fakeServer([delivery], {
      DeliveryRun: () => ({ data: { deliveryRun: current } }),
      PauseDeliveryRun: () => {
        current = { ...current, status: 'PAUSED', pauseReason: '職員が一時停止しました。' };
        return { data: { pauseDeliveryRun: { __typename: 'DeliveryRunPayload', run: current } } };
      },
      ResumeDeliveryRun: () => {
        current = { ...current, status: 'SENDING', pauseReason: null };
        return { data: { resumeDeliveryRun: { __typename: 'DeliveryRunPayload', run: current } } };
      },
    });
    const opened = await pages.open({ path: '/deliveries/d-1', permissions: EVERYTHING }, server.answer);
    const { page } = opened;
    const panel = page.getByRole('region', { name: /の実行$/ });
    await panel.getByText('2,800人中 1,000人に送信済み（35%）').waitFor();
    await panel.getByRole('button', { name: '一時停止' }).click();
    await page.getByText('一時停止しました。', { exact: true }).waitFor();
    await panel.getByText('職員が一時停止しました。').waitFor();
    await panel.getByRole('button', { name: '再開' }).click();
    await page.getByText('再開しました。', { exact: true }).waitFor();
    await panel.getByRole('button', { name: '一時停止' }).waitFor();
    expect(opened.sent('PauseDeliveryRun').map((r) => r.variables)).toEqual([{ id: 'run-5' }]);
    expect(opened.sent('ResumeDeliveryRun').map((r) => r.variables)).toEqual([{ id: 'run-5' }]);

    const reader = await pages.open({ path: '/deliveries/d-1', permissions: ['deliveries.read'] }, server.answer);
    const readerPanel = reader.page.getByRole('region', { name: /の実行$/ });
    await readerPanel.getByText('2,800人中 1,000人に送信済み（35%）').waitFor();
    expect(await reader.page.getByRole('button', { name: /一時停止|再開|中止|テスト配信|今すぐ送信|承認|編集|複製/ }).count()).toBe(0);
    // Clicks, as a table beside the chart.
    await reader.page.getByRole('row', { name: '2026/12/01 30' }).waitFor();
    expect(await reader.violations()).toEqual([]);
  });

  it('shows a survey delivery’s answers by run with every figure whole and in sight, at a desktop’s and a phone’s width', async () => {
    const at = (day: string) => `2026-12-${day}T01:00:00.000Z`;
    const answered = (id: string, day: string, sent: number, answers: number) => ({
      __typename: 'DeliveryRun',
      id,
      kind: 'REAL',
      createdAt: at(day),
      formId: 'f-1',
      stats: { __typename: 'DeliveryStats', sent, answers, answerRate: sent === 0 ? null : answers / sent },
    });
    const runs = [
      run({ id: 'run-3', createdAt: at('03') }),
      run({ id: 'run-2', createdAt: at('02') }),
      run({ id: 'run-1', createdAt: at('01') }),
    ];
    const server = fakeServer([deliveryDetail({ status: 'SENT', formId: 'f-1', runs })], {
      DeliveryRun: (request) => ({ data: { deliveryRun: runs.find((r) => r.id === request.variables['id']) } }),
      DeliveryAnswers: () => ({
        data: {
          delivery: {
            __typename: 'Delivery',
            id: 'd-1',
            formId: 'f-1',
            runs: [
              answered('run-3', '03', 0, 0),
              answered('run-2', '02', 12_300, 1_234),
              answered('run-1', '01', 980, 0),
              { ...answered('run-test', '01', 3, 1), kind: 'TEST' },
            ],
          },
        },
      }),
    });
    const opened = await pages.open({ path: '/deliveries/d-1', permissions: [...EVERYTHING, 'forms.submissions.read'] }, server.answer);
    const { page } = opened;
    const answers = page.getByRole('region', { name: '回答の状況' });
    await answers.getByRole('row', { name: /12,300人\s*1,234\s*10\.0%/ }).waitFor();
    expect(await answers.getByRole('row').count()).toBe(4);
    await atEachWidth(opened, 'delivery-answers', async () => {
      for (const row of await answers.getByRole('row').all()) {
        const cells = await row.getByRole('cell').all();
        // 送信数, 回答数 and 回答率 in sight beside the time, each on one line (12,300人 never broken before 人).
        for (const figure of cells.slice(1, 4)) {
          expect(await inSight(figure)).toBe(true);
          expect(await lines(figure)).toBe(1);
        }
      }
    });
    expect(opened.consoleErrors).toEqual([]);
  });

  it('says before a send to every friend in Japanese only, and on its runs, that it goes out as one 一斉配信, at a desktop’s and a phone’s width', async () => {
    const toAll = { targetKind: 'ALL' as const, segmentIds: [], segments: [], sendMode: 'BROADCAST' as const };
    const test = run({
      id: 'run-test',
      kind: 'TEST',
      occurrence: 'test:1',
      plannedRecipients: 3,
      progress: progress({ recipientsPlanned: 3, recipientsSent: 3, batchesTotal: 1, batchesSent: 1 }),
    });
    const draft = fakeServer([deliveryDetail({ ...toAll, lastTestedAt: '2026-12-01T01:00:05.000Z', runs: [test] })], {
      DeliveryRun: () => ({ data: { deliveryRun: test } }),
      SendDelivery: () =>
        refusal('すべての友だちに送ります。よろしければ、確認のうえもう一度送信してください。', {
          code: 'PRECONDITION_FAILED',
          reason: 'CONFIRMATION_REQUIRED',
        }),
      DeliveryEstimate: () => ({ data: estimate({ recipients: 1_000, messages: 1_000 }) }),
    });
    const before = await pages.open({ path: '/deliveries/d-1', permissions: EVERYTHING }, draft.answer);
    await before.page.getByText('本番の送信は一斉配信（LINEのブロードキャスト）になります').waitFor();
    await atEachWidth(before, 'delivery-broadcast-send', async () => {});
    // The second question before every friend receives it says it goes out as one broadcast, beyond the residents counted.
    await before.page.getByRole('button', { name: '今すぐ送信' }).click();
    await before.page.getByRole('dialog', { name: 'この配信を今すぐ送信しますか？' }).getByRole('button', { name: '今すぐ送信' }).click();
    const confirm = before.page.getByRole('dialog', { name: 'すべての友だちに送ります。本当によろしいですか？' });
    await confirm.getByText('このアカウントのすべての友だち（1,000人）に届きます。', { exact: false }).waitFor();
    await confirm.getByText('一斉配信（LINEのブロードキャスト）で送るため、住民の一覧にいない友だちにも届きます。').waitFor();
    expect(await before.violations()).toEqual([]);
    await confirm.getByRole('button', { name: 'キャンセル' }).click();

    const broadcast = run({
      id: 'run-broadcast',
      sendMode: 'BROADCAST',
      status: 'SENDING',
      completedAt: null,
      createdAt: '2026-12-02T01:00:00.000Z',
      batchesTotal: 1,
      progress: progress({ batchesTotal: 1, batchesSent: 0, batchesPending: 1, recipientsSent: 0 }),
    });
    const sent = fakeServer(
      [deliveryDetail({ ...toAll, status: 'SENDING', lastTestedAt: '2026-12-01T01:00:05.000Z', runs: [broadcast, test] })],
      {
        DeliveryRun: () => ({ data: { deliveryRun: broadcast } }),
      },
    );
    const after = await pages.open({ path: '/deliveries/d-1', permissions: EVERYTHING }, sent.answer);
    const panel = after.page.getByRole('region', { name: '2026/12/02（水）10:00の実行' });
    await panel.getByText('一斉配信（LINEのブロードキャスト）で送ります').waitFor();
    await after.page.getByRole('row', { name: /本番\s*一斉配信/ }).waitFor();
    const title = panel.getByRole('heading', { name: '2026/12/02（水）10:00の実行' });
    await atEachWidth(after, 'delivery-broadcast-run', async () => {
      // The run's title wraps rather than being cut off, and each run's 詳細 stays in sight while the table scrolls.
      expect(await title.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
      expect(
        await title.evaluate(
          (element) => element.getBoundingClientRect().right <= element.closest('.ant-card-head')!.getBoundingClientRect().right,
        ),
      ).toBe(true);
      for (const button of await after.page.getByRole('button', { name: /に始めた実行の詳細$/ }).all())
        expect(await inSight(button)).toBe(true);
    });
    expect([...before.consoleErrors, ...after.consoleErrors]).toEqual([]);
  });
});
