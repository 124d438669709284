/**
 * The browser side of the interaction tests (browser-page.ts bundles it): mounts the delivery
 * feature's routes with the console's providers. Queries and mutations are answered by the test in
 * Node (`window.deliveriesAnswer`, which records them); a subscription is recorded when it starts
 * (`window.deliveriesSubscribed`) and receives what the test publishes (`window.deliveriesPublish`).
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
import { RequirePermission } from '../../../app/auth/require-permission';
import { ViewerProvider } from '../../../app/auth/viewer-context';
import { cacheTypePolicies } from '../../../app/cache-policies';
import type { ViewerFieldsFragment } from '../../../gql/graphql';
import { ja as sharedJa } from '../../../shared/i18n/ja';
import { deliveriesFeature } from '../deliveries.feature';
import { ja as deliveriesJa } from '../i18n/ja';
import type { BrowserPageSetup, GraphQLAnswer, GraphQLRequest } from './browser-protocol';
import { THEME } from './browser-protocol';

declare global {
  interface Window {
    deliveriesAnswer: (request: GraphQLRequest) => Promise<GraphQLAnswer>;
    deliveriesSubscribed: (request: GraphQLRequest) => Promise<void>;
    deliveriesPublish: (operationName: string, answer: GraphQLAnswer) => number;
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

window.deliveriesPublish = (operationName, answer) => {
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
        void window.deliveriesSubscribed(request);
        return () => {
          subscribers.delete(observer);
        };
      }
      window
        .deliveriesAnswer(request)
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

async function mount() {
  const setup = window.deliveriesSetup;
  const i18n = createInstance();
  await i18n.init({
    resources: { ja: { translation: { ...sharedJa, deliveries: deliveriesJa } } },
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
            <ViewerProvider viewer={viewer(setup.permissions)}>
              <MemoryRouter initialEntries={[setup.path]}>
                <LocationProbe />
                <main id="main" style={{ padding: 24, maxWidth: 1400 }}>
                  <Suspense fallback={null}>
                    <Routes>
                      {(deliveriesFeature.routes ?? []).map(({ path, permission, page: Page }) => (
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
