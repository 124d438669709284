import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { build } from 'vite';
import type { Rolldown } from 'vite';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { formEngineAlias } from '../../../vite.config';
import { seriousViolations } from './axe';
import type { BrowserPageSetup, GraphQLAnswer, GraphQLRequest } from './browser-protocol';

/**
 * Interaction tests of a feature's pages in headless Chromium: the render tests elsewhere run in
 * Node without a DOM, which cannot type, click, upload, wait for a debounced count or follow a
 * live run. The pages are bundled once per test file with the console's own Vite, every query and
 * mutation they send is answered by the test (and recorded), and what a subscription receives the
 * test publishes, so a test states what staff do and what they then see.
 *
 * CI runs these on two busy cores: a test waits only for what it can observe (a locator, a
 * recorded request, `expect.poll`), never for a fixed time, and a test about time moves the
 * page's clock itself (`open(..., { clock: true })`).
 */

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const SCRIPT = '/pages.js';
const ADMIN_WEB = fileURLToPath(new URL('../../..', import.meta.url));
/** Bundling and starting Chromium on a loaded machine: slow, but once per file. */
const START_TIMEOUT_MS = 180_000;
// Read from disk: vitest stubs CSS imports.
const APP_CSS = readFileSync(new URL('../../app/styles.css', import.meta.url), 'utf8');

/** A feature's pages as the browser tests load them. */
export interface BrowserEntry {
  /** The feature's test-support/browser-entry.tsx (it calls `mountFeaturePages`). */
  file: string;
  /** Where the page is served from (`http://deliveries.test`); a test may name it in the URLs it expects. */
  origin: string;
  /** The document's title. */
  title: string;
  /** The environment variable that names a folder for `screenshot` (`DELIVERIES_SCREENSHOT_DIR`). */
  screenshotVariable: string;
}

async function bundle(entry: string): Promise<string> {
  const output = (await build({
    configFile: false,
    root: ADMIN_WEB,
    logLevel: 'warn',
    mode: 'development',
    plugins: [react()],
    // The server code the console runs (the message composer) under the names it imports.
    resolve: { alias: formEngineAlias },
    define: { 'process.env.NODE_ENV': JSON.stringify('development') },
    build: {
      write: false,
      minify: false,
      sourcemap: false,
      emptyOutDir: false,
      lib: { entry, formats: ['iife'], name: 'consolePages', fileName: () => SCRIPT.slice(1) },
    },
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const outputs = Array.isArray(output) ? output : [output];
  const chunk = outputs.flatMap((o) => o.output).find((file) => file.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error(`the pages of ${entry} did not bundle`);
  return chunk.code;
}

export type Answerer = (request: GraphQLRequest) => GraphQLAnswer | Promise<GraphQLAnswer>;

export interface OpenOptions {
  /**
   * Installs Playwright's clock before the page loads: time flows as usual until the test pauses
   * it (`page.clock.pauseAt`), then moves only by `page.clock.runFor`.
   */
  clock?: boolean;
}

export interface OpenedPage {
  page: Page;
  /** Every operation the page sent, in order. */
  requests: GraphQLRequest[];
  /** The operations of one name the page sent so far (subscriptions once they have started). */
  sent: (operationName: string) => GraphQLRequest[];
  /** Hands a subscription's event to the page's subscribers of that operation; how many there were. */
  publish: (operationName: string, answer: GraphQLAnswer) => Promise<number>;
  /** The router's current path. */
  location: () => Promise<string>;
  /** Errors the page logged (React's warnings included), which a test expects to be none. */
  consoleErrors: string[];
  /** The serious and critical axe violations of the page as it is now (open dropdowns and dialogs included). */
  violations: () => Promise<string[]>;
  /** A full-page screenshot to the entry's screenshot folder when its variable is set (for looking at the pages), else nothing. */
  screenshot: (name: string) => Promise<void>;
}

/** For `expect.poll` on a loaded machine (its own default gives up after one second). */
export const POLL = { timeout: 30_000, interval: 50 } as const;

/** Lets finite animations end (a half-faded text fails contrast, and a screenshot would catch it mid-way). */
async function animationsSettled(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}

/**
 * One bundle of `entry` and one Chromium for a test file, started before its first test; each
 * test's pages get a browser context of their own, closed after the test (a page left running
 * would keep rendering and answering beside the next test). Call once at the top of a test file.
 */
export function browserPages(entry: BrowserEntry) {
  let browser: Browser | null = null;
  let script = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const launched = chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    // Both settle before either is used, so a failed bundle never leaves a browser running.
    const [code, started] = await Promise.allSettled([bundle(entry.file), launched]);
    if (started.status === 'fulfilled') browser = started.value;
    if (code.status === 'rejected') throw code.reason;
    if (started.status === 'rejected') throw started.reason;
    script = code.value;
  }, START_TIMEOUT_MS);
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  }, 60_000);

  return {
    async open(setup: BrowserPageSetup, answer: Answerer, options: OpenOptions = {}): Promise<OpenedPage> {
      if (!browser) throw new Error('the browser did not start (see beforeAll)');
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
      contexts.push(context);
      const page = await context.newPage();
      if (options.clock) await page.clock.install();
      const requests: GraphQLRequest[] = [];
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(error.message));
      await page.exposeFunction('answerGraphQL', async (request: GraphQLRequest) => {
        requests.push(request);
        return answer(request);
      });
      await page.exposeFunction('graphQLSubscribed', (request: GraphQLRequest) => {
        requests.push(request);
      });
      await page.addInitScript((value) => {
        window.browserPageSetup = value;
      }, setup);
      await page.route(`${entry.origin}/**`, (route) => {
        const url = new URL(route.request().url());
        if (url.pathname === SCRIPT) return route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: script });
        return route.fulfill({
          contentType: 'text/html; charset=utf-8',
          body: `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>${entry.title}</title><style>${APP_CSS}</style></head><body><div id="root"></div><script src="${SCRIPT}"></script></body></html>`,
        });
      });
      await page.goto(`${entry.origin}/`);
      return {
        page,
        requests,
        sent: (operationName) => requests.filter((r) => r.operationName === operationName),
        publish: (operationName, event) =>
          page.evaluate(([name, value]) => window.publishGraphQL(name, value), [operationName, event] as const),
        location: async () => (await page.getByTestId('location').textContent()) ?? '',
        consoleErrors,
        violations: async () => {
          await animationsSettled(page);
          return seriousViolations(page);
        },
        screenshot: async (name) => {
          const dir = process.env[entry.screenshotVariable];
          if (!dir) return;
          await animationsSettled(page);
          await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true, animations: 'disabled' });
        },
      };
    },
  };
}

