import { HomeOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/feature';
import type { ConsoleFeature } from '../../app/feature';
import { en } from './i18n/en';
import { ja } from './i18n/ja';
import type { HomeTranslation } from './i18n/ja';

export const homeFeature: ConsoleFeature<'home', HomeTranslation> = {
  key: 'home',
  i18n: { ja, en },
  nav: [{ key: 'home', path: '/', icon: <HomeOutlined />, labelKey: 'home.nav.label' }],
  routes: [{ path: '/', page: lazyPage(() => import('./pages/home-page').then((m) => m.HomePage)) }],
};
