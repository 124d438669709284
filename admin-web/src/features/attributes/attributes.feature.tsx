import { TagsOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/feature';
import type { ConsoleFeature } from '../../app/feature';
import { en } from './i18n/en';
import { ja } from './i18n/ja';
import type { AttributesTranslation } from './i18n/ja';

export const attributesFeature: ConsoleFeature<'attributes', AttributesTranslation> = {
  key: 'attributes',
  i18n: { ja, en },
  nav: [
    {
      key: 'attributes',
      path: '/attributes',
      icon: <TagsOutlined />,
      labelKey: 'attributes.nav.label',
      descriptionKey: 'attributes.nav.description',
      permission: 'attributes.read',
    },
  ],
  routes: [
    {
      path: '/attributes',
      permission: 'attributes.read',
      page: lazyPage(() => import('./pages/attributes-page').then((m) => m.AttributesPage)),
    },
  ],
};
