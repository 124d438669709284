import { ApartmentOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/feature';
import type { ConsoleFeature } from '../../app/feature';
import { en } from './i18n/en';
import { ja } from './i18n/ja';
import type { DepartmentsTranslation } from './i18n/ja';

export const departmentsFeature: ConsoleFeature<'departments', DepartmentsTranslation> = {
  key: 'departments',
  i18n: { ja, en },
  nav: [
    {
      key: 'departments',
      path: '/departments',
      icon: <ApartmentOutlined />,
      labelKey: 'departments.nav.label',
      descriptionKey: 'departments.nav.description',
      permission: 'departments.read',
    },
  ],
  routes: [
    {
      path: '/departments',
      permission: 'departments.read',
      page: lazyPage(() => import('./pages/departments-page').then((m) => m.DepartmentsPage)),
    },
  ],
};
