import { TeamOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/feature';
import type { ConsoleFeature } from '../../app/feature';
import { en } from './i18n/en';
import { ja } from './i18n/ja';
import type { StaffTranslation } from './i18n/ja';

export const staffFeature: ConsoleFeature<'staff', StaffTranslation> = {
  key: 'staff',
  i18n: { ja, en },
  nav: [
    {
      key: 'staff',
      path: '/staff',
      icon: <TeamOutlined />,
      labelKey: 'staff.nav.label',
      descriptionKey: 'staff.nav.description',
      permission: 'staff.read',
    },
  ],
  routes: [
    { path: '/staff', permission: 'staff.read', page: lazyPage(() => import('./pages/staff-list-page').then((m) => m.StaffListPage)) },
  ],
};
