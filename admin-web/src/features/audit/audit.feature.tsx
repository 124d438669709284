import { AuditOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/feature';
import type { ConsoleFeature } from '../../app/feature';
import { en } from './i18n/en';
import { ja } from './i18n/ja';
import type { AuditTranslation } from './i18n/ja';

export const auditFeature: ConsoleFeature<'audit', AuditTranslation> = {
  key: 'audit',
  i18n: { ja, en },
  nav: [
    {
      key: 'audit',
      path: '/audit',
      icon: <AuditOutlined />,
      labelKey: 'audit.nav.label',
      descriptionKey: 'audit.nav.description',
      permission: 'audit.read',
    },
  ],
  routes: [
    { path: '/audit', permission: 'audit.read', page: lazyPage(() => import('./pages/audit-log-page').then((m) => m.AuditLogPage)) },
  ],
};
