import fs from 'node:fs/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import pg from 'pg';
import type { Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  adminSession,
  animationsSettled,
  DEFAULT_EMULATOR_LOGIN_CHANNEL_ID,
  formatViolations,
  lineLoginServerEnv,
  mintIdToken,
  saveScreenshot,
  seriousAxeViolations,
  startE2E,
  startJwksRelay,
  type AdminSession,
  type E2EEnvironment,
  type E2ELine,
  type JwksRelay,
  type PageWithErrors,
} from './harness/index.js';

/**
 * Issue 9 (forms), as residents and staff see it:
 * 1. a resident follows the account in the LINE emulator; the greeting links the registration form
 *    (RES-07); they open it in LIFF (signed in with the ID token the emulator's LINE Login issues),
 *    answer, get a 受付番号, and staff see the attributes the form set on the resident page;
 * 2. someone without LINE sends an opinion on a public comment from a plain browser and gets a
 *    receipt number that is the one stored and listed in the console;
 * 3. staff download an application form's answers as CSV and Excel;
 * 4. staff move an application to 確認中 with a comment and the applicant is told on LINE by a
 *    notice and a link only (FORM-17): the comment is on the submission page, not in the talk.
 */

const WAIT = { timeout: 20_000 };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };

const REGISTRATION_TITLE = '子育て情報の登録';
const ONBOARDING_GREETING = 'お住まいの地域や関心のある分野を登録すると、あなたに合った情報をお届けします。';
const PROCEDURE_TITLE = 'デモ市みどりの基本計画（案）';
const APPLICATION_TITLE = '防災ラジオの貸出申請';
const SUBMITTER_NOTICE = 'お申し込みについて市からお知らせがあります。こちらからご確認ください';
const STAFF_COMMENT = '本人確認書類の写しを窓口でご提示ください。受付番号をお控えください。';

/** 防災ラジオの貸出申請: an application that a LINE resident and a browser resident both send. */
const APPLICATION_DEFINITION = {
  schemaVersion: 1,
  confirmation: false,
  pages: [
    {
      id: 'p_1',
      title: '申請の内容',
      fields: [
        { id: 'name', type: 'text', label: 'お名前', required: true, personal: true, maxLength: 50 },
        {
          id: 'pickup',
          type: 'singleChoice',
          display: 'radio',
          label: '受け取り方法',
          required: true,
          options: [
            { id: 'counter', label: '市役所の窓口' },
            { id: 'mail', label: '郵送' },
          ],
        },
        { id: 'units', type: 'number', label: '貸出台数', required: true, integer: true, min: 1, max: 3, unit: '台' },
      ],
    },
  ],
};
const APPLICATION_COLUMNS = ['受付番号', '受付日時', '状態', '回答経路', 'お名前', '受け取り方法', '貸出台数'];

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

function tableRow(scope: Page | Locator, text: string): Locator {
  return scope.getByRole('table').getByRole('row').filter({ hasText: text });
}

/** The console's card with this heading (antd Card: the heading is in its title bar). */
function card(page: Page, heading: string): Locator {
  return page.locator('.ant-card').filter({ has: page.getByRole('heading', { level: 2, name: heading, exact: true }) });
}

/** The 受付番号 the resident's page shows after sending. */
async function receiptNumber(page: Page): Promise<string> {
  await page.getByRole('heading', { level: 1, name: '送信しました' }).waitFor(WAIT);
  const receipt = ((await page.getByTestId('receipt-number').textContent()) ?? '').trim();
  expect(receipt).not.toBe('');
  return receipt;
}

async function downloaded(page: Page, button: string): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.getByRole('button', { name: button }).click()]);
  const file = await download.path();
  return { download, bytes: await fs.readFile(file) };
}

/** Every cell of an Excel sheet as text, row by row, as wide as its first (header) row. */
function sheetRows(sheet: ExcelJS.Worksheet): string[][] {
  const width = sheet.getRow(1).cellCount;
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    rows.push(Array.from({ length: width }, (_, i) => row.getCell(i + 1).text));
  });
  return rows;
}

