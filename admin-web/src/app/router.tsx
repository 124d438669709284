import { lazy } from 'react';
import type { ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import type { RouteObject } from 'react-router';
import { ForcedPasswordChangePage } from '../features/auth/pages/forced-password-change-page';
import { ForcedTotpEnrolmentPage } from '../features/auth/pages/forced-totp-enrolment-page';
import { LoginPage } from '../features/auth/pages/login-page';
import { HomePage } from '../features/home/pages/home-page';
import { NotFoundResult } from '../shared/ui/not-found-result';
import { RequirePermission } from './auth/require-permission';
import { SessionGate } from './auth/session-gate';
import { AppLayout } from './layout/app-layout';
import { NAV_ITEMS } from './navigation';
import type { NavKey } from './navigation';

/** The server serves the console under /admin/ (vite `base`). */
export const BASENAME = import.meta.env.BASE_URL.replace(/\/$/, '');

// Feature pages load on first visit; the login and forced steps stay in the entry chunk.
const AccountPage = lazy(() => import('../features/auth/pages/account-page').then((m) => ({ default: m.AccountPage })));
const ApiKeysPage = lazy(() => import('../features/api-keys/pages/api-keys-page').then((m) => ({ default: m.ApiKeysPage })));
const AuditLogPage = lazy(() => import('../features/audit/pages/audit-log-page').then((m) => ({ default: m.AuditLogPage })));
const DepartmentsPage = lazy(() => import('../features/departments/pages/departments-page').then((m) => ({ default: m.DepartmentsPage })));
const IpAllowlistPage = lazy(() =>
  import('../features/ip-allowlist/pages/ip-allowlist-page').then((m) => ({ default: m.IpAllowlistPage })),
);
const RolesPage = lazy(() => import('../features/roles/pages/roles-page').then((m) => ({ default: m.RolesPage })));
const LineChannelsPage = lazy(() => import('../features/channels/pages/line-channels-page').then((m) => ({ default: m.LineChannelsPage })));
const LineChannelDetailPage = lazy(() =>
  import('../features/channels/pages/line-channel-detail-page').then((m) => ({ default: m.LineChannelDetailPage })),
);
const ResidentsPage = lazy(() => import('../features/residents/pages/residents-page').then((m) => ({ default: m.ResidentsPage })));
const ResidentDetailPage = lazy(() =>
  import('../features/residents/pages/resident-detail-page').then((m) => ({ default: m.ResidentDetailPage })),
);
const StaffListPage = lazy(() => import('../features/staff/pages/staff-list-page').then((m) => ({ default: m.StaffListPage })));

const PAGES: Record<NavKey, ReactNode> = {
  home: <HomePage />,
  residents: <ResidentsPage />,
  channels: <LineChannelsPage />,
  staff: <StaffListPage />,
  departments: <DepartmentsPage />,
  roles: <RolesPage />,
  apiKeys: <ApiKeysPage />,
  ipAllowlist: <IpAllowlistPage />,
  audit: <AuditLogPage />,
  account: <AccountPage />,
};

/** Pages below a menu entry (`/residents/:id`), guarded by the entry's permission. */
const DETAIL_PAGES: Partial<Record<NavKey, ReactNode>> = {
  residents: <ResidentDetailPage />,
  channels: <LineChannelDetailPage />,
};

const appRoutes: RouteObject[] = NAV_ITEMS.flatMap((item): RouteObject[] => {
  if (item.path === '/') return [{ index: true, element: PAGES[item.key] }];
  const routes: RouteObject[] = [
    {
      path: item.path.slice(1),
      element: <RequirePermission permission={item.permission}>{PAGES[item.key]}</RequirePermission>,
    },
  ];
  const detail = DETAIL_PAGES[item.key];
  if (detail) {
    routes.push({
      path: `${item.path.slice(1)}/:id`,
      element: <RequirePermission permission={item.permission}>{detail}</RequirePermission>,
    });
  }
  return routes;
});

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
