import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  animationsSettled,
  formatViolations,
  saveScreenshot,
  seriousAxeViolations,
  startE2E,
  type E2EEnvironment,
  type E2ELine,
  type PageWithErrors,
} from './harness/index.js';

/**
 * Issue acceptance: a simulated resident follows the account in the LINE emulator's phones UI, gets
 * the greeting, and appears in the admin console's resident list with their LINE display name; the
 * detail page shows the follow in the timeline. The channel pages show the same channel, its
 * webhook URL, a working connection check and the received follow event.
 */

const WAIT = { timeout: 20_000 };
const GREETING = '友だち追加ありがとうございます';

async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  await animationsSettled(page);
  const violations = await seriousAxeViolations(page);
  expect(violations, formatViolations(violations)).toEqual([]);
}

function mainMenu(page: Page): Locator {
  return page.getByRole('navigation', { name: 'メインメニュー' });
}

async function openFromMenu(page: Page, item: string, heading: string | RegExp): Promise<void> {
  await mainMenu(page).getByRole('link', { name: item, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor(WAIT);
}

function tableRow(page: Page, text: string): Locator {
  return page.getByRole('table').getByRole('row').filter({ hasText: text });
}

describe('residents: a simulated resident follows in the emulator and appears in the admin console', () => {
  let e2e: E2EEnvironment;
  let line: E2ELine;
  let phone: PageWithErrors;
  let admin: PageWithErrors;
  let friendName = '';

  beforeAll(async () => {
    e2e = await startE2E({ withEmulator: true });
    if (!e2e.line) throw new Error('startE2E({ withEmulator: true }) did not connect a channel');
    line = e2e.line;
    phone = await e2e.newPage({ viewport: { width: 1100, height: 760 } });
    admin = await e2e.newPage();
  });

  afterAll(async () => {
    await e2e?.teardown();
  });

  // The steps build on each other: after a failure, skip the rest instead of timing out in them.
  let failed = false;
  beforeEach((context) => {
    if (failed) context.skip();
    context.onTestFailed(() => {
      failed = true;
      if (e2e) console.error(`--- server output ---\n${e2e.server.logs()}`);
    });
  });

  it('connects the emulator channel to the server (webhook URL set in the emulator)', () => {
    expect(line.serverChannel.webhookUrl).toBe(`${e2e.baseUrl}/webhook/${line.serverChannel.id}`);
    expect(line.emulatorChannel.webhookUrl).toBe(line.serverChannel.webhookUrl);
  });

  it('a resident adds the account as a friend in the phones UI and receives the greeting', async () => {
    const { page } = phone;
    await page.goto(line.emulator.uiUrl(line.emulatorChannel.channelId));
    await page.getByRole('heading', { level: 1, name: 'シミュレーション端末' }).waitFor(WAIT);
    await page.getByRole('button', { name: '友だちを追加', exact: true }).click();

    // The new friend opens in the phone; their LINE display name is the phone's title.
    const title = page.locator('#phone-title');
    await expect.poll(async () => (await title.textContent())?.trim() ?? '', WAIT).not.toBe('');
    friendName = ((await title.textContent()) ?? '').trim();
    await expect.poll(async () => (await page.locator('#friend-status').textContent()) ?? '', WAIT).toBe('友だち');

    // The server answered the follow webhook with the greeting (reply API → the friend's chat).
    const chat = page.getByRole('log', { name: 'トーク履歴' });
    await chat.getByText(GREETING).first().waitFor(WAIT);
    await line.emulator.emulator.webhooksSettled();
    await saveScreenshot(page, 'residents-follow-phone-greeting');
  });

  it('the administrator sees the new resident in 住民（友だち） as a friend, with their display name', async () => {
    const { page } = admin;
    await page.goto(`${e2e.baseUrl}/admin/login`);
    await page.getByLabel('ログインID', { exact: true }).fill(line.admin.loginId);
    await page.getByLabel('パスワード', { exact: true }).fill(line.admin.password);
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^ようこそ、/ }).waitFor(WAIT);

    await openFromMenu(page, '住民（友だち）', '住民（友だち）');
    const row = tableRow(page, friendName);
    await row.waitFor(WAIT);
    await expect.poll(() => row.textContent(), WAIT).toContain('友だち');
    expect(await row.textContent()).toContain(line.serverChannel.name);
    expect(await row.getByRole('cell').first().textContent()).toContain(friendName);
    expect(await page.getByRole('button', { name: 'トークログ CSV' }).isVisible()).toBe(true);
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'residents-list');

    // Filtering by status keeps them; "test recipients only" hides them (none yet).
    await page.getByRole('checkbox', { name: 'テスト配信先のみ' }).check();
    await page.getByText('条件に合う住民はいません').waitFor(WAIT);
    await page.getByRole('checkbox', { name: 'テスト配信先のみ' }).uncheck();
    await row.waitFor(WAIT);

    // The encrypted display name is searchable by part of it (blind index on the server).
    const nameSearch = page.getByRole('searchbox', { name: '表示名' });
    await nameSearch.fill('太郎');
    await nameSearch.press('Enter');
    await row.waitFor(WAIT);
    await nameSearch.fill('花子');
    await nameSearch.press('Enter');
    await page.getByText('条件に合う住民はいません').waitFor(WAIT);
    await nameSearch.fill('');
    await row.waitFor(WAIT);
  });

  it('the detail page shows the follow and the greeting in the timeline; tags and the test switch save', async () => {
    const { page, pageErrors } = admin;
    await page.getByRole('button', { name: `${friendName}の詳細` }).click();
    await page.getByRole('heading', { level: 1, name: `${friendName}さん` }).waitFor(WAIT);

    const timeline = page.getByRole('list', { name: 'タイムライン' });
    await timeline.waitFor(WAIT);
    await expect.poll(() => timeline.getByTestId('timeline-follow').first().textContent(), WAIT).toContain('友だち追加');
    const greeting = timeline.getByTestId('timeline-talk').filter({ hasText: GREETING });
    await greeting.first().waitFor(WAIT);
    expect(await greeting.first().textContent()).toContain('市から');
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'resident-detail');

    const tags = page.getByRole('combobox', { name: 'タグ', exact: true });
    await tags.fill('子育て');
    await tags.press('Enter');
    await page.getByRole('switch', { name: 'テスト配信先にする' }).click();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('保存しました。').waitFor(WAIT);

    await page.getByRole('link', { name: '住民一覧へ戻る' }).click();
    await page.getByRole('heading', { level: 1, name: '住民（友だち）' }).waitFor(WAIT);
    await page.getByRole('checkbox', { name: 'テスト配信先のみ' }).check();
    const row = tableRow(page, friendName);
    await row.waitFor(WAIT);
    await expect.poll(() => row.textContent(), WAIT).toContain('子育て');
    expect(await row.textContent()).toContain('テスト配信先');
    expect(pageErrors.map(String)).toEqual([]);
  });

  it('the channel pages show the channel, its webhook URL, a working connection check and the received follow', async () => {
    const { page, pageErrors } = admin;
    await openFromMenu(page, 'LINEチャネル', 'LINEチャネル');
    const row = tableRow(page, line.serverChannel.name);
    await row.waitFor(WAIT);
    expect(await row.textContent()).toContain('研修・テスト用');
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'channels-list');

    await row.getByRole('button', { name: `${line.serverChannel.name}の詳細` }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${line.serverChannel.name}`) }).waitFor(WAIT);
    expect(await page.getByTestId('webhook-url').textContent()).toBe(line.serverChannel.webhookUrl);

    await page.getByRole('button', { name: '接続を確認' }).click();
    const result = page.getByTestId('connection-check-result');
    await result.waitFor(WAIT);
    expect(await result.textContent()).toContain('接続できました');
    expect(await result.textContent()).toContain(line.emulatorChannel.basicId);
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'channel-detail');

    await page.getByRole('tab', { name: /^受信イベント/ }).click();
    // antd's radio buttons hide the input: click its label.
    await page
      .locator('label')
      .filter({ has: page.getByRole('radio', { name: /^処理済み（\d+）$/ }) })
      .click();
    await tableRow(page, 'follow').first().waitFor(WAIT);
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'channel-webhook-events');

    await page.getByRole('button', { name: `${line.serverChannel.name}を編集`, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: /^LINEチャネルを編集/ });
    await dialog.waitFor(WAIT);
    expect(await dialog.getByText(/設定済み（.+ 更新）/).count()).toBeGreaterThan(0);
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'channel-edit-modal');
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    await dialog.waitFor({ state: 'hidden', ...WAIT });
    expect(pageErrors.map(String)).toEqual([]);
  });
});
