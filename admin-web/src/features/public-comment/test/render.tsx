import { ApolloClient, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { prerenderStatic } from '@apollo/client/react/ssr';
import { MockLink } from '@apollo/client/testing';
import { AxeBuilder } from '@axe-core/playwright';
import { App as AntApp } from 'antd';
import { createInstance } from 'i18next';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { chromium, type Browser } from 'playwright-core';
import { ViewerProvider } from '../../../app/auth/viewer-context';
import { cacheTypePolicies } from '../../../app/cache-policies';
import { consoleTranslation } from '../../../app/i18n-resources';
import { staffViewer } from '../../../shared/test-support/viewer';

/** A page or panel as the server-side renderer sees it once its queries have answered (no DOM in these tests). */
export async function renderHtml(tree: ReactNode, responses: MockLink.MockedResponse[], permissions: string[]): Promise<string> {
  const i18n = createInstance();
  await i18n.init({
    resources: { ja: { translation: consoleTranslation('ja') } },
    lng: 'ja',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  });
  const client = new ApolloClient({
    link: new MockLink(responses),
    cache: new InMemoryCache({ typePolicies: cacheTypePolicies }),
    ssrMode: true,
  });
  const { result } = await prerenderStatic({
    tree: (
      <I18nextProvider i18n={i18n}>
        <AntApp>
          <ApolloProvider client={client}>
            <ViewerProvider viewer={staffViewer(permissions, 'こども政策課')}>
              <MemoryRouter>{tree}</MemoryRouter>
            </ViewerProvider>
          </ApolloProvider>
        </AntApp>
      </I18nextProvider>
    ),
    renderFunction: renderToStaticMarkup,
  });
  return result;
}

let browser: Browser | undefined;

/** Serious and critical axe violations (WCAG 2.2 A/AA) of rendered markup, checked in Chromium. */
export async function seriousAxeViolations(html: string): Promise<string[]> {
  browser ??= await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run'],
  });
  const context = await browser.newContext({ locale: 'ja-JP' });
  const page = await context.newPage();
  try {
    await page.setContent(
      `<!doctype html><html lang="ja"><head><title>パブリックコメント</title></head><body><main>${html}</main></body></html>`,
    );
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  } finally {
    await context.close();
  }
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}
