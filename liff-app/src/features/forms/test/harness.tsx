/**
 * The forms pages in a real browser for form-page.browser.test.ts: the app's layout, i18n and
 * Apollo client (its requests answered by the test through Playwright's routing), with a resident
 * session chosen by `?session=signedIn|signedOut` instead of LIFF.
 */
import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createMemoryRouter, Outlet } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { createApolloClient } from '../../../app/apollo/apollo-client';
import { i18n } from '../../../app/i18n/i18n';
import { AppLayout } from '../../../app/layout/app-layout';
import type { LiffClient } from '../../../app/liff/liff-client';
import type { BootstrapState } from '../../../app/session/bootstrap';
import { ResidentSessionContext, type ResidentSession } from '../../../app/session/resident-session-context';
import { formsRoutes } from '../forms.routes';
import '../../../app/global.css';

declare global {
  interface Window {
    /** How many times the page asked for a LINE login. */
    loginRequests: number;
  }
}
window.loginRequests = 0;

const params = new URLSearchParams(window.location.search);
const liff: LiffClient = {
  isInClient: () => false,
  isLoggedIn: () => params.get('session') === 'signedIn',
  getIDToken: () => null,
  login: () => {
    window.loginRequests += 1;
  },
  logout: () => undefined,
  getProfile: () => Promise.resolve({ displayName: '山田花子' }),
};
const environment = { liff, inClient: false, mock: false };
const state: BootstrapState =
  params.get('session') === 'signedIn'
    ? { status: 'signedIn', environment, resident: { id: 'r1', displayName: '山田花子', pictureUrl: null, language: 'ja' } }
    : { status: 'signedOut', environment };
const session: ResidentSession = {
  state,
  retry: () => undefined,
  login: () => liff.login(),
  relogin: () => undefined,
  signOut: () => Promise.resolve(true),
};

const router = createMemoryRouter(
  [
    {
      element: (
        <AppLayout>
          <Outlet />
        </AppLayout>
      ),
      children: [...formsRoutes, { path: '*', element: <p>home</p> }],
    },
  ],
  { initialEntries: [params.get('path') ?? '/'] },
);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <ApolloProvider client={createApolloClient()}>
        <ResidentSessionContext value={session}>
          <RouterProvider router={router} />
        </ResidentSessionContext>
      </ApolloProvider>
    </I18nextProvider>
  </StrictMode>,
);
