/**
 * The browser side of the interaction tests (browser-page.ts bundles a feature's entry, which
 * calls `mountFeaturePages`): mounts a feature's routes with the console's providers. Queries and
 * mutations are answered by the test in Node (`window.answerGraphQL`, which records them); a
 * subscription is recorded when it starts (`window.graphQLSubscribed`) and receives what the test
 * publishes (`window.publishGraphQL`).
 */
import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { isSubscriptionOperation } from '@apollo/client/utilities';
import { App as AntApp, ConfigProvider } from 'antd';
import jaJP from 'antd/locale/ja_JP';
import { print } from 'graphql';
import { createInstance } from 'i18next';
import { Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { Observable } from 'rxjs';
import type { Subscriber } from 'rxjs';
import { RequirePermission } from '../../app/auth/require-permission';
import { ViewerProvider } from '../../app/auth/viewer-context';
import { cacheTypePolicies } from '../../app/cache-policies';
import type { ConsoleFeature } from '../../app/feature';
import { THEME } from '../../app/theme';
import { ja as sharedJa } from '../i18n/ja';
import './browser-protocol';
import { staffViewer } from './viewer';

/** Where the page has navigated to, for the test to read. */
function LocationProbe() {
  const location = useLocation();
  return (
    <output data-testid="location" className="visually-hidden">
      {location.pathname}
    </output>
  );
}

const subscribers = new Map<Subscriber<ApolloLink.Result>, string>();

window.publishGraphQL = (operationName, answer) => {
  let reached = 0;
  for (const [subscriber, name] of subscribers) {
    if (name !== operationName) continue;
    subscriber.next(answer as ApolloLink.Result);
    reached++;
  }
  return reached;
};

const link = new ApolloLink(
  (operation) =>
    new Observable<ApolloLink.Result>((observer) => {
      const request = {
        operationName: operation.operationName ?? '',
        variables: operation.variables,
        query: print(operation.query),
        sentAt: Date.now(),
      };
      if (isSubscriptionOperation(operation.query)) {
        // Listening before telling the test, so whatever it publishes next arrives.
        subscribers.set(observer, request.operationName);
        void window.graphQLSubscribed(request);
        return () => {
          subscribers.delete(observer);
        };
      }
      window
        .answerGraphQL(request)
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

/**
 * The theme without antd's motion: a dropdown, dialog or message then opens and closes at once, so
 * no control is still sliding (unclickable, "not stable") or half-faded (failing contrast), and a
 * closing dropdown never lies over the next control, however slowly the machine renders frames.
 */
const TEST_THEME = { ...THEME, token: { ...THEME.token, motion: false } };

/**
 * Mounts `feature`'s routes at the path the test set (`window.browserPageSetup`), with the shared
 * texts, the feature's own and `otherTexts` (other features' texts its pages read, by their key).
 */
export async function mountFeaturePages(feature: ConsoleFeature, otherTexts: Record<string, object> = {}): Promise<void> {
  const setup = window.browserPageSetup;
  const i18n = createInstance();
  await i18n.init({
    resources: { ja: { translation: { ...sharedJa, [feature.key]: feature.i18n.ja, ...otherTexts } } },
    lng: 'ja',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  });
  const client = new ApolloClient({ link, cache: new InMemoryCache({ typePolicies: cacheTypePolicies }) });
  createRoot(document.getElementById('root')!).render(
    <I18nextProvider i18n={i18n}>
      <ConfigProvider locale={jaJP} theme={TEST_THEME} button={{ autoInsertSpace: false }}>
        {/* Messages stay until the test has read them, not the 3 seconds a busy machine may take to look. */}
        <AntApp message={{ duration: 0 }}>
          <ApolloProvider client={client}>
            <ViewerProvider viewer={staffViewer(setup.permissions)}>
              <MemoryRouter initialEntries={[setup.path]}>
                <LocationProbe />
                <main id="main" style={{ padding: 24, maxWidth: 1400 }}>
                  <Suspense fallback={null}>
                    <Routes>
                      {(feature.routes ?? []).map(({ path, permission, page: Page }) => (
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
