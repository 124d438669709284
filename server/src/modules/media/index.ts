/** The media module's public surface: other modules and the composition root import only this. */
import type { MediaServices } from './media.module.js';

export { mediaModule, type MediaServices } from './media.module.js';
export { MediaObject, MediaVisibility } from './media-object.entity.js';
export type { IngestOptions, MediaService, OpenedMedia } from './media.service.js';
export type { MediaOwnerPolicy } from './media.policy.js';
export type { GeoPosition } from './exif.js';
export {
  BUILT_IN_UPLOAD_POLICIES,
  DEFAULT_UPLOAD_POLICY,
  MEDIA_TYPES,
  type ImageOptions,
  type MediaContentType,
  type MediaPolicy,
  type UploadPolicy,
} from './media-policy.js';
export { UPLOAD_TOKEN_COOKIE } from './media.routes.js';

declare module '../../platform/modules/feature-module.js' {
  interface ModuleApis {
    media: MediaServices;
  }
}
