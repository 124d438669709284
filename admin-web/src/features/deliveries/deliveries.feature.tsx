import { SendOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/feature';
import type { ConsoleFeature } from '../../app/feature';
import { en } from './i18n/en';
import { ja } from './i18n/ja';
import type { DeliveriesTranslation } from './i18n/ja';

/**
 * Deliveries are read with deliveries.read (the delivery page shows its content, runs and clicks);
 * composing needs deliveries.manage, sending deliveries.send (or an approval), approving deliveries.approve.
 */
export const deliveriesFeature: ConsoleFeature<'deliveries', DeliveriesTranslation> = {
  key: 'deliveries',
  i18n: { ja, en },
  nav: [
    {
      key: 'deliveries',
      path: '/deliveries',
      icon: <SendOutlined />,
      labelKey: 'deliveries.nav.label',
      descriptionKey: 'deliveries.nav.description',
      permission: 'deliveries.read',
    },
  ],
  routes: [
    {
      path: '/deliveries',
      permission: 'deliveries.read',
      page: lazyPage(() => import('./pages/deliveries-page').then((m) => m.DeliveriesPage)),
    },
    {
      // As the list: the editor itself refuses staff without deliveries.manage.
      path: '/deliveries/new',
      permission: 'deliveries.read',
      page: lazyPage(() => import('./pages/delivery-editor-page').then((m) => m.DeliveryEditorPage)),
    },
    {
      path: '/deliveries/:id',
      permission: 'deliveries.read',
      page: lazyPage(() => import('./pages/delivery-page').then((m) => m.DeliveryPage)),
    },
    {
      path: '/deliveries/:id/edit',
      permission: 'deliveries.read',
      page: lazyPage(() => import('./pages/delivery-editor-page').then((m) => m.DeliveryEditorPage)),
    },
  ],
};
