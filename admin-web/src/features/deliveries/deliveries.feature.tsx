import { BranchesOutlined, CalendarOutlined, SendOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/feature';
import type { ConsoleFeature } from '../../app/feature';
import { en } from './i18n/en';
import { ja } from './i18n/ja';
import type { DeliveriesTranslation } from './i18n/ja';

/**
 * Deliveries are read with deliveries.read (the delivery page shows its content, runs and clicks);
 * composing needs deliveries.manage, sending deliveries.send (or an approval), approving deliveries.approve.
 * Step plans, the bulk import and the calendar are read with deliveries.read too; turning a plan on takes deliveries.send.
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
    {
      key: 'deliveryCalendar',
      path: '/deliveries/calendar',
      icon: <CalendarOutlined />,
      labelKey: 'deliveries.calendar.nav.label',
      descriptionKey: 'deliveries.calendar.nav.description',
      permission: 'deliveries.read',
    },
    {
      key: 'deliverySteps',
      path: '/deliveries/steps',
      icon: <BranchesOutlined />,
      labelKey: 'deliveries.steps.nav.label',
      descriptionKey: 'deliveries.steps.nav.description',
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
      path: '/deliveries/calendar',
      permission: 'deliveries.read',
      page: lazyPage(() => import('./pages/delivery-calendar-page').then((m) => m.DeliveryCalendarPage)),
    },
    {
      // As the list: the page itself refuses staff without deliveries.manage.
      path: '/deliveries/import',
      permission: 'deliveries.read',
      page: lazyPage(() => import('./pages/recurring-import-page').then((m) => m.RecurringImportPage)),
    },
    {
      path: '/deliveries/steps',
      permission: 'deliveries.read',
      page: lazyPage(() => import('./pages/step-plans-page').then((m) => m.StepPlansPage)),
    },
    {
      // As the list: a new plan needs deliveries.manage, a saved one opens read-only without it.
      path: '/deliveries/steps/new',
      permission: 'deliveries.read',
      page: lazyPage(() => import('./pages/step-plan-editor-page').then((m) => m.StepPlanEditorPage)),
    },
    {
      path: '/deliveries/steps/:id',
      permission: 'deliveries.read',
      page: lazyPage(() => import('./pages/step-plan-editor-page').then((m) => m.StepPlanEditorPage)),
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
