/** The webhook module's public surface: other modules and the composition root import only this. */
import type { WebhookServices } from './webhook.module.js';

export { webhookModule, type WebhookServices } from './webhook.module.js';
export { WebhookConsumer, WEBHOOK_WAKE_CHANNEL } from './webhook.consumer.js';

declare module '../../platform/modules/feature-module.js' {
  interface ModuleApis {
    webhook: WebhookServices;
  }
}
