import type { RouteObject } from 'react-router';
import { OpenLinkPage } from './pages/open-link-page';

/** /liff/r/<token>: a link from a delivery sent through the LIFF app (docs/adr/0016). */
export const linksRoutes: RouteObject[] = [{ path: 'r/:token', element: <OpenLinkPage /> }];

/** Paths that open without a resident session: a link must lead to its page in any browser. */
export function isLinkPath(pathname: string, base: string = import.meta.env.BASE_URL): boolean {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return pathname.startsWith(`${prefix}r/`);
}
