import { MailOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/feature';
import type { ConsoleFeature } from '../../app/feature';
import { en } from './i18n/en';
import { ja } from './i18n/ja';
import type { MailTranslation } from './i18n/ja';

export const mailFeature: ConsoleFeature<'mail', MailTranslation> = {
  key: 'mail',
  i18n: { ja, en },
  nav: [
    {
      key: 'mail',
      path: '/mail',
      icon: <MailOutlined />,
      labelKey: 'mail.nav.label',
      descriptionKey: 'mail.nav.description',
      permission: 'mail.read',
    },
  ],
  routes: [
    {
      path: '/mail',
      permission: 'mail.read',
      page: lazyPage(() => import('./pages/outbound-mail-page').then((m) => m.OutboundMailPage)),
    },
  ],
};
