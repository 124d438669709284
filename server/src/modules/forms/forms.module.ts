import { defineModule } from '../../platform/modules/feature-module.js';
import { FormExport } from './form-export.js';
import { FormAnswerDraft, FormSubmission, FormSubmissionStatusChange, FormSubmitterMessage } from './form-submission.entity.js';
import { Form, FormVersion } from './form.entity.js';
import { FormService } from './form.service.js';
import { formPermissions } from './forms.permissions.js';
import { FormResolver, FormSubmissionResolver } from './forms.resolver.js';
import { ResidentFormResolver } from './forms.resident.resolver.js';
import { formRoutes } from './forms.routes.js';
import { Migration20261205090000 } from './migrations/Migration20261205090000.js';
import { Migration20261207090000 } from './migrations/Migration20261207090000.js';
import { Migration20261215134100 } from './migrations/Migration20261215134100.js';
import { FormVia } from './form-via.js';
import { SUBMISSION_MEDIA_OWNER, SubmissionService } from './submission.service.js';

export interface FormServices {
  readonly forms: FormService;
  readonly submissions: SubmissionService;
  readonly exports: FormExport;
  /** The signed reference a delivery run's form link carries to the run (`?via=`), checked on submit. */
  readonly via: FormVia;
}

/**
 * Forms (FORM-01..19, RES-05..07): staff build registration forms, surveys, e-applications and
 * public comments from one definition; residents answer in LIFF or a browser; staff work the
 * answers (status workflow, staff fields, a message to one submitter, summaries, CSV and Excel).
 */
export const formsModule = defineModule({
  name: 'forms',
  needs: ['audit', 'mail', 'media', 'residents', 'channels', 'attributes'],
  entities: [Form, FormVersion, FormSubmission, FormSubmissionStatusChange, FormSubmitterMessage, FormAnswerDraft],
  migrations: [
    { name: 'Migration20261205090000', class: Migration20261205090000 },
    { name: 'Migration20261207090000', class: Migration20261207090000 },
    // the delivery run behind an answer
    { name: 'Migration20261215134100', class: Migration20261215134100 },
  ],
  permissions: [formPermissions],
  resolvers: [FormResolver, FormSubmissionResolver, ResidentFormResolver],
  create(ctx) {
    const { audit } = ctx.module('audit');
    const { mail } = ctx.module('mail');
    const { media } = ctx.module('media');
    const { attributes } = ctx.module('attributes');
    const { lineChannels } = ctx.module('channels');
    const { talkLog } = ctx.module('residents');
    const publicUrl = ctx.config.PUBLIC_URL.replace(/\/$/, '');
    const forms = new FormService(audit, attributes, ctx.logger);
    const via = new FormVia(ctx.keyring.deriveKey('forms-delivery-via'));
    const submissions = new SubmissionService(
      forms,
      via,
      audit,
      mail,
      media,
      attributes,
      lineChannels,
      ctx.lineGateway,
      talkLog,
      ctx.rateLimiter,
      ctx.logger,
      publicUrl,
    );
    media.registerOwner(SUBMISSION_MEDIA_OWNER, { canRead: (c, ownerId) => submissions.canReadFiles(c, ownerId) });
    const exports = new FormExport(audit, ctx.logger);
    return {
      services: { forms, submissions, exports, via },
      routes: formRoutes(exports, ctx.rateLimiter, publicUrl, ctx.logger),
    };
  },
});
