import { UserOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/feature';
import type { ConsoleFeature } from '../../app/feature';
import { en } from './i18n/en';
import { ja } from './i18n/ja';
import type { AuthTranslation } from './i18n/ja';

/**
 * The account settings page. Login and the forced steps (password change, TOTP enrolment) are
 * the session gate's, outside the app layout: `app/router.tsx` mounts them.
 */
export const authFeature: ConsoleFeature<'auth', AuthTranslation> = {
  key: 'auth',
  i18n: { ja, en },
  nav: [
    {
      key: 'account',
      path: '/account',
      icon: <UserOutlined />,
      labelKey: 'auth.nav.label',
      descriptionKey: 'auth.nav.description',
      placement: 'header',
    },
  ],
  routes: [{ path: '/account', page: lazyPage(() => import('./pages/account-page').then((m) => m.AccountPage)) }],
};