describe('forms: the registration form from the greeting, browser opinions, exports and the applicant notice', () => {
  let relay: JwksRelay;
  let e2e: E2EEnvironment;
  let line: E2ELine;
  let staffApi: AdminSession;
  let db: pg.Client;
  let phone: PageWithErrors;
  let liff: PageWithErrors;
  let browser: PageWithErrors;
  let admin: PageWithErrors;

  let registrationFormId = '';
  let applicationFormId = '';
  let procedureId = '';
  let opinionFormId = '';
  let friend = { userId: '', displayName: '' };
  let registrationUrl = '';
  let lineApplication = { id: '', receipt: '' };
  let browserApplicationReceipt = '';

  /** A LIFF URL the resident opens from LINE: LIFF hands the app their ID token (the LIFF mock takes it from the URL). */
  async function asResident(url: string): Promise<string> {
    const token = await mintIdToken(line.emulator, line.emulatorChannel.channelId, friend.userId);
    return `${url}${url.includes('?') ? '&' : '?'}mockIdToken=${encodeURIComponent(token)}`;
  }

  async function submissionRow(formId: string, receipt: string) {
    const { rows } = await db.query<{ id: string; resident_id: string | null; via_browser: boolean; status: string }>(
      'select id, resident_id, via_browser, status from form_submission where form_id = $1 and receipt_number = $2',
      [formId, receipt],
    );
    expect(rows, `no submission ${receipt} of form ${formId}`).toHaveLength(1);
    return rows[0]!;
  }

  beforeAll(async () => {
    relay = await startJwksRelay();
    e2e = await startE2E({ withEmulator: true, env: lineLoginServerEnv(relay) });
    if (!e2e.line) throw new Error('startE2E({ withEmulator: true }) did not connect a channel');
    line = e2e.line;
    relay.pointAt(line.emulator);
    // The server accepts ID tokens of the LINE Login channel it was started with: the emulator's.
    expect(line.emulatorChannel.loginChannelId).toBe(DEFAULT_EMULATOR_LOGIN_CHANNEL_ID);
    db = new pg.Client({ connectionString: e2e.server.database.url });
    await db.connect();

    // What staff set up in the console beforehand, through the API the console uses.
    staffApi = await adminSession({ ...e2e.server, admin: line.admin });
    const gql = <T>(query: string, variables?: Record<string, unknown>) => staffApi.graphql<T>(query, variables);
    const publish = (id: string) => gql(`mutation ($id: ID!) { publishForm(id: $id) { form { id status } } }`, { id });

    const registration = await gql<{ createForm: { form: { id: string } } }>(
      `mutation ($input: CreateFormInput!) { createForm(input: $input) { form { id } } }`,
      { input: { title: REGISTRATION_TITLE, kind: 'REGISTRATION', templateKey: 'childcare-registration' } },
    );
    registrationFormId = registration.createForm.form.id;
    await publish(registrationFormId);
    await gql(
      `mutation ($id: ID!, $input: UpdateChannelOnboardingInput!) {
        updateChannelOnboarding(channelId: $id, input: $input) { onboarding { channelId } }
      }`,
      { id: line.serverChannel.id, input: { registrationFormId } },
    );

    const application = await gql<{ createForm: { form: { id: string } } }>(
      `mutation ($input: CreateFormInput!) { createForm(input: $input) { form { id } } }`,
      { input: { title: APPLICATION_TITLE, kind: 'APPLICATION' } },
    );
    applicationFormId = application.createForm.form.id;
    await gql(`mutation ($id: ID!, $input: UpdateFormInput!) { updateForm(id: $id, input: $input) { form { id } } }`, {
      id: applicationFormId,
      input: {
        definition: APPLICATION_DEFINITION,
        access: 'BROWSER_ALLOWED',
        answerPolicy: 'REPEAT',
        thankYouMessage: '申請を受け付けました。貸出の準備ができたらお知らせします。',
      },
    });
    await publish(applicationFormId);

    const departments = await gql<{ departments: { edges: Array<{ node: { id: string } }> } }>(
      `{ departments(first: 1) { edges { node { id } } } }`,
    );
    const hour = 3_600_000;
    const procedure = await gql<{ createPublicCommentProcedure: { procedure: { id: string; formId: string } } }>(
      `mutation ($input: CreatePublicCommentProcedureInput!) {
        createPublicCommentProcedure(input: $input) { procedure { id formId } }
      }`,
      {
        input: {
          title: PROCEDURE_TITLE,
          summary: '公園と街路樹の緑を守り、増やすための計画案です。',
          body: '計画案の本文と資料をご覧のうえ、ご意見をお寄せください。',
          opensAt: new Date(Date.now() - hour).toISOString(),
          closesAt: new Date(Date.now() + 14 * 24 * hour).toISOString(),
          departmentId: departments.departments.edges[0]!.node.id,
        },
      },
    );
    procedureId = procedure.createPublicCommentProcedure.procedure.id;
    opinionFormId = procedure.createPublicCommentProcedure.procedure.formId;
    await gql(`mutation ($id: ID!) { publishPublicCommentProcedure(id: $id) { procedure { id status } } }`, { id: procedureId });

    phone = await e2e.newPage({ viewport: { width: 1100, height: 760 } });
    liff = await e2e.newPage(PHONE);
    browser = await e2e.newPage();
    admin = await e2e.newPage();
  });

  afterAll(async () => {
    await staffApi?.close();
    await db?.end();
    await e2e?.teardown();
    await relay?.close();
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

  it('a resident follows in the phones UI and the greeting links the registration form', async () => {
    const { page, context } = phone;
    await page.goto(line.emulator.uiUrl(line.emulatorChannel.channelId));
    await page.getByRole('heading', { level: 1, name: 'シミュレーション端末' }).waitFor(WAIT);
    await page.getByRole('button', { name: '友だちを追加', exact: true }).click();
    const title = page.locator('#phone-title');
    await expect.poll(async () => (await title.textContent())?.trim() ?? '', WAIT).not.toBe('');
    const displayName = ((await title.textContent()) ?? '').trim();
    const { friends } = await line.emulator.control<{ friends: Array<{ userId: string; displayName: string }> }>(
      'GET',
      `/channels/${line.emulatorChannel.channelId}/friends`,
    );
    friend = friends.find((f) => f.displayName === displayName) ?? { userId: '', displayName: '' };
    expect(friend.userId).not.toBe('');

    // The greeting, then the registration form's card with one button (the emulator's UI is not ours: no axe here).
    const chat = page.getByRole('log', { name: 'トーク履歴' });
    await chat.getByText('友だち追加ありがとうございます').first().waitFor(WAIT);
    const register = chat.getByRole('button', { name: '登録する', exact: true });
    await register.waitFor(WAIT);
    expect(await chat.textContent()).toContain(REGISTRATION_TITLE);
    expect(await chat.textContent()).toContain(ONBOARDING_GREETING);
    await line.emulator.emulator.webhooksSettled();
    await saveScreenshot(page, 'forms-phone-greeting');

    // Tapping it opens the link (LINE would open it in LIFF); the test opens it in a phone-sized LIFF page next.
    const [popup] = await Promise.all([context.waitForEvent('page', WAIT), register.click()]);
    await page.locator('#notice').getByText('リンクを開きました').waitFor(WAIT);
    registrationUrl = ((await page.locator('#notice').textContent()) ?? '').replace(/^リンクを開きました:\s*/, '').trim();
    await popup.close();
    expect(registrationUrl).toBe(`${e2e.baseUrl}/liff/forms/${registrationFormId}`);
  });

  it('the resident opens the link in LIFF signed in with LINE, answers the registration form and sees the 受付番号', async () => {
    const { page, pageErrors } = liff;
    await page.goto(await asResident(registrationUrl));
    await page.getByRole('heading', { level: 1, name: REGISTRATION_TITLE }).waitFor(WAIT);
    await page.getByRole('heading', { level: 2, name: 'お子さまについて' }).waitFor(WAIT);
    // Signed in as the resident, not the LIFF mock's preview.
    expect(await page.getByText('ブラウザプレビュー').count()).toBe(0);
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'forms-liff-registration-page1');

    await page.getByRole('button', { name: '日付を追加' }).click();
    await page.getByLabel('お子さまの生年月日 1件目').fill('2022-04-01');
    await page.getByRole('group', { name: '現在、妊娠中ですか' }).getByRole('radio', { name: 'いいえ' }).check();
    await page.getByRole('button', { name: '次へ' }).click();

    await page.getByRole('heading', { level: 2, name: 'お住まいと関心' }).waitFor(WAIT);
    await page.getByLabel('お住まいの地区').selectOption({ label: '北地区' });
    const interests = page.getByRole('group', { name: '受け取りたいお知らせ' });
    await interests.getByRole('checkbox', { name: '子育て', exact: true }).check();
    await interests.getByRole('checkbox', { name: '防災', exact: true }).check();
    await expectNoSeriousAxeViolations(page);
    await page.getByRole('button', { name: '確認画面へ' }).click();

    await page.getByRole('heading', { name: '入力内容の確認' }).waitFor(WAIT);
    const confirmation = (await page.locator('main').textContent()) ?? '';
    for (const shown of ['2022年4月1日', 'いいえ', '北地区', '子育て、防災']) expect(confirmation).toContain(shown);
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'forms-liff-registration-confirm');
    await page.getByRole('button', { name: '送信する' }).click();

    const receipt = await receiptNumber(page);
    await page.getByText('登録しました。内容に合わせたお知らせをLINEでお届けします。').waitFor(WAIT);
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'forms-liff-registration-receipt');
    // Stored as this resident's answer (through LINE, not a browser), under that number.
    const stored = await submissionRow(registrationFormId, receipt);
    expect(stored.via_browser).toBe(false);
    expect(stored.resident_id).not.toBeNull();
    expect(pageErrors.map(String)).toEqual([]);
  });

  it('staff open the resident page and see the attribute values the form set', async () => {
    const { page, pageErrors } = admin;
    await page.goto(`${e2e.baseUrl}/admin/login`);
    await page.getByLabel('ログインID', { exact: true }).fill(line.admin.loginId);
    await page.getByLabel('パスワード', { exact: true }).fill(line.admin.password);
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^ようこそ、/ }).waitFor(WAIT);

    await openFromMenu(page, '住民（友だち）', '住民（友だち）');
    await tableRow(page, friend.displayName).waitFor(WAIT);
    await page.getByRole('button', { name: `${friend.displayName}の詳細` }).click();
    await page.getByRole('heading', { level: 1, name: `${friend.displayName}さん` }).waitFor(WAIT);

    const attributes = card(page, '属性');
    const values = attributes.getByRole('table').first();
    const value = (label: string) => values.getByRole('row').filter({ hasText: label });
    await value('関心のある分野').getByText('子育て、防災').waitFor(WAIT);
    expect(await value('居住地区').textContent()).toContain('北地区');
    expect(await value('子どもの生年月日').textContent()).toContain('2022-04-01');
    expect(await value('妊娠中').textContent()).toContain('いいえ');
    // The history says the form changed them.
    const history = tableRow(attributes, '関心のある分野').filter({ hasText: 'フォーム' });
    await history.first().waitFor(WAIT);
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'forms-admin-resident-attributes');
    expect(pageErrors.map(String)).toEqual([]);
  });

  it('someone without LINE sends an opinion on the public comment from a browser and gets the receipt number staff see', async () => {
    const { page, pageErrors } = browser;
    await page.goto(`${e2e.baseUrl}/liff/public-comments/${procedureId}`);
    await page.getByRole('heading', { level: 1, name: PROCEDURE_TITLE }).waitFor(WAIT);
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'forms-browser-public-comment');
    await page.getByRole('link', { name: '意見を提出する' }).click();

    await page.getByRole('heading', { level: 1, name: `${PROCEDURE_TITLE}への意見` }).waitFor(WAIT);
    await page.getByRole('textbox', { name: /^意見の対象/ }).fill('第3章 公園の整備');
    await page
      .getByRole('textbox', { name: /^ご意見/ })
      .fill('駅前の公園に木陰のベンチを増やしてください。夏は日差しが強く、休める場所がありません。');
    await page.getByRole('textbox', { name: /^お名前/ }).fill('緑川 葉子');
    await page.getByRole('textbox', { name: /^住所/ }).fill('デモ市本町1丁目2-3');
    await page.getByRole('group', { name: '市との関わり' }).getByRole('radio', { name: '市内に住んでいる' }).check();
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'forms-browser-opinion-form');
    await page.getByRole('button', { name: '確認画面へ' }).click();
    await page.getByRole('heading', { name: '入力内容の確認' }).waitFor(WAIT);
    await expectNoSeriousAxeViolations(page);
    await page.getByRole('button', { name: '送信する' }).click();

    const receipt = await receiptNumber(page);
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'forms-browser-opinion-receipt');
    const stored = await submissionRow(opinionFormId, receipt);
    expect(stored).toMatchObject({ via_browser: true, resident_id: null });
    expect(pageErrors.map(String)).toEqual([]);

    // Staff find the same number among the procedure's opinions, sent from a browser.
    const { page: staff } = admin;
    await openFromMenu(staff, 'パブリックコメント', 'パブリックコメント');
    await tableRow(staff, PROCEDURE_TITLE).getByRole('link', { name: PROCEDURE_TITLE }).click();
    await staff.getByRole('heading', { level: 1, name: PROCEDURE_TITLE }).waitFor(WAIT);
    await staff.getByRole('tab', { name: /^意見（1）$/ }).click();
    const opinion = tableRow(staff, receipt);
    await opinion.waitFor(WAIT);
    expect(await opinion.textContent()).toContain('ブラウザ');
    await expectNoSeriousAxeViolations(staff);
    await saveScreenshot(staff, 'forms-admin-public-comment-opinions');
    expect(admin.pageErrors.map(String)).toEqual([]);
  });

  it('the LINE resident and a browser resident each send the application and get their receipt numbers', async () => {
    const formUrl = `${e2e.baseUrl}/liff/forms/${applicationFormId}`;
    const apply = async (page: Page, answers: { name: string; pickup: string; units: string }) => {
      await page.getByRole('heading', { level: 1, name: APPLICATION_TITLE }).waitFor(WAIT);
      await page.getByRole('textbox', { name: /^お名前/ }).fill(answers.name);
      await page.getByRole('group', { name: '受け取り方法' }).getByRole('radio', { name: answers.pickup }).check();
      await page.getByRole('textbox', { name: /^貸出台数/ }).fill(answers.units);
      await expectNoSeriousAxeViolations(page);
      await page.getByRole('button', { name: '送信する' }).click();
      const receipt = await receiptNumber(page);
      await expectNoSeriousAxeViolations(page);
      return receipt;
    };

    await liff.page.goto(await asResident(formUrl));
    const receipt = await apply(liff.page, { name: '山田 太郎', pickup: '市役所の窓口', units: '2' });
    await saveScreenshot(liff.page, 'forms-liff-application-receipt');
    const stored = await submissionRow(applicationFormId, receipt);
    expect(stored.via_browser).toBe(false);
    lineApplication = { id: stored.id, receipt };

    await browser.page.goto(formUrl);
    browserApplicationReceipt = await apply(browser.page, { name: '佐藤 花子', pickup: '郵送', units: '1' });
    expect((await submissionRow(applicationFormId, browserApplicationReceipt)).via_browser).toBe(true);
    expect(browserApplicationReceipt).not.toBe(receipt);
    expect([...liff.pageErrors, ...browser.pageErrors].map(String)).toEqual([]);
  });

  it('staff download the answers as CSV (UTF-8 with BOM) and Excel with a column per question and a row per submission', async () => {
    const { page, pageErrors } = admin;
    await openFromMenu(page, 'フォーム', 'フォーム一覧');
    await page.getByRole('button', { name: `${APPLICATION_TITLE}の回答一覧` }).click();
    await page.getByRole('heading', { level: 1, name: `回答一覧：${APPLICATION_TITLE}` }).waitFor(WAIT);
    await tableRow(page, lineApplication.receipt).waitFor(WAIT);
    await tableRow(page, browserApplicationReceipt).waitFor(WAIT);
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'forms-admin-submissions');

    const csv = await downloaded(page, 'CSVでダウンロード');
    expect(csv.download.suggestedFilename()).toMatch(/\.csv$/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parseCsv(csv.bytes.subarray(3).toString('utf8'));
    expect(rows[0]).toEqual(APPLICATION_COLUMNS);
    const byReceipt = new Map(rows.slice(1).map((row) => [row[0], row]));
    expect([...byReceipt.keys()].sort()).toEqual([lineApplication.receipt, browserApplicationReceipt].sort());
    expect(byReceipt.get(lineApplication.receipt)!.slice(2)).toEqual(['受付', 'LINE', '山田 太郎', '市役所の窓口', '2']);
    expect(byReceipt.get(browserApplicationReceipt)!.slice(2)).toEqual(['受付', 'ブラウザ', '佐藤 花子', '郵送', '1']);

    const xlsx = await downloaded(page, 'Excelでダウンロード');
    expect(xlsx.download.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as never);
    const sheet = book.worksheets[0];
    expect(sheet).toBeDefined();
    expect(sheetRows(sheet!)).toEqual(rows);
    expect(pageErrors.map(String)).toEqual([]);
  });

  it('staff move the application to 確認中 with a comment; the applicant gets only a notice and a link on LINE', async () => {
    const { page, pageErrors } = admin;
    await page.getByRole('link', { name: `受付番号 ${lineApplication.receipt} を開く` }).click();
    await page.getByRole('heading', { level: 1, name: `受付番号 ${lineApplication.receipt}` }).waitFor(WAIT);
    const workflow = card(page, '状態の変更');
    const notify = workflow.getByRole('checkbox', { name: '申請者にお知らせする' });
    await notify.waitFor(WAIT);
    expect(await notify.isChecked()).toBe(true);
    await workflow.getByRole('textbox', { name: 'コメント（任意）' }).fill(STAFF_COMMENT);
    await expectNoSeriousAxeViolations(page);
    await saveScreenshot(page, 'forms-admin-submission-workflow');
    await workflow.getByRole('button', { name: '「確認中」にする' }).click();
    await page.getByText('状態を「確認中」にし、申請者にお知らせしました。').waitFor(WAIT);
    await expect.poll(() => card(page, '受付情報').textContent(), WAIT).toContain('確認中');
    expect(pageErrors.map(String)).toEqual([]);

    // On the phone: the fixed notice and the link to the submission page, nothing staff wrote.
    const link = `${e2e.baseUrl}/liff/submissions/${lineApplication.id}`;
    const chat = phone.page.getByRole('log', { name: 'トーク履歴' });
    const notice = chat.getByText(SUBMITTER_NOTICE);
    await notice.waitFor(WAIT);
    expect(await notice.textContent()).toBe(`${SUBMITTER_NOTICE}\n${link}`);
    expect(await chat.textContent()).not.toContain(STAFF_COMMENT);
    const { messages } = await line.emulator.control<{ messages: Array<{ message: { type: string; text?: string } }> }>(
      'GET',
      `/channels/${line.emulatorChannel.channelId}/friends/${friend.userId}/received`,
    );
    expect(messages.at(-1)?.message).toEqual({ type: 'text', text: `${SUBMITTER_NOTICE}\n${link}` });
    await saveScreenshot(phone.page, 'forms-phone-status-notice');

    // The link opens the submission page in LIFF: the status and the comment are there.
    await liff.page.goto(await asResident(link));
    await liff.page.getByRole('heading', { level: 1, name: '送信内容' }).waitFor(WAIT);
    const facts = (await liff.page.locator('main').textContent()) ?? '';
    expect(facts).toContain(lineApplication.receipt);
    expect(facts).toContain('確認中');
    const cityMessages = liff.page.getByRole('region', { name: '市からのお知らせ' });
    await cityMessages.getByText(STAFF_COMMENT).waitFor(WAIT);
    expect(await cityMessages.textContent()).toContain('申請の状況が「確認中」になりました。');
    await expectNoSeriousAxeViolations(liff.page);
    await saveScreenshot(liff.page, 'forms-liff-submission-status');
    expect(liff.pageErrors.map(String)).toEqual([]);
  });
});
