import { describe, expect, it } from 'vitest';
import { POLL, browserPages, choose } from '../../../shared/test-support/browser-page';
import { fakeServer } from '../test-support/fake-server';
import { DELIVERIES_PAGES, deliveryDetail, progress, run } from '../test-support/fixtures';

const pages = browserPages(DELIVERIES_PAGES);

const MANAGER = ['deliveries.read', 'deliveries.manage', 'segments.read'];

function server() {
  return fakeServer([
    deliveryDetail(),
    deliveryDetail({
      id: 'd-2',
      title: 'ごみ収集日のお知らせ',
      status: 'SCHEDULED',
      targetKind: 'ALL',
      segmentIds: [],
      segments: [],
      timing: 'RECURRING',
      nextRunAt: '2026-12-08T09:00:00.000Z',
      recurrencePreview: {
        __typename: 'RecurrencePreview',
        summary: '毎週 火曜日 18:00',
        next: ['2026-12-08T09:00:00.000Z'],
        rrule: 'RRULE:FREQ=WEEKLY;BYDAY=TU',
      },
      runs: [
        run({
          id: 'run-2',
          status: 'COMPLETED',
          progress: progress({ recipientsPlanned: 2_800, recipientsSent: 2_790, recipientsFailed: 10 }),
        }),
      ],
    }),
  ]);
}

describe('the deliveries list in a browser', { timeout: 120_000 }, () => {
  it('shows each delivery’s status, recipients, timing with its next send and its last send, and filters by status and title', async () => {
    const opened = await pages.open({ path: '/deliveries', permissions: MANAGER }, server().answer);
    const { page } = opened;
    const row = page.getByRole('row', { name: /ごみ収集日のお知らせ/ });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(0, 5)).toEqual([
      'ごみ収集日のお知らせ更新 2026/12/01 09:30',
      '予約済み',
      'すべての友だち',
      '毎週 火曜日 18:00次回 2026/12/08（火）18:00',
      '完了2,790 / 2,800人',
    ]);
    const draft = await page
      .getByRole('row', { name: /子育て広場のお知らせ/ })
      .getByRole('cell')
      .allTextContents();
    expect(draft.slice(0, 5)).toEqual([
      '子育て広場のお知らせ更新 2026/12/01 09:30',
      '下書き',
      'セグメント：北地区の子育て世帯',
      'すぐに送る',
      '未送信',
    ]);
    await opened.screenshot('deliveries-list');
    expect(await opened.violations()).toEqual([]);

    await choose(page, '状態', '予約済み');
    await expect.poll(() => opened.sent('Deliveries').at(-1)?.variables['filter'], POLL).toEqual({ search: null, status: 'SCHEDULED' });
    await page.getByLabel('件名', { exact: true }).fill('ごみ');
    await page.getByLabel('件名', { exact: true }).press('Enter');
    await expect.poll(() => opened.sent('Deliveries').at(-1)?.variables['filter'], POLL).toEqual({ search: 'ごみ', status: 'SCHEDULED' });
    expect(opened.sent('Deliveries')[0]?.variables).toEqual({ filter: { search: null, status: null }, withSegments: true, first: 50 });
  });

  it('duplicates a delivery and opens the copy in the editor', async () => {
    const opened = await pages.open({ path: '/deliveries', permissions: MANAGER }, server().answer);
    const { page } = opened;
    await page.getByRole('button', { name: '子育て広場のお知らせを複製' }).click();
    await page.getByText('「子育て広場のお知らせ」を複製しました。').waitFor();
    await expect.poll(() => opened.location(), POLL).toBe('/deliveries/d-copy/edit');
    await page.getByRole('heading', { name: '子育て広場のお知らせ（コピー）' }).waitFor();
  });

  it('asks before deleting, deletes nothing when staff cancel, and refuses to delete one that was sent', async () => {
    const opened = await pages.open({ path: '/deliveries', permissions: MANAGER }, server().answer);
    const { page } = opened;
    const deleteButton = page.getByRole('button', { name: '子育て広場のお知らせを削除' });
    await deleteButton.click();
    const dialog = page.getByRole('dialog', { name: '「子育て広場のお知らせ」を削除しますか？' });
    await dialog.getByText('削除した配信は元に戻せません。', { exact: false }).waitFor();
    await opened.screenshot('deliveries-delete-confirmation');
    expect(await opened.violations()).toEqual([]);
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(opened.sent('DeleteDelivery')).toEqual([]);

    await deleteButton.click();
    await page.getByRole('dialog').getByRole('button', { name: '削除', exact: true }).click();
    await page.getByText('「子育て広場のお知らせ」を削除しました。').waitFor();
    await page.getByRole('row', { name: /子育て広場のお知らせ/ }).waitFor({ state: 'detached' });
    expect(opened.sent('DeleteDelivery').map((r) => r.variables)).toEqual([{ id: 'd-1' }]);

    const sent = page.getByRole('button', { name: 'ごみ収集日のお知らせを削除' });
    expect(await sent.isDisabled()).toBe(true);
    expect(await page.getByText('送信済みの配信は削除できません（履歴として残ります）。').count()).toBe(1);
  });

  it('lets staff who may only read open a delivery, not create, duplicate or delete one, and asks for no segment names without segments.read', async () => {
    const opened = await pages.open({ path: '/deliveries', permissions: ['deliveries.read'] }, server().answer);
    const { page } = opened;
    await page.getByRole('row', { name: /子育て広場のお知らせ/ }).waitFor();
    expect(await page.getByRole('button', { name: '子育て広場のお知らせを表示' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /新規作成|を複製|を削除/ }).count()).toBe(0);
    expect(opened.sent('Deliveries')[0]?.variables['withSegments']).toBe(false);
    await page.getByRole('button', { name: '子育て広場のお知らせを表示' }).click();
    await expect.poll(() => opened.location(), POLL).toBe('/deliveries/d-1');
  });
});
