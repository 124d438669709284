import type { RouteObject } from 'react-router';
import { PublicCommentPage } from './pages/public-comment-page';
import { PublicCommentResultPage } from './pages/public-comment-result-page';
import { PublicCommentsPage } from './pages/public-comments-page';

/** /liff/public-comments, /liff/public-comments/<id>, /liff/public-comments/<id>/result: open to anyone. */
export const publicCommentRoutes: RouteObject[] = [
  { path: 'public-comments', element: <PublicCommentsPage /> },
  { path: 'public-comments/:id', element: <PublicCommentPage /> },
  { path: 'public-comments/:id/result', element: <PublicCommentResultPage /> },
];

/** Paths that open without a resident session: public comment needs no sign-in (FORM-12). */
export function isPublicCommentPath(pathname: string, base: string = import.meta.env.BASE_URL): boolean {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return pathname === `${prefix}public-comments` || pathname.startsWith(`${prefix}public-comments/`);
}
