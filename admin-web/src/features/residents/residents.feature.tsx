import { SmileOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/feature';
import type { ConsoleFeature } from '../../app/feature';
import { en } from './i18n/en';
import { ja } from './i18n/ja';
import type { ResidentsTranslation } from './i18n/ja';

export const residentsFeature: ConsoleFeature<'residents', ResidentsTranslation> = {
  key: 'residents',
  i18n: { ja, en },
  nav: [
    {
      key: 'residents',
      path: '/residents',
      icon: <SmileOutlined />,
      labelKey: 'residents.nav.label',
      descriptionKey: 'residents.nav.description',
      permission: 'residents.read',
    },
  ],
  routes: [
    {
      path: '/residents',
      permission: 'residents.read',
      page: lazyPage(() => import('./pages/residents-page').then((m) => m.ResidentsPage)),
    },
    {
      path: '/residents/:id',
      permission: 'residents.read',
      page: lazyPage(() => import('./pages/resident-detail-page').then((m) => m.ResidentDetailPage)),
    },
  ],
};
