import { sha256Hex } from '../../platform/crypto/digest.js';
import { authorize } from '../../platform/auth/gate.js';
import type { Actor } from '../../platform/context/actor.js';
import type { ServiceContext } from '../../platform/context/context.js';
import { AppError, ErrorCode } from '../../platform/errors/app-error.js';
import { MediaObject, MediaUploaderKind, MediaVisibility } from './media-object.entity.js';

/**
 * How a feature says who may read the media attached to its records (a form submission's files,
 * a report's photos): registered once per owner type with `media.registerOwner`.
 */
export interface MediaOwnerPolicy {
  /**
   * Whether the actor may read the record `ownerId` (and so its media). Answer false for records
   * the actor may not see, as for records that do not exist; NOT_FOUND or FORBIDDEN thrown here
   * count as false.
   */
  canRead(ctx: ServiceContext, ownerId: string): Promise<boolean>;
}

const OWNER_TYPE = /^[a-z][a-z0-9]*\.[a-z][A-Za-z0-9]*$/;

/** The uploader columns for an actor; anonymous uploaders are known by their token's hash. */
export function uploaderOf(
  actor: Actor,
  uploadToken: string | undefined,
): Pick<MediaObject, 'uploaderKind' | 'uploaderId' | 'uploadTokenHash'> {
  switch (actor.kind) {
    case 'staff':
      return { uploaderKind: MediaUploaderKind.STAFF, uploaderId: actor.staffId, uploadTokenHash: null };
    case 'apiKey':
      return { uploaderKind: MediaUploaderKind.API_KEY, uploaderId: actor.apiKeyId, uploadTokenHash: null };
    case 'resident':
      return { uploaderKind: MediaUploaderKind.RESIDENT, uploaderId: actor.residentId, uploadTokenHash: null };
    case 'system':
      return { uploaderKind: MediaUploaderKind.SYSTEM, uploaderId: actor.name, uploadTokenHash: null };
    case 'anonymous':
      if (!uploadToken) throw new Error('an anonymous upload needs an upload token');
      return { uploaderKind: MediaUploaderKind.ANONYMOUS, uploaderId: null, uploadTokenHash: sha256Hex(uploadToken) };
  }
}

/** Whether the actor (with the upload token their browser holds, for anonymous ones) uploaded it. */
export function isUploader(actor: Actor, media: MediaObject, uploadToken: string | undefined): boolean {
  switch (actor.kind) {
    case 'staff':
      return media.uploaderKind === MediaUploaderKind.STAFF && media.uploaderId === actor.staffId;
    case 'apiKey':
      return media.uploaderKind === MediaUploaderKind.API_KEY && media.uploaderId === actor.apiKeyId;
    case 'resident':
      return media.uploaderKind === MediaUploaderKind.RESIDENT && media.uploaderId === actor.residentId;
    case 'system':
      return true;
    case 'anonymous':
      return (
        media.uploaderKind === MediaUploaderKind.ANONYMOUS &&
        Boolean(uploadToken) &&
        Boolean(media.uploadTokenHash) &&
        media.uploadTokenHash === sha256Hex(uploadToken!)
      );
  }
}

/** Who may read which media: the owners' policies, and the uploader before attachment. */
export class MediaAccessPolicy {
  private readonly owners = new Map<string, MediaOwnerPolicy>();

  registerOwner(ownerType: string, policy: MediaOwnerPolicy): void {
    if (!OWNER_TYPE.test(ownerType)) throw new Error(`media owner type ${ownerType} is not <feature>.<thing>`);
    if (this.owners.has(ownerType)) throw new Error(`media owner type ${ownerType} is registered twice`);
    this.owners.set(ownerType, policy);
  }

  isOwnerType(ownerType: string): boolean {
    return this.owners.has(ownerType);
  }

  /**
   * Whether the actor may read a private object (public ones are anyone's). Staff and API keys go
   * through the one gate with media.read first (TOTP enrolment and forced password change
   * included); then an unattached object is its uploader's alone, and an attached one is readable
   * by whoever its owner's policy says may read the owning record.
   */
  async canRead(ctx: ServiceContext, media: MediaObject, uploadToken: string | undefined): Promise<boolean> {
    if (media.visibility === MediaVisibility.PUBLIC) return true;
    if (ctx.actor.kind === 'staff' || ctx.actor.kind === 'apiKey') authorize(ctx.actor, ['media.read']);
    if (!media.ownerType || !media.ownerId) return isUploader(ctx.actor, media, uploadToken);
    const owner = this.owners.get(media.ownerType);
    if (!owner) return false;
    try {
      return (await owner.canRead(ctx, media.ownerId)) === true;
    } catch (err) {
      if (err instanceof AppError && (err.code === ErrorCode.NOT_FOUND || err.code === ErrorCode.FORBIDDEN)) return false;
      throw err;
    }
  }
}
