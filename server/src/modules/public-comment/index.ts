/** The public-comment module's public surface. */
import type { PublicCommentServices } from './public-comment.module.js';

export { publicCommentModule, type PublicCommentServices } from './public-comment.module.js';
export { PublicCommentStatus } from './public-comment.entity.js';

declare module '../../platform/modules/feature-module.js' {
  interface ModuleApis {
    publicComment: PublicCommentServices;
  }
}
