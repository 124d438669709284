import { useState } from 'react';
import { createBrowserRouter, Outlet, ScrollRestoration } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { formsRoutes } from '../features/forms/forms.routes';
import { linksRoutes } from '../features/links/links.routes';
import { publicCommentRoutes } from '../features/public-comment/public-comment.routes';
import { PreviewBanner } from '../features/session/components/preview-banner';
import { HomePage } from '../features/home/pages/home-page';
import { ProfilePage } from '../features/profile/pages/profile-page';
import { SettingsPage } from '../features/settings/pages/settings-page';
import { AppLayout } from './layout/app-layout';
import { NotFoundPage } from './not-found-page';
import { useResidentSession } from './session/resident-session-context';

function RootLayout() {
  // Form pages also render without a resident (plain browsers), so ask the session, not the resident.
  const preview = useResidentSession().state.status === 'preview';
  return (
    <AppLayout>
      {preview ? <PreviewBanner /> : null}
      <Outlet />
      <ScrollRestoration />
    </AppLayout>
  );
}

export function createAppRouter() {
  return createBrowserRouter(
    [
      {
        element: <RootLayout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'profile', element: <ProfilePage /> },
          { path: 'settings', element: <SettingsPage /> },
          ...formsRoutes,
          ...linksRoutes,
          ...publicCommentRoutes,
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
    // '/liff/' → '/liff'
    { basename: import.meta.env.BASE_URL.replace(/\/$/, '') || '/' },
  );
}

/**
 * Created on first render, not at import: LIFF's init may still rewrite the URL (liff.state)
 * before the resident is signed in.
 */
export function AppRouter() {
  const [router] = useState(createAppRouter);
  return <RouterProvider router={router} />;
}
