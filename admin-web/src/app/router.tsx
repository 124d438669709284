import { createBrowserRouter } from 'react-router';
import type { RouteObject } from 'react-router';
import { FEATURES } from '../features';
import { ForcedPasswordChangePage } from '../features/auth/pages/forced-password-change-page';
import { ForcedTotpEnrolmentPage } from '../features/auth/pages/forced-totp-enrolment-page';
import { LoginPage } from '../features/auth/pages/login-page';
import { NotFoundResult } from '../shared/ui/not-found-result';
import { RequirePermission } from './auth/require-permission';
import { SessionGate } from './auth/session-gate';
import type { FeatureRoute } from './feature';
import { AppLayout } from './layout/app-layout';

/** The server serves the console under /admin/ (vite `base`). */
export const BASENAME = import.meta.env.BASE_URL.replace(/\/$/, '');

/** A feature's page inside the app layout, behind its permission. */
function featureRoute({ path, permission, page: Page }: FeatureRoute): RouteObject {
  const element = (
    <RequirePermission permission={permission}>
      <Page />
    </RequirePermission>
  );
  return path === '/' ? { index: true, element } : { path: path.replace(/^\//, ''), element };
}

// Feature pages load on first visit (lazyPage); the login and forced steps stay in the entry chunk.
const appRoutes: RouteObject[] = FEATURES.flatMap((feature) => feature.routes ?? []).map(featureRoute);

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    element: <SessionGate mode="passwordChange" />,
    children: [{ path: '/password-change', element: <ForcedPasswordChangePage /> }],
  },
  {
    element: <SessionGate mode="totpEnrolment" />,
    children: [{ path: '/totp-enrolment', element: <ForcedTotpEnrolmentPage /> }],
  },
  {
    element: <SessionGate mode="app" />,
    children: [
      {
        path: '/',
        element: <AppLayout />,
        children: [...appRoutes, { path: '*', element: <NotFoundResult /> }],
      },
    ],
  },
];

export const router = createBrowserRouter(routes, { basename: BASENAME });

/** The router's location without the basename, as routes see it. */
export function currentAppPath(): string {
  const { pathname, search } = router.state.location;
  const stripped = pathname.startsWith(BASENAME) ? pathname.slice(BASENAME.length) || '/' : pathname;
  return stripped + search;
}
