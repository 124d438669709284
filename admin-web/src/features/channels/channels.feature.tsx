import { MessageOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/feature';
import type { ConsoleFeature } from '../../app/feature';
import { en } from './i18n/en';
import { ja } from './i18n/ja';
import type { ChannelsTranslation } from './i18n/ja';

export const channelsFeature: ConsoleFeature<'channels', ChannelsTranslation> = {
  key: 'channels',
  i18n: { ja, en },
  nav: [
    {
      key: 'channels',
      path: '/channels',
      icon: <MessageOutlined />,
      labelKey: 'channels.nav.label',
      descriptionKey: 'channels.nav.description',
      permission: 'channels.read',
    },
  ],
  routes: [
    {
      path: '/channels',
      permission: 'channels.read',
      page: lazyPage(() => import('./pages/line-channels-page').then((m) => m.LineChannelsPage)),
    },
    {
      path: '/channels/:id',
      permission: 'channels.read',
      page: lazyPage(() => import('./pages/line-channel-detail-page').then((m) => m.LineChannelDetailPage)),
    },
  ],
};
