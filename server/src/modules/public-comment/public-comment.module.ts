import { defineModule } from '../../platform/modules/feature-module.js';
import { Migration20261206090000 } from './migrations/Migration20261206090000.js';
import { opinionFormsThrough } from './opinion-form.js';
import { PublicCommentAssignment, PublicCommentDocument, PublicCommentGroup, PublicCommentProcedure } from './public-comment.entity.js';
import { publicCommentPermissions } from './public-comment.permissions.js';
import {
  PublicCommentDocumentResolver,
  PublicCommentGroupResolver,
  PublicCommentProcedureResolver,
  PublishedPublicCommentResolver,
} from './public-comment.resolver.js';
import { publicCommentRoutes } from './public-comment.routes.js';
import { DOCUMENT_OWNER, DOCUMENT_POLICY, DOCUMENT_UPLOAD_POLICY, PublicCommentService } from './public-comment.service.js';

export interface PublicCommentServices {
  readonly publicComments: PublicCommentService;
}

/**
 * Public comment (FORM-12, FORM-13): procedures with their period and documents, the opinions
 * (submissions of each procedure's PUBLIC_COMMENT form), their grouping, and the published
 * 「意見の概要と市の考え方」 as a public page and a CSV.
 */
export const publicCommentModule = defineModule({
  name: 'publicComment',
  needs: ['audit', 'media', 'forms'],
  entities: [PublicCommentProcedure, PublicCommentDocument, PublicCommentGroup, PublicCommentAssignment],
  migrations: [{ name: 'Migration20261206090000', class: Migration20261206090000 }],
  permissions: [publicCommentPermissions],
  resolvers: [PublicCommentProcedureResolver, PublicCommentDocumentResolver, PublicCommentGroupResolver, PublishedPublicCommentResolver],
  create(ctx) {
    const { audit } = ctx.module('audit');
    const { media } = ctx.module('media');
    const { forms } = ctx.module('forms');
    const publicComments = new PublicCommentService(audit, media, opinionFormsThrough(forms), ctx.logger);
    media.registerUploadPolicy(DOCUMENT_UPLOAD_POLICY, DOCUMENT_POLICY);
    media.registerOwner(DOCUMENT_OWNER, { canRead: (c, id) => publicComments.canReadDocument(c, id) });
    return { services: { publicComments }, routes: publicCommentRoutes(publicComments) };
  },
});
