import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath } from './paths.js';

/** Debian's chromium, headless, quiet (no network of its own: no updates, sync or QUIC). */
export const chromiumArgs = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`no browser at ${chromiumPath}: run \`bash scripts/setup.sh\` (installs Debian's chromium) or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

export interface PageWithErrors {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions thrown in the page. */
  pageErrors: Error[];
  /** console.error messages. */
  consoleErrors: string[];
}

export interface NewPageOptions {
  /** Defaults to ja-JP: the product is Japanese first. */
  locale?: string;
  viewport?: { width: number; height: number };
  /** e.g. a phone for LIFF pages: { width: 390, height: 844 } */
  isMobile?: boolean;
}

/** A page in its own context (own cookies and storage), in Japanese and Tokyo time. */
export async function newPage(browser: Browser, options: NewPageOptions = {}): Promise<PageWithErrors> {
  const context = await browser.newContext({
    locale: options.locale ?? 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    viewport: options.viewport ?? { width: 1280, height: 800 },
    isMobile: options.isMobile ?? false,
  });
  const page = await context.newPage();
  const pageErrors: Error[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  return { context, page, pageErrors, consoleErrors };
}
