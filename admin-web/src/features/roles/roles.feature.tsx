import { SafetyCertificateOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/feature';
import type { ConsoleFeature } from '../../app/feature';
import { en } from './i18n/en';
import { ja } from './i18n/ja';
import type { RolesTranslation } from './i18n/ja';

export const rolesFeature: ConsoleFeature<'roles', RolesTranslation> = {
  key: 'roles',
  i18n: { ja, en },
  nav: [
    {
      key: 'roles',
      path: '/roles',
      icon: <SafetyCertificateOutlined />,
      labelKey: 'roles.nav.label',
      descriptionKey: 'roles.nav.description',
      permission: 'roles.read',
    },
  ],
  routes: [{ path: '/roles', permission: 'roles.read', page: lazyPage(() => import('./pages/roles-page').then((m) => m.RolesPage)) }],
};
