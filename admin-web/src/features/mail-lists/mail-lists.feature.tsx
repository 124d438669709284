import { ContactsOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/feature';
import type { ConsoleFeature } from '../../app/feature';
import { en } from './i18n/en';
import { ja } from './i18n/ja';
import type { MailListsTranslation } from './i18n/ja';

/**
 * Mail lists (SEG-05) are read with mail_lists.read (addresses masked); their addresses whole need
 * mail_lists.read_personal; creating, changing, importing and removing need mail_lists.manage.
 */
export const mailListsFeature: ConsoleFeature<'mailLists', MailListsTranslation> = {
  key: 'mailLists',
  i18n: { ja, en },
  nav: [
    {
      key: 'mailLists',
      path: '/mail-lists',
      icon: <ContactsOutlined />,
      labelKey: 'mailLists.nav.label',
      descriptionKey: 'mailLists.nav.description',
      permission: 'mail_lists.read',
    },
  ],
  routes: [
    {
      path: '/mail-lists',
      permission: 'mail_lists.read',
      page: lazyPage(() => import('./pages/mail-lists-page').then((m) => m.MailListsPage)),
    },
    {
      path: '/mail-lists/:id',
      permission: 'mail_lists.read',
      page: lazyPage(() => import('./pages/mail-list-page').then((m) => m.MailListPage)),
    },
  ],
};
