import { FormOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/feature';
import type { ConsoleFeature } from '../../app/feature';
import { en } from './i18n/en';
import { ja } from './i18n/ja';
import type { FormsTranslation } from './i18n/ja';

/**
 * Every page below /forms is guarded like the menu entry (forms.read); the submission pages also
 * need forms.submissions.read and say so themselves, as the server refuses them without it.
 */
export const formsFeature: ConsoleFeature<'forms', FormsTranslation> = {
  key: 'forms',
  i18n: { ja, en },
  nav: [
    {
      key: 'forms',
      path: '/forms',
      icon: <FormOutlined />,
      labelKey: 'forms.nav.label',
      descriptionKey: 'forms.nav.description',
      permission: 'forms.read',
    },
  ],
  routes: [
    {
      path: '/forms',
      permission: 'forms.read',
      page: lazyPage(() => import('./pages/forms-page').then((m) => m.FormsPage)),
    },
    {
      path: '/forms/:id',
      permission: 'forms.read',
      page: lazyPage(() => import('./pages/form-editor-page').then((m) => m.FormEditorPage)),
    },
    {
      path: '/forms/:id/submissions',
      permission: 'forms.read',
      page: lazyPage(() => import('./pages/form-submissions-page').then((m) => m.FormSubmissionsPage)),
    },
    {
      path: '/forms/:id/submissions/:submissionId',
      permission: 'forms.read',
      page: lazyPage(() => import('./pages/form-submission-page').then((m) => m.FormSubmissionPage)),
    },
    {
      path: '/forms/:id/summary',
      permission: 'forms.read',
      page: lazyPage(() => import('./pages/form-summary-page').then((m) => m.FormSummaryPage)),
    },
  ],
};
