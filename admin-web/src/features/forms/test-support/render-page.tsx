import { ApolloClient, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { prerenderStatic } from '@apollo/client/react/ssr';
import { MockLink } from '@apollo/client/testing';
import { StyleProvider, createCache, extractStyle } from '@ant-design/cssinjs';
import { App as AntApp, ConfigProvider } from 'antd';
import jaJP from 'antd/locale/ja_JP';
import { createInstance } from 'i18next';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes } from 'react-router';
import { ViewerProvider } from '../../../app/auth/viewer-context';
import { cacheTypePolicies } from '../../../app/cache-policies';
import { consoleTranslation } from '../../../app/i18n-resources';
import { THEME } from '../../../app/theme';
import { seriousViolations } from '../../../shared/test-support/axe';
import { staffViewer } from '../../../shared/test-support/viewer';

export interface RenderOptions {
  responses: MockLink.MockedResponse[];
  permissions: string[];
  /** The URL rendered, e.g. `/forms/form-1`. */
  path: string;
  /** The route pattern of the page, e.g. `/forms/:id`. */
  route: string;
}

export interface RenderedPage {
  /** The page's markup. */
  html: string;
  /** A whole document: the markup with antd's and the console's styles, for axe and screenshots. */
  document: string;
}

/** The page as the server-side renderer sees it once its queries have answered (tests run without a DOM). */
export async function renderPage(page: ReactNode, options: RenderOptions): Promise<RenderedPage> {
  const i18n = createInstance();
  await i18n.init({
    resources: { ja: { translation: consoleTranslation('ja') } },
    lng: 'ja',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  });
  const client = new ApolloClient({
    link: new MockLink(options.responses),
    cache: new InMemoryCache({ typePolicies: cacheTypePolicies }),
    ssrMode: true,
  });
  const styles = createCache();
  const { result } = await prerenderStatic({
    tree: (
      <StyleProvider cache={styles}>
        <I18nextProvider i18n={i18n}>
          <ConfigProvider locale={jaJP} theme={THEME} button={{ autoInsertSpace: false }}>
            <AntApp>
              <ApolloProvider client={client}>
                <ViewerProvider viewer={staffViewer(options.permissions, '市民協働課')}>
                  <MemoryRouter initialEntries={[options.path]}>
                    <Routes>
                      <Route path={options.route} element={page} />
                    </Routes>
                  </MemoryRouter>
                </ViewerProvider>
              </ApolloProvider>
            </AntApp>
          </ConfigProvider>
        </I18nextProvider>
      </StyleProvider>
    ),
    renderFunction: renderToStaticMarkup,
  });
  const markup = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>test</title>${extractStyle(styles)}<style>${appCss}</style></head><body><main id="main" style="padding:24px;max-width:1400px">${result}</main></body></html>`;
  return { html: result, document: markup };
}

// Read from disk: vitest stubs CSS imports, `?raw` included.
const appCss = readFileSync(new URL('../../../app/styles.css', import.meta.url), 'utf8');

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** One headless Chromium for a test file: `const axe = axeChecker(); afterAll(axe.close)`. */
export function axeChecker() {
  let browser: Promise<Browser> | null = null;
  return {
    /** The serious and critical WCAG 2.2 A/AA violations of a rendered document; writes a screenshot when FORMS_SCREENSHOT_DIR is set. */
    async violations(markup: string, screenshotName?: string): Promise<string[]> {
      browser ??= chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
      const page = await (await browser).newPage({ viewport: { width: 1400, height: 900 } });
      try {
        await page.setContent(markup);
        const dir = process.env['FORMS_SCREENSHOT_DIR'];
        if (dir && screenshotName) await page.screenshot({ path: `${dir}/${screenshotName}.png`, fullPage: true });
        return await seriousViolations(page);
      } finally {
        await page.close();
      }
    },
    async close(): Promise<void> {
      if (browser) await (await browser).close();
    },
  };
}
