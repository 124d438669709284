/**
 * The mail lists module's public surface: deliveries check the lists a delivery mirrors to with
 * `lists.usable` and send the mirror with `mirror.enqueueMirror`.
 */
import type { MailListServices } from './mail-lists.module.js';

export { mailListsModule, type MailListServices } from './mail-lists.module.js';
export { MailList } from './mail-list.entity.js';
export type { MailListService } from './mail-list.service.js';
export type { MailMirrorService, MirrorInput, MirrorResult } from './mail-mirror.service.js';

declare module '../../platform/modules/feature-module.js' {
  interface ModuleApis {
    mailLists: MailListServices;
  }
}
