/**
 * The browser side of the mail lists' interaction tests: mounts the feature's routes with the
 * console's providers, speaking the protocol of the delivery pages' test-support
 * (deliveries/test-support/browser-page.ts bundles it with `browserPages(MAIL_LISTS_ENTRY)`):
 * every operation is answered by the test in Node through `window.deliveriesAnswer`.
 */
import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { App as AntApp, ConfigProvider } from 'antd';
import jaJP from 'antd/locale/ja_JP';
import { print } from 'graphql';
import { createInstance } from 'i18next';
import { Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { Observable } from 'rxjs';
import { RequirePermission } from '../../../app/auth/require-permission';
import { ViewerProvider } from '../../../app/auth/viewer-context';
import { cacheTypePolicies } from '../../../app/cache-policies';
import type { ViewerFieldsFragment } from '../../../gql/graphql';
import { ja as sharedJa } from '../../../shared/i18n/ja';
import type { BrowserPageSetup, GraphQLAnswer, GraphQLRequest } from '../../deliveries/test-support/browser-protocol';
import { THEME } from '../../deliveries/test-support/browser-protocol';
import { ja as mailListsJa } from '../i18n/ja';
import { mailListsFeature } from '../mail-lists.feature';

declare global {
  interface Window {
    deliveriesAnswer: (request: GraphQLRequest) => Promise<GraphQLAnswer>;
    deliveriesSetup: BrowserPageSetup;
  }
}

function viewer(permissions: string[]): ViewerFieldsFragment {
  return {
    permissions,
    isSystemAdmin: false,
    totpEnrolmentRequired: false,
    mustChangePassword: false,
    ip: '127.0.0.1',
    staff: {
      id: 'staff-1',
      loginId: 'yamada',
      displayName: '山田 太郎',
      totpEnabled: true,
      department: { id: 'dep-1', name: '子育て支援課' },
    },
  };
}

function LocationProbe() {
  const location = useLocation();
  return (
    <output data-testid="location" className="visually-hidden">
      {location.pathname}
    </output>
  );
}

const link = new ApolloLink(
  (operation) =>
    new Observable<ApolloLink.Result>((observer) => {
      window
        .deliveriesAnswer({
          operationName: operation.operationName ?? '',
          variables: operation.variables,
          query: print(operation.query),
          sentAt: Date.now(),
        })
        .then((answer) => {
          observer.next(answer as ApolloLink.Result);
          observer.complete();
        })
        .catch((error: unknown) => {
          observer.error(error);
        });
      return undefined;
    }),
);

/** The theme without motion, as the delivery pages' tests have it: nothing is mid-animation when a test looks. */
const TEST_THEME = { ...THEME, token: { ...THEME.token, motion: false } };

async function mount() {
  const setup = window.deliveriesSetup;
  const i18n = createInstance();
  await i18n.init({
    resources: { ja: { translation: { ...sharedJa, mailLists: mailListsJa } } },
    lng: 'ja',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  });
  const client = new ApolloClient({ link, cache: new InMemoryCache({ typePolicies: cacheTypePolicies }) });
  createRoot(document.getElementById('root')!).render(
    <I18nextProvider i18n={i18n}>
      <ConfigProvider locale={jaJP} theme={TEST_THEME} button={{ autoInsertSpace: false }}>
        <AntApp message={{ duration: 0 }}>
          <ApolloProvider client={client}>
            <ViewerProvider viewer={viewer(setup.permissions)}>
              <MemoryRouter initialEntries={[setup.path]}>
                <LocationProbe />
                <main id="main" style={{ padding: 24, maxWidth: 1400 }}>
                  <Suspense fallback={null}>
                    <Routes>
                      {(mailListsFeature.routes ?? []).map(({ path, permission, page: Page }) => (
                        <Route
                          key={path}
                          path={path}
                          element={
                            <RequirePermission permission={permission}>
                              <Page />
                            </RequirePermission>
                          }
                        />
                      ))}
                      <Route path="*" element={null} />
                    </Routes>
                  </Suspense>
                </main>
              </MemoryRouter>
            </ViewerProvider>
          </ApolloProvider>
        </AntApp>
      </ConfigProvider>
    </I18nextProvider>,
  );
}

void mount();
