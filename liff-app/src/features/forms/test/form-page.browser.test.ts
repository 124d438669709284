/**
 * The resident form pages in Chromium (Debian's, as the end-to-end suite uses): the harness page
 * is served by Vite, the app's GraphQL, postal-code and upload requests are answered here, and axe
 * checks every screen. Slow-ish (a browser and a dev server), so one file, one server, one browser.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page, type Route } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyTypeDefinition, residentForm } from './fixtures';

const liffRoot = decodeURIComponent(new URL('../../../../', import.meta.url).pathname);
const screenshotDir = decodeURIComponent(new URL('../../../../../tests/e2e/screenshots/', import.meta.url).pathname);
const chromiumPath = (import.meta.env['CHROMIUM_PATH'] as string | undefined) ?? '/usr/bin/chromium';
const PHONE = { width: 390, height: 844 };

interface GraphQLCall {
  operationName: string;
  variables: Record<string, any>;
}

type Responder = (call: GraphQLCall) => unknown;

let server: ViteDevServer;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  server = await createServer({
    root: liffRoot,
    configFile: `${liffRoot}vite.config.ts`,
    logLevel: 'error',
    server: { port: 0, strictPort: false, hmr: false },
    // Crawl the harness up front, so a late dependency optimisation never reloads the page mid-test.
    optimizeDeps: { entries: ['src/features/forms/test/harness.html'] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('vite did not listen');
  baseUrl = `http://localhost:${address.port}/liff/src/features/forms/test/harness.html`;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPage(options: { responder: Responder; viewport?: { width: number; height: number } }): Promise<{
  context: BrowserContext;
  page: Page;
  calls: GraphQLCall[];
  pageErrors: Error[];
}> {
  const context = await browser.newContext({
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    viewport: options.viewport ?? PHONE,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  const calls: GraphQLCall[] = [];
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  await page.route('**/graphql', async (route: Route) => {
    const body = route.request().postDataJSON() as GraphQLCall;
    calls.push(body);
    const result = options.responder(body);
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(result) });
  });
  await page.route('**/api/postal-codes/*', async (route) => {
    const code = new URL(route.request().url()).pathname.split('/').pop();
    if (code === '1000001') {
      await route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ results: [{ postalCode: '1000001', prefecture: '東京都', city: '千代田区', town: '千代田' }] }),
      });
    } else {
      await route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ results: [] }) });
    }
  });
  return { context, page, calls, pageErrors };
}

async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  // Finite animations (focus rings, button transitions) end before axe measures contrast.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

function formResponder(form: Record<string, unknown>, submit: (call: GraphQLCall) => unknown): Responder {
  return (call) => {
    switch (call.operationName) {
      case 'ResidentForm':
        return { data: { residentForm: form } };
      case 'SubmitForm':
        return submit(call);
      case 'SaveFormDraft':
        return { data: { saveFormDraft: { __typename: 'FormDraft', savedAt: new Date().toISOString() } } };
      default:
        return { errors: [{ message: `unexpected ${call.operationName}`, extensions: { code: 'INTERNAL' } }] };
    }
  };
}

