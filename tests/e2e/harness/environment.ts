import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, type NewPageOptions, type PageWithErrors } from './browser.js';
import { startServer, type RunningTestServer, type StartServerOptions } from './server.js';

export interface E2EEnvironment {
  server: RunningTestServer;
  browser: Browser;
  /** server.baseUrl, for short test code */
  baseUrl: string;
  /** A fresh page in its own browser context; closed by teardown(). */
  newPage(options?: NewPageOptions): Promise<PageWithErrors>;
  /** Closes pages and the browser, stops the server and drops its database. Safe to call twice. */
  teardown(): Promise<void>;
}

/**
 * Everything one end-to-end test file needs: a fresh database, the built server serving the built
 * clients, and Chromium. Typical use:
 *
 *   let e2e: E2EEnvironment;
 *   beforeAll(async () => { e2e = await startE2E(); });
 *   afterAll(async () => { await e2e?.teardown(); });
 */
export async function startE2E(options: StartServerOptions = {}): Promise<E2EEnvironment> {
  const server = await startServer(options);
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (error) {
    await server.stop();
    throw error;
  }
  const pages: PageWithErrors[] = [];
  let tornDown = false;
  return {
    server,
    browser,
    baseUrl: server.baseUrl,
    async newPage(pageOptions) {
      const created = await newPage(browser, pageOptions);
      pages.push(created);
      return created;
    },
    async teardown() {
      if (tornDown) return;
      tornDown = true;
      const problems: unknown[] = [];
      for (const { context } of pages.reverse()) await context.close().catch((e: unknown) => problems.push(e));
      await browser.close().catch((e: unknown) => problems.push(e));
      await server.stop().catch((e: unknown) => problems.push(e));
      if (problems.length > 0) throw new AggregateError(problems, 'end-to-end teardown failed');
    },
  };
}
