import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** WCAG 2.2 A/AA (JIS X 8341-3), as the end-to-end tests check. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * The serious and critical axe violations of server-rendered HTML, checked in headless Chromium
 * (render tests run in Node without a DOM). Without the app's styles, contrast is judged on
 * defaults: the end-to-end tests check the styled pages.
 */
export async function seriousViolations(html: string): Promise<string[]> {
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.setContent(`<!doctype html><html lang="ja"><head><title>test</title></head><body><main>${html}</main></body></html>`);
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async (tags) => {
      const axe = (
        window as unknown as {
          axe: {
            run: (
              ctx: Document,
              opts: object,
            ) => Promise<{ violations: Array<{ id: string; impact?: string; nodes: Array<{ target: string[] }> }> }>;
          };
        }
      ).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? '', targets: v.nodes.map((n) => n.target.join(' ')) }));
    }, TAGS);
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.targets.slice(0, 3).join(', ')}`);
  } finally {
    await browser.close();
  }
}
