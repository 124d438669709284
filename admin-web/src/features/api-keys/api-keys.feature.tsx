import { ApiOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/feature';
import type { ConsoleFeature } from '../../app/feature';
import { en } from './i18n/en';
import { ja } from './i18n/ja';
import type { ApiKeysTranslation } from './i18n/ja';

export const apiKeysFeature: ConsoleFeature<'apiKeys', ApiKeysTranslation> = {
  key: 'apiKeys',
  i18n: { ja, en },
  nav: [
    {
      key: 'apiKeys',
      path: '/api-keys',
      icon: <ApiOutlined />,
      labelKey: 'apiKeys.nav.label',
      descriptionKey: 'apiKeys.nav.description',
      permission: 'apikeys.read',
    },
  ],
  routes: [
    { path: '/api-keys', permission: 'apikeys.read', page: lazyPage(() => import('./pages/api-keys-page').then((m) => m.ApiKeysPage)) },
  ],
};
