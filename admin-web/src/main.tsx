import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { consoleTranslation } from './app/i18n-resources';
import { installSessionEventHandler } from './app/session-events-handler';
import { initI18n, isLanguage } from './shared/i18n';
import { applyLanguage } from './shared/i18n/language';
import './app/styles.css';

const i18n = initI18n({ ja: consoleTranslation('ja'), en: consoleTranslation('en') });
applyLanguage(isLanguage(i18n.language) ? i18n.language : 'ja');
installSessionEventHandler();

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
