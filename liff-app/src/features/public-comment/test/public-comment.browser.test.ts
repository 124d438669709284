/**
 * The public-comment pages in Chromium (Debian's, as the end-to-end suite uses), signed out as a
 * plain browser: the harness is served by Vite, GraphQL is answered here, and axe checks each
 * page at a phone's width and at 200 % zoom.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const liffRoot = decodeURIComponent(new URL('../../../../', import.meta.url).pathname);
const chromiumPath = (import.meta.env['CHROMIUM_PATH'] as string | undefined) ?? '/usr/bin/chromium';
const PHONE = { width: 390, height: 844 };

let server: ViteDevServer;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  server = await createServer({
    root: liffRoot,
    configFile: `${liffRoot}vite.config.ts`,
    logLevel: 'error',
    server: { port: 0, strictPort: false, hmr: false },
    optimizeDeps: { entries: ['src/features/public-comment/test/harness.html'] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('vite did not listen');
  baseUrl = `http://localhost:${address.port}/liff/src/features/public-comment/test/harness.html`;
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

const hour = 3_600_000;
const iso = (offsetHours: number) => new Date(Date.UTC(2026, 11, 1, 0, 0) + offsetHours * hour).toISOString();

const procedure = (overrides: Record<string, unknown> = {}) => ({
  __typename: 'PublishedPublicComment',
  id: 'pc-1',
  title: '第2次こども計画（案）',
  summary: 'こどもと子育て家庭を支える5年間の計画案です。',
  departmentName: 'こども政策課',
  opensAt: iso(0),
  closesAt: iso(24 * 30),
  status: 'OPEN',
  acceptingOpinions: true,
  resultPublishedAt: null,
  body: '計画案の全文は資料をご覧ください。\n説明会の日程は https://city.example.jp/kodomo をご覧ください。',
  formPath: '/liff/forms/form-9',
  documents: [
    {
      __typename: 'PublishedPublicCommentDocument',
      id: 'd1',
      title: '計画案（本文）',
      url: 'https://city.example.jp/media/public/d1',
      contentType: 'application/pdf',
      byteSize: 1_300_000,
    },
    {
      __typename: 'PublishedPublicCommentDocument',
      id: 'd2',
      title: '計画案（概要版）',
      url: 'https://city.example.jp/media/public/d2',
      contentType: 'image/png',
      byteSize: 250_000,
    },
  ],
  ...overrides,
});

const result = {
  __typename: 'PublicCommentResult',
  procedureId: 'pc-2',
  title: '下水道ビジョン（案）',
  departmentName: '上下水道局 経営企画課',
  opensAt: iso(-24 * 90),
  closesAt: iso(-24 * 60),
  publishedAt: iso(-24 * 5),
  introduction: 'ご意見をお寄せいただき、ありがとうございました。',
  totalOpinions: 3,
  csvPath: '/api/public-comments/pc-2/result.csv',
  groups: [
    {
      __typename: 'PublicCommentResultGroup',
      number: 1,
      title: '料金について',
      summary: '料金改定の理由を丁寧に説明してほしい。',
      response: '改定の理由と使い道を、広報誌とホームページでお知らせします。',
      count: 2,
    },
    {
      __typename: 'PublicCommentResultGroup',
      number: 2,
      title: '浸水対策について',
      summary: '大雨のときの浸水対策を急いでほしい。',
      response: '雨水管の整備を優先して進めます。',
      count: 1,
    },
  ],
};

type Answer = (operationName: string, variables: Record<string, unknown>) => unknown;

async function open(path: string, answer: Answer, viewport = PHONE): Promise<{ page: Page; close: () => Promise<void>; errors: Error[] }> {
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.route('**/graphql', async (route) => {
    const body = route.request().postDataJSON() as { operationName: string; variables: Record<string, unknown> };
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(answer(body.operationName, body.variables)) });
  });
  await page.goto(`${baseUrl}?path=${encodeURIComponent(path)}`);
  return { page, errors, close: () => context.close() };
}

async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Nothing wider than the screen: readable at 200 % zoom (WCAG 1.4.10 reflow). */
async function expectNoHorizontalScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
}

