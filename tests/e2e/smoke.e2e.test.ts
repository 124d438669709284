import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, saveScreenshot, seriousAxeViolations, startE2E, type E2EEnvironment } from './harness/index.js';

describe('smoke: the built product runs', () => {
  let e2e: E2EEnvironment;

  beforeAll(async () => {
    e2e = await startE2E();
  });

  afterAll(async () => {
    await e2e?.teardown();
  });

  it('answers /healthz and /readyz', async () => {
    for (const path of ['/healthz', '/readyz']) {
      const response = await fetch(`${e2e.baseUrl}${path}`);
      expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
    }
  });

  it('shows the admin console login page in Japanese without serious accessibility problems', async () => {
    const { page, pageErrors } = await e2e.newPage();
    const response = await page.goto(`${e2e.baseUrl}/admin/`);
    expect(response?.status()).toBe(200);

    const loginButton = page.getByRole('button', { name: 'ログイン' });
    await loginButton.waitFor({ state: 'visible', timeout: 30_000 });
    await page.getByRole('heading').first().waitFor({ state: 'visible' });
    expect(await page.evaluate(() => document.documentElement.lang)).toMatch(/^ja/);
    await saveScreenshot(page, 'smoke-admin-login');

    const violations = await seriousAxeViolations(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    expect(pageErrors.map(String)).toEqual([]);
  });

  it('serves the LIFF app', async () => {
    const { page } = await e2e.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    const response = await page.goto(`${e2e.baseUrl}/liff/`);
    expect(response?.status()).toBe(200);
    await page.waitForFunction(() => (document.body?.innerText ?? '').trim().length > 0, undefined, { timeout: 30_000 });
    await saveScreenshot(page, 'smoke-liff-home');
  });
});
