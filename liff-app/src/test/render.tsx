import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { i18n } from '../app/i18n/i18n';
import type { Language } from '../app/i18n/language';

/**
 * Renders a component to HTML in the given language (tests run in Node, without a DOM): enough
 * to check what a prop-driven component shows.
 */
export async function renderToHtml(node: ReactNode, language: Language = 'ja'): Promise<string> {
  await i18n.changeLanguage(language);
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <MemoryRouter>{node}</MemoryRouter>
    </I18nextProvider>,
  );
}
