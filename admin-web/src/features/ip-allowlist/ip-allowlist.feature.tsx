import { GlobalOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/feature';
import type { ConsoleFeature } from '../../app/feature';
import { en } from './i18n/en';
import { ja } from './i18n/ja';
import type { IpAllowlistTranslation } from './i18n/ja';

export const ipAllowlistFeature: ConsoleFeature<'ipAllowlist', IpAllowlistTranslation> = {
  key: 'ipAllowlist',
  i18n: { ja, en },
  nav: [
    {
      key: 'ipAllowlist',
      path: '/ip-allowlist',
      icon: <GlobalOutlined />,
      labelKey: 'ipAllowlist.nav.label',
      descriptionKey: 'ipAllowlist.nav.description',
      permission: 'ipallowlist.read',
    },
  ],
  routes: [
    {
      path: '/ip-allowlist',
      permission: 'ipallowlist.read',
      page: lazyPage(() => import('./pages/ip-allowlist-page').then((m) => m.IpAllowlistPage)),
    },
  ],
};
