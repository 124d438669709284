import type { AnyFeatureModule } from '../platform/modules/feature-module.js';
import { attributesModule } from './attributes/index.js';
import { auditModule } from './audit/index.js';
import { channelsModule } from './channels/index.js';
import { deliveriesModule } from './deliveries/index.js';
import { formsModule } from './forms/index.js';
import { formTalkModule } from './form-talk/index.js';
import { identityModule } from './identity/index.js';
import { linksModule } from './links/index.js';
import { mailModule } from './mail/index.js';
import { mailListsModule } from './mail-lists/index.js';
import { mediaModule } from './media/index.js';
import { residentsModule } from './residents/index.js';
import { segmentsModule } from './segments/index.js';
import { publicCommentModule } from './public-comment/index.js';
import { webhookModule } from './webhook/index.js';

/**
 * Every feature module, in the order they are created (a module after those it needs) and their
 * webhook handlers run. A new feature adds one line here.
 */
export const featureModules: readonly AnyFeatureModule[] = [
  auditModule,
  identityModule,
  channelsModule,
  mediaModule,
  linksModule,
  residentsModule,
  attributesModule,
  webhookModule,
  mailModule,
  mailListsModule,
  formsModule,
  publicCommentModule,
  formTalkModule,
  segmentsModule,
  deliveriesModule,
];