describe('public comment pages (browser, no sign-in)', { timeout: 60_000 }, () => {
  it('lists open, upcoming and closed procedures and leads to one', async () => {
    const { page, close, errors } = await open('/public-comments', (op) =>
      op === 'PublishedPublicComments'
        ? {
            data: {
              publishedPublicComments: [
                procedure(),
                procedure({
                  id: 'pc-3',
                  title: '市民会館の再整備方針（案）',
                  status: 'SCHEDULED',
                  acceptingOpinions: false,
                  opensAt: iso(24 * 40),
                  closesAt: iso(24 * 70),
                }),
                procedure({ id: 'pc-2', title: '下水道ビジョン（案）', status: 'RESULT_PUBLISHED', acceptingOpinions: false }),
              ],
            },
          }
        : op === 'PublishedPublicComment'
          ? { data: { publishedPublicComment: procedure() } }
          : { errors: [{ message: op }] },
    );
    try {
      await page.getByRole('heading', { level: 1, name: 'パブリックコメント（意見募集）' }).waitFor();
      expect(await page.getByRole('main').getByRole('heading', { level: 2 }).allTextContents()).toEqual([
        '意見募集中',
        '募集開始前',
        '募集を終了した案件',
      ]);
      expect(await page.getByText('2026年12月1日 9:00 から 2026年12月31日 9:00 まで').count()).toBeGreaterThan(0);
      await expectNoSeriousAxeViolations(page);
      await page.getByRole('link', { name: /第2次こども計画/ }).click();
      await page.getByRole('heading', { level: 1, name: '第2次こども計画（案）' }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows a procedure with its period and documents, and sends residents to the opinion form', async () => {
    const { page, close } = await open('/public-comments/pc-1', (op) => ({ data: { publishedPublicComment: procedure() }, op }));
    try {
      await page.getByRole('heading', { level: 1, name: '第2次こども計画（案）' }).waitFor();
      await expect
        .poll(() => page.getByRole('link', { name: /計画案（本文）/ }).getAttribute('href'))
        .toBe('https://city.example.jp/media/public/d1');
      expect(await page.getByText('PDF、1.2MB（新しいタブで開きます）').count()).toBe(1);
      expect(await page.getByRole('link', { name: 'https://city.example.jp/kodomo' }).getAttribute('rel')).toBe('noopener noreferrer');
      await expectNoSeriousAxeViolations(page);
      await page.getByRole('link', { name: '意見を提出する' }).click();
      await page.getByRole('heading', { level: 1, name: '意見の提出フォーム' }).waitFor();
    } finally {
      await close();
    }
  });

  it('says why no opinion can be sent before the period, and offers the result once published', async () => {
    const scheduled = await open('/public-comments/pc-3', () => ({
      data: { publishedPublicComment: procedure({ status: 'SCHEDULED', acceptingOpinions: false, opensAt: iso(24 * 40) }) },
    }));
    try {
      await scheduled.page.getByText('意見の募集は 2027年1月10日 9:00 から始まります。').waitFor();
      expect(await scheduled.page.getByRole('link', { name: '意見を提出する' }).count()).toBe(0);
      await expectNoSeriousAxeViolations(scheduled.page);
    } finally {
      await scheduled.close();
    }
    const published = await open('/public-comments/pc-2', () => ({
      data: { publishedPublicComment: procedure({ id: 'pc-2', status: 'RESULT_PUBLISHED', acceptingOpinions: false }) },
    }));
    try {
      await published.page.getByRole('link', { name: '意見の概要と市の考え方を見る' }).waitFor();
    } finally {
      await published.close();
    }
  });

  it('shows 「意見の概要と市の考え方」 with counts and the CSV, readable at 200 % zoom', async () => {
    const { page, close } = await open('/public-comments/pc-2/result', (op) =>
      op === 'PublicCommentResult' ? { data: { publicCommentResult: result } } : { errors: [{ message: op }] },
    );
    try {
      await page.getByRole('heading', { level: 1, name: '意見の概要と市の考え方' }).waitFor();
      expect(await page.getByRole('main').getByRole('heading', { level: 2 }).allTextContents()).toEqual([
        '1. 料金について',
        '2. 浸水対策について',
      ]);
      expect(await page.getByText('2件', { exact: true }).count()).toBe(1);
      expect(await page.getByRole('link', { name: 'CSVでダウンロード' }).getAttribute('href')).toBe('/api/public-comments/pc-2/result.csv');
      await expectNoSeriousAxeViolations(page);
    } finally {
      await close();
    }
    const zoomed = await open('/public-comments/pc-2/result', () => ({ data: { publicCommentResult: result } }), {
      width: 195,
      height: 422,
    });
    try {
      await zoomed.page.getByRole('heading', { level: 1, name: '意見の概要と市の考え方' }).waitFor();
      await expectNoHorizontalScroll(zoomed.page);
      await expectNoSeriousAxeViolations(zoomed.page);
    } finally {
      await zoomed.close();
    }
  });

  it('answers an unpublished result and a draft as not found, with the way back', async () => {
    const notFound = { data: null, errors: [{ message: '結果が見つかりません。', extensions: { code: 'NOT_FOUND' } }] };
    const { page, close } = await open('/public-comments/pc-9/result', () => notFound);
    try {
      await page.getByText('この案件の「意見の概要と市の考え方」はまだ公表されていません。').waitFor();
      await page.getByRole('link', { name: 'パブリックコメントの一覧に戻る' }).waitFor();
      await expectNoSeriousAxeViolations(page);
    } finally {
      await close();
    }
  });
});