/** The one open antd dropdown (a Select's or a TreeSelect's). */
const openDropdown = (page: Page) => page.locator('.ant-select-dropdown:visible');

/**
 * Opens an antd Select (or TreeSelect) found by its label, clicks each of `items` in its dropdown,
 * then closes it and waits until it is gone: the next control may sit where the dropdown was, and
 * a dropdown still open would take its click.
 */
async function pick(scope: Page | Locator, label: string, items: Array<(dropdown: Locator) => Locator>): Promise<void> {
  const page = 'page' in scope ? scope.page() : scope;
  const select = scope.getByLabel(label, { exact: true });
  await select.click();
  await select.and(page.locator('[aria-expanded="true"]')).waitFor();
  for (const item of items) await item(openDropdown(page)).click();
  // A single choice closes its dropdown itself; a multiple one stays open for more.
  if ((await select.getAttribute('aria-expanded')) === 'true') await select.press('Escape');
  await select.and(page.locator('[aria-expanded="false"]')).waitFor();
  await openDropdown(page).waitFor({ state: 'hidden' });
}

/** Picks an option of an antd Select (or each of several, for a multiple one) found by its label. */
export async function choose(scope: Page | Locator, label: string, ...options: string[]): Promise<void> {
  await pick(
    scope,
    label,
    options.map((option) => (dropdown) => dropdown.locator(`.ant-select-item-option[title="${option}"]`)),
  );
}

/** Picks entries of an antd TreeSelect found by its label. */
export async function chooseInTree(scope: Page | Locator, label: string, ...titles: string[]): Promise<void> {
  await pick(
    scope,
    label,
    titles.map((title) => (dropdown) => dropdown.locator(`.ant-select-tree-node-content-wrapper[title="${title}"]`)),
  );
}

/** Types a day into an antd DatePicker found by its label and confirms it, waiting until its calendar has closed. */
export async function typeDay(scope: Page | Locator, label: string, day: string): Promise<void> {
  const page = 'page' in scope ? scope.page() : scope;
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  const calendar = page.locator('.ant-picker-dropdown:visible');
  await calendar.waitFor();
  await input.fill(day);
  await input.press('Enter');
  await calendar.waitFor({ state: 'hidden' });
}

/** Chooses an antd radio (a plain one or a button) by its name: its input is hidden, so this clicks its label. */
export async function pickRadio(scope: Page | Locator, name: string): Promise<void> {
  const radio = scope.getByRole('radio', { name, exact: true });
  await scope.locator('label', { has: radio }).click();
  await expect.poll(() => radio.isChecked(), POLL).toBe(true);
}
