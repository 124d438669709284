import { ApolloProvider } from '@apollo/client/react';
import { App as AntApp, ConfigProvider } from 'antd';
import type { ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import jaJP from 'antd/locale/ja_JP';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { isLanguage } from '../shared/i18n';
import { apolloClient } from './apollo-client';
import { router } from './router';

/** Colours chosen for WCAG AA contrast on white (4.5:1 or better for text). */
const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0b6b35',
    colorLink: '#0b6b35',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextDescription: 'rgba(0, 0, 0, 0.68)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorError: '#cf1322',
    borderRadius: 6,
    fontFamily: "'Noto Sans JP', 'Hiragino Kaku Gothic ProN', 'Hiragino Sans', Meiryo, system-ui, -apple-system, 'Segoe UI', sans-serif",
    fontSize: 15,
  },
};

/** A visual asterisk only: antd's own mark would make "* ログインID" the field's accessible name. */
function requiredMark(label: ReactNode, { required }: { required: boolean }) {
  return (
    <>
      {label}
      {required ? (
        <span className="required-mark" aria-hidden="true">
          *
        </span>
      ) : null}
    </>
  );
}

export function App() {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ja';
  return (
    // autoInsertSpace off: antd would render "登録" as "登 録", which breaks accessible names.
    <ConfigProvider locale={language === 'en' ? enUS : jaJP} theme={theme} button={{ autoInsertSpace: false }} form={{ requiredMark }}>
      <AntApp>
        <ApolloProvider client={apolloClient}>
          <RouterProvider router={router} />
        </ApolloProvider>
      </AntApp>
    </ConfigProvider>
  );
}
