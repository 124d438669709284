/**
 * The public-comment pages in a real browser for public-comment.browser.test.ts: the app's
 * layout, i18n and Apollo client (its requests answered by the test through Playwright's
 * routing), signed out, as a plain browser without LINE.
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
import { ResidentSessionContext, type ResidentSession } from '../../../app/session/resident-session-context';
import { publicCommentRoutes } from '../public-comment.routes';
import '../../../app/global.css';

const liff: LiffClient = {
  isInClient: () => false,
  isLoggedIn: () => false,
  getIDToken: () => null,
  login: () => undefined,
  logout: () => undefined,
  getProfile: () => Promise.resolve({ displayName: '' }),
};
const session: ResidentSession = {
  state: { status: 'signedOut', environment: { liff, inClient: false, mock: false } },
  retry: () => undefined,
  login: () => undefined,
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
      children: [...publicCommentRoutes, { path: 'forms/:formId', element: <h1>意見の提出フォーム</h1> }],
    },
  ],
  { initialEntries: [new URLSearchParams(window.location.search).get('path') ?? '/public-comments'] },
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
