import { Entity, Enum, Index, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ReadPermission } from '../../platform/auth/access.js';
import { EncryptedType } from '../../platform/crypto/column-types.js';
import { BaseEntity } from '../../platform/db/base.entity.js';

export enum MediaVisibility {
  /** Served at a stable, cacheable URL to anyone (images LINE fetches for messages and rich menus). */
  PUBLIC = 'PUBLIC',
  /** Served only to those the owning record's policy allows (and, before attachment, its uploader). */
  PRIVATE = 'PRIVATE',
}
registerEnumType(MediaVisibility, { name: 'MediaVisibility' });

/** Who uploaded an object: before it is attached, only they may read or attach it. */
export enum MediaUploaderKind {
  STAFF = 'STAFF',
  API_KEY = 'API_KEY',
  RESIDENT = 'RESIDENT',
  /** Someone without an account, known by the upload token their browser holds. */
  ANONYMOUS = 'ANONYMOUS',
  SYSTEM = 'SYSTEM',
}

/**
 * One stored file (and its thumbnail): its type as detected from the bytes, its size and digest,
 * and the record that owns it once a feature attaches it. Until then it belongs to its uploader
 * and is purged after 24 hours. The shooting position is personal data: stored encrypted, and
 * only when the upload's policy asked for it.
 */
@ObjectType({ description: 'an uploaded file; read it at url (private ones only with access to the record that owns it)' })
@ReadPermission('media.read')
@Entity({ tableName: 'media_object' })
@Index({ properties: ['ownerType', 'ownerId'] })
@Index({
  name: 'media_object_unattached_created_at_idx',
  expression: 'create index "media_object_unattached_created_at_idx" on "media_object" ("created_at") where "owner_type" is null',
})
export class MediaObject extends BaseEntity<
  'width' | 'height' | 'thumbnailKey' | 'ownerType' | 'ownerId' | 'attachedAt' | 'uploaderId' | 'uploadTokenHash' | 'takenAt' | 'location'
> {
  @Field(() => MediaVisibility)
  @Enum({ items: () => MediaVisibility, type: 'string' })
  visibility!: MediaVisibility;

  /** The upload policy it was checked against (`attachment`, `line-image`, a feature's own). */
  @Property({ type: 'string', length: 60 })
  policy!: string;

  /** As detected from the stored bytes, never from a file name or a header the client sent. */
  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  contentType!: string;

  @Field(() => Int, { description: 'size of the stored file in bytes' })
  @Property({ type: 'integer' })
  byteSize!: number;

  /** Hex SHA-256 of the stored bytes: the public URL's ETag, and a check on what the store returns. */
  @Property({ type: 'string', length: 64 })
  sha256!: string;

  @Field(() => Int, { nullable: true, description: 'pixels, for images' })
  @Property({ type: 'integer', nullable: true })
  width?: number | null;

  @Field(() => Int, { nullable: true, description: 'pixels, for images' })
  @Property({ type: 'integer', nullable: true })
  height?: number | null;

  @Property({ type: 'string', length: 200, hidden: true })
  storageKey!: string;

  @Property({ type: 'string', length: 200, nullable: true, hidden: true })
  thumbnailKey?: string | null;

  /** `<feature>.<thing>` of the owning record, as registered with `registerOwner`; null until attached. */
  @Property({ type: 'string', length: 60, nullable: true })
  ownerType?: string | null;

  @Property({ type: 'uuid', nullable: true })
  ownerId?: string | null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  attachedAt?: Date | null;

  @Enum({ items: () => MediaUploaderKind, type: 'string' })
  uploaderKind!: MediaUploaderKind;

  /** The staff member's, resident's or API key's id (or the system job's name); null for anonymous uploads. */
  @Property({ type: 'string', length: 100, nullable: true })
  uploaderId?: string | null;

  /** Hex SHA-256 of an anonymous uploader's token (a random secret, like session tokens). */
  @Property({ type: 'string', length: 64, nullable: true, hidden: true })
  uploadTokenHash?: string | null;

  /** EXIF DateTimeOriginal, when the policy asked for it. */
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  takenAt?: Date | null;

  /** EXIF GPS position as JSON `{"latitude":…,"longitude":…}`, encrypted; read it with `MediaService.locationOf`. */
  @Property({ type: EncryptedType, nullable: true, hidden: true })
  location?: string | null;
}
