/** The mail module's public surface: other features queue mail with `MailService.queue` in their transaction. */
import type { MailServices } from './mail.module.js';

export { mailModule, type MailServices } from './mail.module.js';
export { MailService, type QueueOptions } from './mail.service.js';
export { OutboundMail, OutboundMailStatus } from './outbound-mail.entity.js';

declare module '../../platform/modules/feature-module.js' {
  interface ModuleApis {
    mail: MailServices;
  }
}
