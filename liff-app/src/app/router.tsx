import { useState } from 'react';
import { createBrowserRouter, Outlet, ScrollRestoration } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { PreviewBanner } from '../features/session/components/preview-banner';
import { HomePage } from '../features/home/pages/home-page';
import { ProfilePage } from '../features/profile/pages/profile-page';
import { AppLayout } from './layout/app-layout';
import { NotFoundPage } from './not-found-page';
import { useCurrentResident } from './session/resident-session-context';

function RootLayout() {
  const { preview } = useCurrentResident();
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
