import type { RouteObject } from 'react-router';
import { FormPage } from './pages/form-page';
import { MyAnswersPage } from './pages/my-answers-page';
import { SubmissionPage } from './pages/submission-page';

/** Resident URLs of the forms contract: /liff/forms/<id>, /liff/forms/<id>/mine, /liff/submissions/<id>. */
export const formsRoutes: RouteObject[] = [
  { path: 'forms/:formId', element: <FormPage /> },
  { path: 'forms/:formId/mine', element: <MyAnswersPage /> },
  { path: 'submissions/:submissionId', element: <SubmissionPage /> },
];

/**
 * Paths that open without a resident session: a form may allow plain browsers (FORM-01), and the
 * other pages explain the LINE login themselves instead of the app-wide login screen.
 */
export function isFormsPath(pathname: string, base: string = import.meta.env.BASE_URL): boolean {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return pathname.startsWith(`${prefix}forms/`) || pathname.startsWith(`${prefix}submissions/`);
}
