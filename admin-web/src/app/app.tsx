import { ApolloProvider } from '@apollo/client/react';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import jaJP from 'antd/locale/ja_JP';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { isLanguage } from '../shared/i18n';
import { apolloClient } from './apollo-client';
import { router } from './router';
import { THEME } from './theme';

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
    <ConfigProvider locale={language === 'en' ? enUS : jaJP} theme={THEME} button={{ autoInsertSpace: false }} form={{ requiredMark }}>
      <AntApp>
        <ApolloProvider client={apolloClient}>
          <RouterProvider router={router} />
        </ApolloProvider>
      </AntApp>
    </ConfigProvider>
  );
}
