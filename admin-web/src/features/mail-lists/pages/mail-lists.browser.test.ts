import { describe, expect, it } from 'vitest';
import { POLL, browserPages, choose } from '../../../shared/test-support/browser-page';
import { MAIL_LISTS_PAGES, fakeMailListServer, mailList } from '../test-support/fixtures';

const pages = browserPages(MAIL_LISTS_PAGES);

const MANAGER = ['mail_lists.read', 'mail_lists.manage'];
const csv = (...lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');

describe('the mail lists in a browser', { timeout: 120_000 }, () => {
  it('creates a list in a dialog, its name required, and stops another after asking', async () => {
    const server = fakeMailListServer([mailList(), mailList({ id: 'ml-2', name: '防災情報メール', isPublic: false })]);
    const opened = await pages.open({ path: '/mail-lists', permissions: MANAGER }, server.answer);
    const { page } = opened;
    const row = page.getByRole('row', { name: /子育て情報メール/ });
    await row.waitFor();
    expect((await row.getByRole('cell').allTextContents()).slice(0, 6)).toEqual([
      '子育て情報メール子育て支援課から、健診・イベント・手当のお知らせをお届けします。',
      '公開',
      '受付中',
      '1,240人',
      '18人',
      '2026/12/01 09:30',
    ]);
    await opened.screenshot('mail-lists');
    expect(await opened.violations()).toEqual([]);

    await page.getByRole('button', { name: '防災情報メールを停止' }).click();
    await page.getByRole('dialog', { name: '「防災情報メール」を停止しますか？' }).getByRole('button', { name: '停止する' }).click();
    await page.getByText('「防災情報メール」を停止しました。').waitFor();
    expect(opened.sent('UpdateMailList').map((r) => r.variables)).toEqual([{ id: 'ml-2', input: { active: false } }]);
    await page.getByRole('button', { name: '防災情報メールを再開' }).waitFor();

    await page.getByRole('button', { name: '新規作成' }).click();
    const dialog = page.getByRole('dialog', { name: '新しいメール配信リスト' });
    await dialog.getByRole('button', { name: '登録' }).click();
    await dialog.getByText('名前を入力してください。').waitFor();
    await opened.screenshot('mail-list-create');
    expect(await opened.violations()).toEqual([]);
    await dialog.getByLabel('名前', { exact: true }).fill('ごみ・リサイクル情報メール');
    await dialog.getByLabel('説明（任意）', { exact: true }).fill('収集日の変更をお知らせします。');
    await dialog.getByRole('switch', { name: '登録ページで公開する' }).click();
    await dialog.getByRole('button', { name: '登録' }).click();
    await page.getByText('「ごみ・リサイクル情報メール」を作成しました。').waitFor();
    expect(opened.sent('CreateMailList').map((r) => r.variables['input'])).toEqual([
      { name: 'ごみ・リサイクル情報メール', description: '収集日の変更をお知らせします。', isPublic: true, active: true },
    ]);
    await expect.poll(() => opened.location(), POLL).toBe('/mail-lists/ml-new');
  });

  it('deletes a list after asking', async () => {
    const server = fakeMailListServer([mailList()]);
    const opened = await pages.open({ path: '/mail-lists', permissions: MANAGER }, server.answer);
    const { page } = opened;
    await page.getByRole('button', { name: '子育て情報メールを削除' }).click();
    await page
      .getByRole('dialog', { name: '「子育て情報メール」を削除しますか？' })
      .getByRole('button', { name: '削除', exact: true })
      .click();
    await page.getByText('「子育て情報メール」を削除しました。').waitFor();
    expect(opened.sent('DeleteMailList').map((r) => r.variables)).toEqual([{ id: 'ml-1' }]);
    await page.getByText('メール配信リストはまだありません。', { exact: false }).waitFor();
  });

  it('lists a list’s subscribers masked, filters them by status, imports a CSV with its problems by line, then removes one', async () => {
    let refuse = true;
    const server = fakeMailListServer(undefined, undefined, {
      ImportMailListSubscribers: () =>
        refuse
          ? {
              errors: [
                {
                  message: 'CSVに誤りがあります（2行）。何も取り込んでいません。',
                  extensions: {
                    code: 'BAD_USER_INPUT',
                    fields: {
                      'input.csv.3': '3行目: メールアドレスの形式が正しくありません（例: taro@example.jp）。',
                      'input.csv.5': '5行目: メールアドレスがありません。',
                    },
                  },
                },
              ],
            }
          : {
              data: {
                importMailListSubscribers: {
                  __typename: 'ImportMailListSubscribersPayload',
                  addresses: 3,
                  added: 2,
                  confirmed: 0,
                  confirmationsSent: 2,
                  alreadyConfirmed: 1,
                },
              },
            },
    });
    const opened = await pages.open({ path: '/mail-lists/ml-1', permissions: MANAGER }, server.answer);
    const { page } = opened;
    const table = page.getByRole('table', { name: '登録者' });
    await table.getByRole('row', { name: /t\*\*\*@e\*\*\*\.jp/ }).waitFor();
    expect(await page.getByText('taro@example.jp').count()).toBe(0);
    expect(opened.sent('MailListSubscribers')[0]?.variables).toEqual({ listId: 'ml-1', status: null, withEmail: false, first: 50 });
    await opened.screenshot('mail-list');
    expect(await opened.violations()).toEqual([]);

    await choose(page, '状態', '確認待ち');
    await expect.poll(() => opened.sent('MailListSubscribers').at(-1)?.variables['status'], POLL).toBe('PENDING');
    await table.getByRole('row', { name: /h\*\*\*@e\*\*\*\.jp/ }).waitFor();
    await table.getByRole('row', { name: /t\*\*\*@e\*\*\*\.jp/ }).waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'CSVで取り込む' }).click();
    const dialog = page.getByRole('dialog', { name: '登録者をCSVで取り込む（子育て情報メール）' });
    await dialog.locator('input[type="file"]').setInputFiles({
      name: 'subscribers.csv',
      mimeType: 'text/csv',
      buffer: csv('メールアドレス', 'taro@example.jp', 'not-an-address', 'hanako@example.jp', ','),
    });
    await dialog.getByText('subscribers.csv（4行）').waitFor();
    await dialog.getByRole('button', { name: '取り込む' }).click();
    const problems = dialog.getByRole('table', { name: 'CSVの誤り（行ごと）' });
    await problems.waitFor();
    expect(await problems.getByRole('row').allTextContents()).toEqual([
      '行内容',
      '3行目メールアドレスの形式が正しくありません（例: taro@example.jp）。',
      '5行目メールアドレスがありません。',
    ]);
    await opened.screenshot('mail-list-import-problems');
    expect(await opened.violations()).toEqual([]);
    expect(opened.sent('ImportMailListSubscribers')[0]?.variables['input']).toMatchObject({ listId: 'ml-1', consentHeld: false });

    refuse = false;
    await dialog.getByRole('checkbox', { name: '市がこの方々からメール配信の同意を得ていることを確認しました' }).check();
    await dialog.getByRole('button', { name: '取り込む' }).click();
    await dialog.getByText('取り込みました。').waitFor();
    await dialog.getByRole('row', { name: /確認メールを送った人\s*2件/ }).waitFor();
    expect(opened.sent('ImportMailListSubscribers')[1]?.variables['input']).toMatchObject({ consentHeld: true });
    await dialog.getByRole('button', { name: '閉じる' }).first().click();
    await dialog.waitFor({ state: 'hidden' });

    await table.getByRole('button', { name: 'h***@e***.jpをリストから削除' }).click();
    await page
      .getByRole('dialog', { name: 'h***@e***.jpをこのリストから削除しますか？' })
      .getByRole('button', { name: '削除', exact: true })
      .click();
    await page.getByText('登録者をリストから削除しました。').waitFor();
    expect(opened.sent('RemoveMailListSubscriber').map((r) => r.variables)).toEqual([{ listId: 'ml-1', subscriberId: 'sub-2' }]);
    expect(opened.consoleErrors).toEqual([]);
  });

  it('shows whole addresses to staff who may read them, and no changes to staff who may only read', async () => {
    const opened = await pages.open(
      { path: '/mail-lists/ml-1', permissions: ['mail_lists.read', 'mail_lists.read_personal'] },
      fakeMailListServer().answer,
    );
    const { page } = opened;
    await page.getByRole('row', { name: /taro@example\.jp/ }).waitFor();
    expect(opened.sent('MailListSubscribers')[0]?.variables['withEmail']).toBe(true);
    expect(await page.getByRole('button', { name: /CSVで取り込む|をリストから削除|停止|編集/ }).count()).toBe(0);
  });
});
