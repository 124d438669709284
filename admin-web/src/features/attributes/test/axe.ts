import { chromium } from 'playwright-core';
import { seriousViolations as violationsOf } from '../../../shared/test-support/axe';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * The serious and critical axe violations of server-rendered HTML, checked in headless Chromium
 * (render tests run in Node without a DOM). Without the app's styles, contrast is judged on
 * defaults: the end-to-end tests check the styled pages.
 */
export async function seriousViolations(html: string): Promise<string[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.setContent(`<!doctype html><html lang="ja"><head><title>test</title></head><body><main>${html}</main></body></html>`);
    return await violationsOf(page);
  } finally {
    await browser.close();
  }
}
