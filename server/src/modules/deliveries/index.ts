/** The deliveries module's public surface. */
import type { DeliveryServices } from './deliveries.module.js';

export { deliveriesModule, type DeliveryServices } from './deliveries.module.js';
export {
  Delivery,
  DeliveryRun,
  DeliveryRunKind,
  DeliveryRunStatus,
  DeliveryStatus,
  DeliveryTargetKind,
  DeliveryTiming,
} from './delivery.entity.js';
export type { DeliveryService } from './delivery.service.js';
export type { DeliveryRunner, RunProgress } from './delivery-runner.js';
export type { DeliveryStatsService, CollectResult } from './delivery-stats.service.js';
export { DeliveryStepPlan } from './delivery-step.entity.js';
export type { DeliveryStepService, StepRunResult } from './delivery-step.service.js';
export type { RecurringImportService } from './recurring-import.service.js';
export {
  DEMO_SURVEY_DELIVERY,
  quarterlySurveyRule,
  seedDemoDeliveries,
  type DemoDeliveryTargets,
  type SeededDelivery,
} from './deliveries.seed.js';

declare module '../../platform/modules/feature-module.js' {
  interface ModuleApis {
    deliveries: DeliveryServices;
  }
}