describe('form page (browser)', () => {
  it('walks a branching form page by page, keeps answers through a reload, confirms and shows the receipt', async () => {
    let submits = 0;
    const { context, page, calls, pageErrors } = await openPage({
      responder: formResponder(residentForm(), () => {
        submits += 1;
        if (submits === 1) {
          // The server's truth disagrees once: its per-field message lands on the field.
          return {
            data: null,
            errors: [
              {
                message: '入力内容を確認してください。',
                extensions: { code: 'BAD_USER_INPUT', fields: { f_address: '番地まで入力してください' } },
              },
            ],
          };
        }
        return {
          data: {
            submitForm: {
              __typename: 'SubmitFormPayload',
              submissionId: 's1',
              receiptNumber: '20260401-0007',
              thankYouMessage: 'ご登録ありがとうございました。',
            },
          },
        };
      }),
    });
    await page.goto(`${baseUrl}?session=signedOut&path=/forms/form-1`);
    await page.getByRole('heading', { level: 1, name: '子育て情報の登録' }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: 'https://city.example.jp/kosodate' }).count()).toBe(1);
    await expectNoSeriousAxeViolations(page);

    // 次へ with nothing filled in: blocked, the summary is announced and focused, the field points at its error.
    await page.getByRole('button', { name: '次へ' }).click();
    const summary = page.getByRole('alert');
    await expect.poll(() => summary.textContent()).toContain('氏名：入力してください');
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    const name = page.getByLabel('氏名');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await name.getAttribute('aria-describedby')).toContain('q-f_name-error');
    await expectNoSeriousAxeViolations(page);

    await name.fill('山田花子');
    await expect.poll(() => page.getByText('4 / 20文字').count()).toBe(1);
    await page.getByLabel('郵便番号').fill('1000001');
    await expect.poll(() => page.getByLabel('住所').inputValue()).toBe('東京都千代田区千代田');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('住所を入力しました');
    await page.getByLabel('電話番号').fill('03-1234-5678');
    await page.getByRole('button', { name: '次へ' }).click();

    // Page 2: the birthdays question and the 子育て option appear only after はい.
    await page.getByRole('heading', { name: 'ご家族について' }).waitFor();
    expect(await page.getByText('2 / 3 ページ').count()).toBe(1);
    expect(await page.getByRole('group', { name: /お子さんの生年月日/ }).count()).toBe(0);
    expect(await page.getByRole('checkbox', { name: '子育て' }).count()).toBe(0);
    await page.getByRole('radio', { name: 'はい' }).check();
    await page.getByRole('group', { name: /お子さんの生年月日/ }).waitFor();
    expect(await page.getByRole('checkbox', { name: '子育て' }).count()).toBe(1);
    expect(await page.getByText('2 / 4 ページ').count()).toBe(1);
    await page.getByRole('button', { name: '次へ' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('お子さんの生年月日：入力してください');
    await page.getByRole('button', { name: /日付を追加/ }).click();
    await page.getByLabel('お子さんの生年月日 1件目').fill('2020-04-01');
    await page.getByRole('checkbox', { name: '子育て' }).check();
    await expectNoSeriousAxeViolations(page);
    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByRole('heading', { name: '子育て支援' }).waitFor();

    // A reload keeps the answers and the page.
    await page.reload();
    await page.getByRole('heading', { name: '子育て支援' }).waitFor();
    await page.getByRole('button', { name: '戻る' }).click();
    await page.getByRole('heading', { name: 'ご家族について' }).waitFor();
    expect(await page.getByRole('radio', { name: 'はい' }).isChecked()).toBe(true);
    expect(await page.getByLabel('お子さんの生年月日 1件目').inputValue()).toBe('2020-04-01');
    await page.getByRole('button', { name: '次へ' }).click();

    await page.getByLabel('希望する支援').selectOption({ label: '一時保育' });
    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByRole('heading', { name: '確認事項' }).waitFor();
    await page.getByRole('button', { name: '確認画面へ' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('同意が必要です');
    await page.getByRole('checkbox', { name: '同意する' }).check();
    await page.getByLabel('確認メールの送信先（任意）').fill('hanako@example.jp');
    await page.getByRole('button', { name: '確認画面へ' }).click();

    // Confirmation (FORM-16): the engine's texts, 修正する per answer.
    await page.getByRole('heading', { level: 1, name: '入力内容の確認' }).waitFor();
    const confirmText = (await page.locator('main').textContent()) ?? '';
    for (const expected of [
      '山田花子',
      '東京都千代田区千代田',
      '03-1234-5678',
      'はい',
      '2020年4月1日',
      '子育て',
      '一時保育',
      '同意する',
      'hanako@example.jp',
    ]) {
      expect(confirmText).toContain(expected);
    }
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `${screenshotDir}forms-confirmation-phone.png`, fullPage: true });

    await page.getByRole('button', { name: '氏名を修正する' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('q-f_name');
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: '次へ' }).click();
    await page.getByRole('button', { name: '確認画面へ' }).click();
    await page.getByRole('heading', { level: 1, name: '入力内容の確認' }).waitFor();

    // The server's BAD_USER_INPUT goes back to the field's page, on the field.
    await page.getByRole('button', { name: '送信する' }).click();
    await page.getByRole('heading', { name: '申込者の情報' }).waitFor();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('住所：番地まで入力してください');
    expect(await page.getByLabel('住所').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('住所').fill('東京都千代田区千代田1-1');
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: '次へ' }).click();
    await page.getByRole('button', { name: '確認画面へ' }).click();
    await page.getByRole('button', { name: '送信する' }).click();

    await page.getByRole('heading', { level: 1, name: '送信しました' }).waitFor();
    expect(await page.getByTestId('receipt-number').textContent()).toBe('20260401-0007');
    expect(await page.getByText('ご登録ありがとうございました。').count()).toBe(1);
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `${screenshotDir}forms-receipt-phone.png`, fullPage: true });

    const sent = calls.filter((c) => c.operationName === 'SubmitForm').at(-1)!;
    expect(sent.variables['input']).toEqual({
      formId: 'form-1',
      versionId: 'v1',
      contactEmail: 'hanako@example.jp',
      answers: {
        f_name: '山田花子',
        f_postal: '100-0001',
        f_address: '東京都千代田区千代田1-1',
        f_phone: '03-1234-5678',
        f_children: true,
        f_birthdays: ['2020-04-01'],
        f_topics: ['o_kosodate'],
        f_support: 'o_nursery',
        f_consent: true,
      },
    });
    // A browser resident has no server draft.
    expect(calls.some((c) => c.operationName === 'SaveFormDraft')).toBe(false);
    // Sent: the device copy is gone.
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 120_000);

  it('hides questions again when the answer that opened them changes, and drops their answers', async () => {
    const KEY = 'Xk2_bW9-qL3nT8vR5zP1yC6hJ0aD4fGe';
    const VIA = 'a'.repeat(96);
    const { context, page, calls } = await openPage({
      responder: formResponder(
        residentForm({ askContactEmail: false, definition: { ...residentForm().definition, confirmation: false } }),
        () => ({
          data: {
            submitForm: {
              __typename: 'SubmitFormPayload',
              submissionId: 's2',
              receiptNumber: 'R-2',
              thankYouMessage: null,
              accessKey: KEY,
            },
          },
        }),
      ),
    });
    // Opened from a delivery's form card: the run's reference rides along with the answer, as given.
    await page.goto(`${baseUrl}?session=signedOut&path=${encodeURIComponent(`/forms/form-1?via=${VIA}`)}`);
    await page.getByLabel('氏名').fill('山田太郎');
    await page.getByLabel('住所').fill('千代田区');
    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByRole('radio', { name: 'はい' }).check();
    await page.getByRole('checkbox', { name: '子育て' }).check();
    await page.getByRole('radio', { name: 'いいえ' }).check();
    expect(await page.getByRole('group', { name: /お子さんの生年月日/ }).count()).toBe(0);
    expect(await page.getByText('2 / 3 ページ').count()).toBe(1);
    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByRole('heading', { name: '確認事項' }).waitFor();
    await page.getByRole('checkbox', { name: '同意する' }).check();
    // Without a confirmation screen the last page sends.
    await page.getByRole('button', { name: '送信する' }).click();
    await page.getByRole('heading', { level: 1, name: '送信しました' }).waitFor();
    const sent = calls.find((c) => c.operationName === 'SubmitForm')!;
    expect(sent.variables['input'].answers).toEqual({ f_name: '山田太郎', f_address: '千代田区', f_children: false, f_consent: true });
    expect(sent.variables['input'].via).toBe(VIA);
    // Without a session, the way back to the status and the city's messages is the key in the link.
    expect(await page.getByRole('link', { name: '受付状況のページを開く' }).getAttribute('href')).toMatch(
      new RegExp(`/submissions/s2#key=${KEY}$`),
    );
    await context.close();
  }, 60_000);

  it('resumes a signed-in resident from the server draft over the prefill, and saves the draft as they type', async () => {
    const { context, page, calls } = await openPage({
      responder: formResponder(
        residentForm({
          prefill: { f_name: '登録済 花子', f_phone: '090-1111-2222' },
          draft: {
            __typename: 'FormDraft',
            answers: { f_name: '下書き 花子', f_children: true },
            pageId: 'p_2',
            savedAt: '2026-04-01T00:00:00.000Z',
          },
        }),
        () => ({ data: null }),
      ),
    });
    await page.goto(`${baseUrl}?session=signedIn&path=/forms/form-1`);
    await page.getByRole('heading', { name: 'ご家族について' }).waitFor();
    expect(await page.getByText('前回の入力内容を復元しました。').count()).toBe(1);
    expect(await page.getByRole('radio', { name: 'はい' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: '戻る' }).click();
    expect(await page.getByLabel('氏名').inputValue()).toBe('下書き 花子');
    expect(await page.getByLabel('電話番号').inputValue()).toBe('090-1111-2222');
    // A signed-in resident gets no contact-address question: the city already knows how to reach them.
    await page.getByLabel('氏名').fill('下書き 花子2');
    await expect.poll(() => calls.filter((c) => c.operationName === 'SaveFormDraft').length, { timeout: 5000 }).toBeGreaterThan(0);
    const saved = calls.filter((c) => c.operationName === 'SaveFormDraft').at(-1)!;
    expect(saved.variables).toMatchObject({ formId: 'form-1', pageId: 'p_1', answers: { f_name: '下書き 花子2', f_children: true } });
    await context.close();
  }, 60_000);

  it('explains why a form cannot be answered, with a LINE login where signing in helps', async () => {
    const { context, page } = await openPage({
      responder: formResponder(
        residentForm({
          access: 'LINE_REQUIRED',
          availability: { __typename: 'FormAvailability', open: false, code: 'SIGN_IN_REQUIRED', reason: null },
        }),
        () => ({ data: null }),
      ),
    });
    await page.goto(`${baseUrl}?session=signedOut&path=/forms/form-1`);
    await page.getByRole('heading', { name: 'このフォームへの回答には、LINEでのログインが必要です。' }).waitFor();
    await page.getByRole('button', { name: 'LINEでログイン' }).click();
    expect(await page.evaluate(() => window.loginRequests)).toBe(1);
    await expectNoSeriousAxeViolations(page);
    await context.close();
  }, 60_000);

  it('renders every field type labelled, with Japanese errors on each, and uploads images with thumbnails and size errors', async () => {
    const { context, page } = await openPage({
      responder: formResponder(residentForm({ definition: everyTypeDefinition, askContactEmail: false }), () => ({ data: null })),
    });
    let uploads = 0;
    await page.route('**/media/uploads*', async (route) => {
      uploads += 1;
      const type = route.request().headers()['content-type'];
      if (uploads === 2) {
        await route.fulfill({
          status: 413,
          contentType: 'application/json',
          body: JSON.stringify({
            errors: [{ message: 'ファイルが大きすぎます（上限 10MB）', extensions: { code: 'BAD_USER_INPUT', reason: 'FILE_TOO_LARGE' } }],
          }),
        });
        return;
      }
      await route.fulfill({
        status: 201,
        contentType: 'application/json',
        body: JSON.stringify({
          id: '0b6a6f8e-3f5c-4a8e-9d2e-1c2b3a4d5e6f',
          contentType: type,
          byteSize: 68,
          url: '/media/x',
          thumbnailUrl: '/media/x/thumbnail',
        }),
      });
    });
    await page.route('**/media/x/thumbnail', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'image/svg+xml',
        body: '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="#2a7"/></svg>',
      }),
    );
    await page.goto(`${baseUrl}?session=signedOut&path=/forms/form-1`);
    await page.getByRole('heading', { name: 'すべての項目' }).waitFor();
    await expectNoSeriousAxeViolations(page);
    expect(await page.getByLabel('電話番号').getAttribute('inputmode')).toBe('tel');
    expect(await page.getByLabel('郵便番号').getAttribute('inputmode')).toBe('numeric');

    await page.getByLabel('フリガナ').fill('やまだ');
    await page.getByLabel('ご意見').fill('あいうえおかきくけこさ');
    await page.getByLabel('人数').fill('１．５');
    await page.getByLabel('メールアドレス').fill('not-an-address');
    await page.getByLabel('電話番号').fill('12');
    await page.getByRole('checkbox', { name: 'イベント' }).check();
    await page.getByRole('checkbox', { name: '防災' }).check();
    await page.getByRole('button', { name: '確認画面へ' }).click();
    const summary = (await page.getByRole('alert').first().textContent()) ?? '';
    for (const expected of [
      'フリガナ：カタカナで入力してください',
      'ご意見：10文字以内で入力してください',
      '人数：整数で入力してください',
      'メールアドレス：正しいメールアドレスを入力してください',
      '電話番号：正しい電話番号を入力してください',
      '関心：1個まで選んでください',
      '市内在住ですか：選択してください',
      '同意：同意が必要です',
    ]) {
      expect(summary).toContain(expected);
    }
    expect(await page.getByText('11 / 10文字（1文字多すぎます）').count()).toBe(1);
    expect(await page.getByRole('radio', { name: 'はい' }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('group', { name: /市内在住ですか/ }).getAttribute('aria-describedby')).toBe('q-yn-error');
    await expectNoSeriousAxeViolations(page);

    const choose = (name: string) =>
      page.getByLabel('写真').evaluate((input: HTMLInputElement, fileName) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array([137, 80, 78, 71])], fileName, { type: 'image/png' }));
        input.files = transfer.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }, name);
    await choose('kouen.png');
    await page.getByRole('img', { name: 'kouen.pngのプレビュー' }).waitFor();
    await expect.poll(() => page.getByText('kouen.pngを添付しました').count()).toBe(1);
    await choose('big.png');
    await expect.poll(() => page.getByText('big.pngは大きすぎます（上限 10MB）').count()).toBe(1);
    expect(await page.getByRole('img').count()).toBe(1);
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `${screenshotDir}forms-every-type-phone.png`, fullPage: true });
    await context.close();
  }, 60_000);

  it('stays readable at 200 % zoom: nothing wider than the screen', async () => {
    // A 390 px phone at 200 % zoom lays out like a 195 px wide window.
    const { context, page } = await openPage({
      responder: formResponder(residentForm(), () => ({ data: null })),
      viewport: { width: 195, height: 422 },
    });
    await page.goto(`${baseUrl}?session=signedOut&path=/forms/form-1`);
    await page.getByRole('heading', { level: 1, name: '子育て情報の登録' }).waitFor();
    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await page.screenshot({ path: `${screenshotDir}forms-page-zoom200.png`, fullPage: true });
    await context.close();
  }, 60_000);
});
